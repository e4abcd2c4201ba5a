import type { Principal } from '@stapsteen/auth';
import { InMemoryParticipants } from '../../../test/in-memory-participants';
import { enrolParticipant } from '../domain/participant';
import { DEFAULT_TRAJECTORY_POLICY, endTrajectory, newTrajectory, startTrajectory } from '../domain/trajectory';
import { ParticipantLifecycle } from './participant-lifecycle';
import { ParticipantWriter } from './participant-writer';

const organiser: Principal = {
  userId: 'o',
  role: 'ORGANISER',
  organisationIds: ['org-neteland'],
  regionId: 'region-kempen',
};

function setUp(today = '2031-04-02') {
  const participants = new InMemoryParticipants();
  const clock = { now: () => new Date(`${today}T08:00:00Z`), today: () => today };
  const lifecycle = new ParticipantLifecycle(new ParticipantWriter(participants), participants, clock, 5);
  return { participants, lifecycle };
}

async function enrolled(participants: InMemoryParticipants, id: string, endedOn: string | null) {
  const { state } = enrolParticipant(
    {
      id,
      trajectoryId: `t-${id}`,
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
      enrolledOn: '2025-01-06',
      enrolledBy: 'o',
    },
    '2025-01-06',
  );
  let trajectory = startTrajectory(state.trajectories[0], '2025-01-13', '2025-01-13', false, DEFAULT_TRAJECTORY_POLICY);
  if (endedOn) trajectory = endTrajectory(trajectory, endedOn, endedOn, 'NEC_JOB', DEFAULT_TRAJECTORY_POLICY);
  await participants.insert({ ...state, trajectories: [trajectory] }, []);
}

describe('the participant lifecycle', () => {
  it('announces a new coach to the other services, without the full name', async () => {
    const { participants, lifecycle } = setUp();
    await enrolled(participants, 'p-1', null);

    await lifecycle.update(organiser, 'p-1', { coachId: 'coach-bram' });

    const [event] = participants.outboxOf('p-1').map((e) => JSON.parse(e.value));
    expect(event).toMatchObject({
      type: 'participant.updated',
      data: { coachId: 'coach-bram', displayName: 'Sofie V.' },
    });
    expect(JSON.stringify(event)).not.toContain('Verbeeck');
  });

  it('announces nothing when only private details change', async () => {
    const { participants, lifecycle } = setUp();
    await enrolled(participants, 'p-1', null);
    await lifecycle.update(organiser, 'p-1', { referrerName: 'An Peeters (VDAB Geel)' });
    expect(participants.outboxOf('p-1')).toEqual([]);
  });

  it('erases the personal data on request, keeps the trajectory for the figures, and tells the others', async () => {
    const { participants, lifecycle } = setUp();
    await enrolled(participants, 'p-1', '2025-12-19');

    const erased = await lifecycle.erase(organiser, 'p-1');

    expect(erased).toMatchObject({
      firstName: 'Geanonimiseerd',
      lastName: '',
      dateOfBirth: null,
      nationalRegisterNumber: null,
    });
    expect(erased.trajectories[0]).toMatchObject({ destination: 'NEC_JOB', endedOn: '2025-12-19' });
    expect(participants.outboxOf('p-1').map((e) => e.type)).toEqual(['participant.erased@v1']);
    await expect(lifecycle.update(organiser, 'p-1', { firstName: 'Sofie' })).rejects.toMatchObject({
      code: 'PARTICIPANT.ERASED',
    });
  });

  it('anonymises only participants whose trajectory ended at least the retention period ago', async () => {
    const { participants, lifecycle } = setUp('2031-04-02');
    await enrolled(participants, 'ended-long-ago', '2026-04-01');
    await enrolled(participants, 'ended-recently', '2026-04-03');
    await enrolled(participants, 'still-active', null);

    expect(await lifecycle.anonymiseExpired()).toBe(1);
    expect((await participants.findById('ended-long-ago'))?.anonymisedAt).not.toBeNull();
    expect((await participants.findById('ended-recently'))?.anonymisedAt).toBeNull();
  });

  it('anonymises each participant once when two instances run the retention check at the same time', async () => {
    const { participants } = setUp('2031-04-02');
    const clock = { now: () => new Date('2031-04-02T08:00:00Z'), today: () => '2031-04-02' };
    // Two processes: each its own writer (its own lock), one store.
    const instances = [1, 2].map(
      () => new ParticipantLifecycle(new ParticipantWriter(participants), participants, clock, 5),
    );
    for (const id of ['p-1', 'p-2', 'p-3']) await enrolled(participants, id, '2026-03-01');
    await enrolled(participants, 'ended-recently', '2026-04-03');

    const counts = await Promise.all(instances.map((instance) => instance.anonymiseExpired()));

    expect(counts[0] + counts[1]).toBe(3);
    for (const id of ['p-1', 'p-2', 'p-3']) {
      expect((await participants.findById(id))?.anonymisedAt).toBe('2031-04-02T08:00:00.000Z');
      expect(participants.outboxOf(id).map((e) => e.type)).toEqual(['participant.erased@v1']);
    }
    expect((await participants.findById('ended-recently'))?.anonymisedAt).toBeNull();
  });

  it('leaves alone a participant referred again between the retention list and the write', async () => {
    const { participants, lifecycle } = setUp('2031-04-02');
    await enrolled(participants, 'p-1', '2026-03-01');
    const listEnded = participants.listEnded.bind(participants);
    jest.spyOn(participants, 'listEnded').mockImplementation(async () => {
      const list = await listEnded();
      // A user refers the participant again right after the retention check read its list.
      const [ended] = list;
      await participants.update(
        { ...ended, trajectories: [...ended.trajectories, newTrajectory('t-2', '2031-04-01', true)] },
        1,
        [],
      );
      return list;
    });

    expect(await lifecycle.anonymiseExpired()).toBe(0);
    const kept = await participants.findById('p-1');
    expect(kept).toMatchObject({ firstName: 'Sofie', lastName: 'Verbeeck', anonymisedAt: null });
    expect(kept?.trajectories.map((t) => t.status)).toEqual(['ENDED', 'REFERRED']);
    expect(participants.outboxOf('p-1')).toEqual([]);
  });

  it('keeps a participant of another organisation out of reach', async () => {
    const { participants, lifecycle } = setUp();
    await enrolled(participants, 'p-1', null);
    const stranger: Principal = { ...organiser, organisationIds: ['org-herentals'] };
    await expect(lifecycle.erase(stranger, 'p-1')).rejects.toMatchObject({ code: 'PARTICIPANT.NOT_FOUND' });
  });
});
