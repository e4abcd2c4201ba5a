import { Principal, assertCanWriteOrganisation, canAccess } from '@stapsteen/auth';
import type { AssessorKind } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { OutboxEntry, stampForOutbox } from '@stapsteen/messaging';
import { randomUUID } from 'node:crypto';
import type { CatalogueService } from '../../competencies/application/catalogue-service';
import type { ParticipantRoster, RosterEntry } from '../../participants/application/participant-roster';
import { Clock, brusselsDateOf } from '../../shared/application/clock';
import type { ParticipantChanges } from '../../shared/application/participant-changes';
import {
  Assessment,
  AssessmentWithChange,
  Rating,
  assessedFact,
  createAssessment,
  withChanges,
} from '../domain/assessment';

export interface AssessmentRepository {
  /** Stores new assessments, each with its event in the same document. */
  insertMany(records: Array<{ assessment: Assessment; outbox: OutboxEntry[] }>): Promise<void>;
  forParticipant(participantId: string): Promise<Assessment[]>;
  forOrganisation(organisationId: string): Promise<Assessment[]>;
  /** Right to erasure: the notes are personal data. */
  deleteForParticipant(participantId: string): Promise<void>;
}

export const ASSESSMENT_REPOSITORY = Symbol('ASSESSMENT_REPOSITORY');

export interface RatingsInput {
  assessorKind: AssessorKind;
  assessedOn: string;
  ratings: Rating[];
}

export interface BulkEntry {
  participantId: string;
  ratings: Rating[];
}

export const MAX_BULK_PARTICIPANTS = 100;

export class AssessmentService {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly roster: ParticipantRoster,
    private readonly catalogues: CatalogueService,
    private readonly clock: Clock,
    private readonly changes: ParticipantChanges,
    private readonly onStored: () => void = () => undefined,
  ) {}

  async record(principal: Principal, participantId: string, input: RatingsInput): Promise<Assessment> {
    const [stored] = await this.bulk(principal, input.assessorKind, input.assessedOn, [
      { participantId, ratings: input.ratings },
    ]);
    return stored;
  }

  /**
   * Many participants at once (a group session's attendees): every one is checked first, and
   * nothing is stored unless all of them pass, so a refused bulk leaves nothing half-stored.
   */
  async bulk(
    principal: Principal,
    assessorKind: AssessorKind,
    assessedOn: string,
    entries: BulkEntry[],
  ): Promise<Assessment[]> {
    if (entries.length === 0 || entries.length > MAX_BULK_PARTICIPANTS) {
      throw new DomainError(
        'COACHING.BULK_SIZE',
        'validation',
        `Rate between 1 and ${MAX_BULK_PARTICIPANTS} participants at once.`,
      );
    }
    const ids = entries.map((entry) => entry.participantId);
    if (new Set(ids).size !== ids.length) {
      throw new DomainError('COACHING.PARTICIPANT_REPEATED', 'validation', 'List each participant once.');
    }
    const now = this.clock.now();
    const assessments: Assessment[] = [];
    for (const entry of entries) {
      const participant = await this.writableParticipant(principal, entry.participantId);
      const catalogue = await this.catalogues.current(participant.organisationId);
      assessments.push(
        createAssessment(
          {
            id: randomUUID(),
            participant,
            assessorKind,
            assessedOn,
            ratings: entry.ratings,
            recordedBy: principal.userId,
            recordedAt: now.toISOString(),
            today: brusselsDateOf(now),
          },
          catalogue,
        ),
      );
    }
    await this.assessments.insertMany(
      assessments.map((assessment) => ({ assessment, outbox: stampForOutbox([assessedFact(assessment)], 'coaching') })),
    );
    this.onStored();
    await this.changes.touched(ids);
    return assessments;
  }

  /** Every assessment, oldest first, each with the change since the same kind of assessor's previous rating. */
  async history(
    principal: Principal,
    participantId: string,
    assessorKind?: AssessorKind,
  ): Promise<AssessmentWithChange[]> {
    await this.readableParticipant(principal, participantId);
    const history = withChanges(await this.assessments.forParticipant(participantId));
    return assessorKind ? history.filter((assessment) => assessment.assessorKind === assessorKind) : history;
  }

  async readableParticipant(principal: Principal, participantId: string): Promise<RosterEntry> {
    const participant = await this.roster.findById(participantId);
    if (!participant || !canAccess(principal, participant)) throw participantNotFound();
    return participant;
  }

  async writableParticipant(principal: Principal, participantId: string): Promise<RosterEntry> {
    const participant = await this.readableParticipant(principal, participantId);
    assertCanWriteOrganisation(principal, participant.organisationId);
    return participant;
  }
}

export function participantNotFound(): DomainError {
  return new DomainError(
    'COACHING.PARTICIPANT_NOT_FOUND',
    'not-found',
    'There is no such participant in your organisations.',
  );
}
