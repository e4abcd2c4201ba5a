import type { Principal } from '@stapsteen/auth';
import { InMemoryParticipants } from '../../../test/in-memory-participants';
import { enrolParticipant } from '../domain/participant';
import { DEFAULT_TRAJECTORY_POLICY } from '../domain/trajectory';
import { ChangeTrajectoryHandler } from './change-trajectory';
import { ParticipantWriter } from './participant-writer';

const organiser: Principal = {
  userId: 'o',
  role: 'ORGANISER',
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};

async function setUp() {
  const participants = new InMemoryParticipants();
  const today = '2026-03-10';
  const clock = { now: () => new Date(`${today}T08:00:00Z`), today: () => today };
  const handler = new ChangeTrajectoryHandler(new ParticipantWriter(participants), clock, DEFAULT_TRAJECTORY_POLICY);
  const { state } = enrolParticipant(
    {
      id: 'p-1',
      trajectoryId: 't-1',
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
      enrolledOn: '2026-01-06',
      enrolledBy: 'o',
    },
    '2026-01-06',
  );
  await participants.insert(state, []);
  return { participants, handler };
}

describe('a trajectory step whose event breaks its contract (the outbox check below every use case)', () => {
  it('is refused with EVENT.INVALID and nothing is stored: no state, no version, no event', async () => {
    const { participants, handler } = await setUp();
    const before = structuredClone(participants.documents.get('p-1'));

    await expect(handler.execute(organiser, 'p-1', { kind: 'start', on: '2026-02-31' })).rejects.toMatchObject({
      name: 'InvalidEventError',
      status: 500,
      response: { code: 'EVENT.INVALID', eventType: 'trajectory.started@v1' },
    });

    expect(participants.documents.get('p-1')).toEqual(before);
    expect(participants.outboxOf('p-1')).toEqual([]);
  });

  it('stores the same step on a date that exists, with its event', async () => {
    const { participants, handler } = await setUp();
    await handler.execute(organiser, 'p-1', { kind: 'start', on: '2026-02-28' });
    expect(participants.documents.get('p-1')?.version).toBe(2);
    expect(participants.outboxOf('p-1').map((e) => e.type)).toEqual(['trajectory.started@v1']);
  });
});
