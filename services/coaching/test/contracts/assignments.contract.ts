import { randomUUID } from 'node:crypto';
import type {
  GroupSessionRepository,
  OneOnOneRepository,
  PeerCoachRepository,
} from '../../src/assignments/application/ports';
import type { Enrolment, GroupSession } from '../../src/assignments/domain/group-session';
import type { OneOnOne } from '../../src/assignments/domain/one-on-one';
import type { PeerCoach, PeerPair } from '../../src/assignments/domain/peer';
import { Make, describeAggregateStoreContract } from './aggregate-store.contract';

const ids = (values: Array<{ id: string }>) => values.map((value) => value.id).sort();

/** Organisations and regions of one test only, so a shared database answers only what the test stored. */
function places() {
  const suffix = randomUUID().slice(0, 8);
  return {
    neteland: `org-neteland-${suffix}`,
    geel: `org-geel-${suffix}`,
    elsewhere: `org-elders-${suffix}`,
    kempen: `region-kempen-${suffix}`,
    antwerpen: `region-antwerpen-${suffix}`,
  };
}

const enrolment = (participantId: string, status: Enrolment['status']): Enrolment => ({
  participantId,
  status,
  requestedAt: '2026-05-04T08:00:00.000Z',
  enrolledOn: status === 'WAITING' ? null : '2026-05-04',
  attended: null,
});

export const aGroupSession = (
  id: string,
  where: { organisationId: string; regionId: string } = { organisationId: 'org-neteland', regionId: 'region-kempen' },
  enrolments: Enrolment[] = [],
): GroupSession => ({
  id,
  ...where,
  title: 'Op tijd op het werk',
  competencyCodes: ['STIPTHEID'],
  date: '2026-05-12',
  startTime: '09:30',
  endTime: '12:00',
  place: 'Geel',
  trainer: 'Lies',
  capacity: 12,
  status: 'PLANNED',
  attendanceRecordedOn: null,
  enrolments,
  createdBy: 'organiser-n',
});

export function describeGroupSessionRepositoryContract(name: string, make: Make<GroupSessionRepository>) {
  describeAggregateStoreContract(
    name,
    make,
    (id) => aGroupSession(id, undefined, [enrolment('p-1', 'ENROLLED')]),
    (session) => ({ ...session, enrolments: [...session.enrolments, enrolment('p-2', 'WAITING')] }),
  );

  describe(`${name} keeps the GroupSessionRepository contract`, () => {
    let groups: GroupSessionRepository;
    let at: ReturnType<typeof places>;
    const store = async (where: { organisationId: string; regionId: string }, enrolments: Enrolment[] = []) => {
      const session = aGroupSession(randomUUID(), where, enrolments);
      await groups.insert(session.id, session, []);
      return session;
    };
    beforeEach(async () => {
      groups = await make();
      at = places();
    });

    it("lists a reader's scope: its organisations, its region, both at once, or everything", async () => {
      const neteland = await store({ organisationId: at.neteland, regionId: at.kempen });
      const geel = await store({ organisationId: at.geel, regionId: at.kempen });
      const elsewhere = await store({ organisationId: at.elsewhere, regionId: at.antwerpen });

      expect(await groups.list({ organisationIds: [at.neteland] })).toEqual([neteland]);
      expect(ids(await groups.list({ organisationIds: [at.geel, at.elsewhere] }))).toEqual(ids([geel, elsewhere]));
      expect(ids(await groups.list({ regionId: at.kempen }))).toEqual(ids([neteland, geel]));
      expect(ids(await groups.list({ regionId: at.kempen, organisationIds: [at.geel, at.elsewhere] }))).toEqual(
        ids([geel]),
      );
      expect(await groups.list({ organisationIds: [] })).toEqual([]);
      expect(ids(await groups.list({}))).toEqual(expect.arrayContaining(ids([neteland, geel, elsewhere])));
    });

    it('finds the sessions a participant is seated in, waiting for or left', async () => {
      const where = { organisationId: at.neteland, regionId: at.kempen };
      const participant = randomUUID();
      const seated = await store(where, [enrolment(participant, 'ENROLLED')]);
      const waiting = await store(where, [enrolment('p-1', 'ENROLLED'), enrolment(participant, 'WAITING')]);
      const left = await store(where, [enrolment(participant, 'CANCELLED')]);
      await store(where, [enrolment('p-1', 'ENROLLED')]);

      expect(ids(await groups.forParticipant(participant))).toEqual(ids([seated, waiting, left]));
      expect(await groups.forParticipant(randomUUID())).toEqual([]);
    });
  });
}

export const aOneOnOne = (
  id: string,
  fields: Partial<Pick<OneOnOne, 'participantId' | 'organisationId' | 'regionId' | 'coachId'>> = {},
): OneOnOne => ({
  id,
  participantId: 'p-1',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
  coachId: 'coach-an',
  ...fields,
  competencyCodes: ['STIPTHEID'],
  status: 'ACTIVE',
  startedOn: '2026-05-04',
  endedOn: null,
  endReason: null,
  sessions: [],
});

