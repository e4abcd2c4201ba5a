import type { Principal } from '@stapsteen/auth';
import { InMemoryOrganisations } from '../../../test/in-memory-organisations';
import { InMemoryParticipants } from '../../../test/in-memory-participants';
import { EnrolParticipantHandler } from './enrol-participant';

const organisations = new InMemoryOrganisations([
  { id: 'org-neteland', name: 'Wijk-werken Neteland', kind: 'WIJK_WERK', regionId: 'region-kempen' },
  { id: 'partner-vdab', name: 'VDAB Kempen', kind: 'VDAB', regionId: 'region-kempen' },
]);
const clock = { now: () => new Date('2026-11-23T10:00:00Z'), today: () => '2026-11-23' };
const organiser: Principal = {
  userId: 'organiser-1',
  role: 'ORGANISER',
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};
const input = {
  organisationId: 'org-neteland',
  firstName: 'Sofie',
  lastName: 'Verbeeck',
  dateOfBirth: '1987-04-12',
  referralSource: 'VDAB' as const,
};

describe('EnrolParticipantHandler', () => {
  it('stores the participant together with its enrolment event and wakes the relay', async () => {
    const participants = new InMemoryParticipants();
    let nudged = 0;
    const handler = new EnrolParticipantHandler(participants, organisations, clock, () => nudged++);

    const participant = await handler.execute(organiser, input);

    expect(participant).toMatchObject({
      regionId: 'region-kempen',
      enrolledOn: '2026-11-23',
      enrolledBy: 'organiser-1',
    });
    expect(participants.outboxOf(participant.id)).toEqual([
      expect.objectContaining({
        topic: 'stapsteen.participants.v1',
        key: participant.id,
        type: 'participant.enrolled@v1',
      }),
    ]);
    expect(nudged).toBe(1);
  });

  it('refuses an organiser of another organisation and stores nothing', async () => {
    const participants = new InMemoryParticipants();
    const stranger: Principal = { ...organiser, organisationIds: ['org-herentals'] };

    await expect(
      new EnrolParticipantHandler(participants, organisations, clock).execute(stranger, input),
    ).rejects.toMatchObject({
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(participants.documents.size).toBe(0);
  });

  it('refuses a regional manager, who follows but does not enrol', async () => {
    const manager: Principal = {
      userId: 'm',
      role: 'REGIONAL_MANAGER',
      organisationIds: [],
      regionId: 'region-kempen',
    };
    await expect(
      new EnrolParticipantHandler(new InMemoryParticipants(), organisations, clock).execute(manager, input),
    ).rejects.toMatchObject({
      code: 'AUTH.OUT_OF_SCOPE',
    });
  });

  it('refuses enrolment in a partner organisation', async () => {
    const admin: Principal = { userId: 'a', role: 'ADMIN', organisationIds: [], regionId: null };
    await expect(
      new EnrolParticipantHandler(new InMemoryParticipants(), organisations, clock).execute(admin, {
        ...input,
        organisationId: 'partner-vdab',
      }),
    ).rejects.toMatchObject({ code: 'ORGANISATION.NOT_WIJK_WERK' });
  });
});
