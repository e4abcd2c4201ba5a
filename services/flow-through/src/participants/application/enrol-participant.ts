import { Principal, assertCanWriteOrganisation } from '@stapsteen/auth';
import { DomainError } from '@stapsteen/errors';
import { stampForOutbox } from '@stapsteen/messaging';
import { randomUUID } from 'node:crypto';
import type { OrganisationDirectory } from '../../organisations/application/organisation-directory';
import { assertRunsWijkWerken } from '../../organisations/domain/organisation';
import type { Clock } from '../../shared/clock';
import { EnrolParticipant, ParticipantState, enrolParticipant } from '../domain/participant';
import type { ParticipantRepository } from './participant-repository';

export type EnrolParticipantInput = Omit<
  EnrolParticipant,
  'id' | 'regionId' | 'enrolledBy' | 'enrolledOn' | 'trajectoryId'
> & {
  enrolledOn?: string;
};

export class EnrolParticipantHandler {
  constructor(
    private readonly participants: ParticipantRepository,
    private readonly organisations: OrganisationDirectory,
    private readonly clock: Clock,
    private readonly onStored: (participantId: string) => void = () => undefined,
    /** As the participant writer's: the alerts document, time-based alerts and due tasks of the new participant. */
    private readonly afterStored: (participant: ParticipantState) => Promise<void> = async () => undefined,
  ) {}

  async execute(principal: Principal, input: EnrolParticipantInput): Promise<ParticipantState> {
    assertCanWriteOrganisation(principal, input.organisationId);
    const organisation = await this.organisations.findById(input.organisationId);
    if (!organisation) {
      throw new DomainError('ORGANISATION.NOT_FOUND', 'not-found', `There is no organisation ${input.organisationId}.`);
    }
    assertRunsWijkWerken(organisation);
    const today = this.clock.today();
    const { state, events } = enrolParticipant(
      {
        ...input,
        id: randomUUID(),
        trajectoryId: randomUUID(),
        regionId: organisation.regionId,
        enrolledOn: input.enrolledOn ?? today,
        enrolledBy: principal.userId,
      },
      today,
    );
    await this.participants.insert(state, stampForOutbox(events, 'flow-through'));
    this.onStored(state.id);
    await this.afterStored(state);
    return state;
  }
}