export function describeOneOnOneRepositoryContract(name: string, make: Make<OneOnOneRepository>) {
  describeAggregateStoreContract(
    name,
    make,
    (id) => aOneOnOne(id),
    (assignment) => ({
      ...assignment,
      sessions: [{ id: 's-1', plannedFor: null, heldOn: '2026-05-04', attended: true, note: 'Goed gesprek' }],
    }),
  );

  describe(`${name} keeps the OneOnOneRepository contract`, () => {
    let oneOnOnes: OneOnOneRepository;
    let at: ReturnType<typeof places>;
    const store = async (fields: Parameters<typeof aOneOnOne>[1]) => {
      const assignment = aOneOnOne(randomUUID(), fields);
      await oneOnOnes.insert(assignment.id, assignment, []);
      return assignment;
    };
    beforeEach(async () => {
      oneOnOnes = await make();
      at = places();
    });

    it('lists by scope, participant and coach, each narrowing the others', async () => {
      const [p1, p2] = [randomUUID(), randomUUID()];
      const coachAn = `coach-an-${randomUUID()}`;
      const a = await store({ participantId: p1, organisationId: at.neteland, regionId: at.kempen, coachId: coachAn });
      const b = await store({
        participantId: p2,
        organisationId: at.neteland,
        regionId: at.kempen,
        coachId: 'coach-bert',
      });
      const c = await store({
        participantId: p1,
        organisationId: at.elsewhere,
        regionId: at.antwerpen,
        coachId: coachAn,
      });
      const inNeteland = { organisationIds: [at.neteland] };

      expect(ids(await oneOnOnes.list({ scope: inNeteland }))).toEqual(ids([a, b]));
      expect(await oneOnOnes.list({ scope: inNeteland, participantId: p1 })).toEqual([a]);
      expect(await oneOnOnes.list({ scope: { regionId: at.kempen }, coachId: 'coach-bert' })).toEqual([b]);
      expect(ids(await oneOnOnes.list({ scope: {}, coachId: coachAn }))).toEqual(ids([a, c]));
      expect(await oneOnOnes.list({ scope: {}, participantId: p1, coachId: 'coach-bert' })).toEqual([]);
      expect(await oneOnOnes.list({ scope: { regionId: at.antwerpen, organisationIds: [at.neteland] } })).toEqual([]);
    });

    it("finds a participant's one-on-one coaching in every organisation", async () => {
      const participant = randomUUID();
      const a = await store({ participantId: participant, organisationId: at.neteland, regionId: at.kempen });
      const b = await store({ participantId: participant, organisationId: at.elsewhere, regionId: at.antwerpen });
      await store({ participantId: randomUUID(), organisationId: at.neteland, regionId: at.kempen });
      expect(ids(await oneOnOnes.forParticipant(participant))).toEqual(ids([a, b]));
    });
  });
}

const aPair = (coacheeId: string, status: PeerPair['status'] = 'ACTIVE'): PeerPair => ({
  id: randomUUID(),
  coacheeId,
  competencyCodes: ['STIPTHEID'],
  status,
  startedOn: '2026-05-04',
  endedOn: status === 'ENDED' ? '2026-05-04' : null,
  endReason: status === 'ENDED' ? 'COMPLETED' : null,
  lastSessionOn: null,
  sessionsHeld: 0,
});

export const aPeerCoach = (
  peerCoachId: string,
  organisationId = 'org-neteland',
  pairs: PeerPair[] = [],
): PeerCoach => ({
  peerCoachId,
  organisationId,
  regionId: 'region-kempen',
  pairs,
});

export function describePeerCoachRepositoryContract(name: string, make: Make<PeerCoachRepository>) {
  const firstPair = aPair('c-1');
  describeAggregateStoreContract(
    name,
    make,
    (id) => aPeerCoach(id, 'org-neteland', [firstPair]),
    (coach) => ({ ...coach, pairs: [...coach.pairs, { ...firstPair, id: 'pair-2', coacheeId: 'c-2' }] }),
  );

  describe(`${name} keeps the PeerCoachRepository contract`, () => {
    let peers: PeerCoachRepository;
    let at: ReturnType<typeof places>;
    const store = async (organisationId: string, pairs: PeerPair[]) => {
      const coach = aPeerCoach(randomUUID(), organisationId, pairs);
      await peers.insert(coach.peerCoachId, coach, []);
      return coach;
    };
    const coachIds = (coaches: PeerCoach[]) => coaches.map((coach) => coach.peerCoachId).sort();
    beforeEach(async () => {
      peers = await make();
      at = places();
    });

    it("finds a coachee's peer coaches, active or ended, and an organisation's peer coaches", async () => {
      const coachee = randomUUID();
      const active = await store(at.neteland, [aPair('c-1'), aPair(coachee)]);
      const ended = await store(at.elsewhere, [aPair(coachee, 'ENDED')]);
      const other = await store(at.neteland, [aPair('c-1')]);

      expect(coachIds(await peers.forCoachee(coachee))).toEqual(coachIds([active, ended]));
      expect(coachIds(await peers.forOrganisation(at.neteland))).toEqual(coachIds([active, other]));
      expect(await peers.forOrganisation(at.geel)).toEqual([]);
    });

    it('locates the peer coach who holds a pair, and nobody for an unknown pair', async () => {
      const pair = aPair('c-1');
      const holder = await store(at.neteland, [aPair('c-2', 'ENDED'), pair]);
      await store(at.neteland, [aPair('c-1')]);
      expect(await peers.locatePair(pair.id)).toBe(holder.peerCoachId);
      expect(await peers.locatePair(randomUUID())).toBeNull();
    });
  });
}
