import { fixedClock } from '@stapsteen/calendar';
import type { Principal } from '@stapsteen/auth';
import {
  InMemoryAssessments,
  InMemoryCatalogues,
  InMemoryGroupSessions,
  InMemoryOneOnOnes,
  InMemoryParticipantRoster,
  InMemoryPeerCoaches,
} from '../../../test/in-memory-coaching';
import { AssessmentService } from '../../assessments/application/assessment-service';
import { CatalogueService } from '../../competencies/application/catalogue-service';
import { ParticipantChanges } from '../../shared/application/participant-changes';
import { AssignmentService, GroupSessionInput } from './assignment-service';

/** Monday 4 May 2026, 12:00 in Brussels: a fixed day, never the real one. */
const TODAY = '2026-05-04';
const clock = fixedClock('2026-05-04T10:00:00.000Z');

const NETELAND = 'org-neteland';
const HERENTALS = 'org-herentals';
const KEMPEN = 'region-kempen';

const organiser: Principal = { userId: 'organiser-n', role: 'ORGANISER', organisationIds: [NETELAND], regionId: null };
const coach: Principal = { userId: 'coach-an', role: 'COACH', organisationIds: [NETELAND], regionId: null };
const otherCoach: Principal = { userId: 'coach-h', role: 'COACH', organisationIds: [HERENTALS], regionId: null };
const manager: Principal = { userId: 'manager-k', role: 'REGIONAL_MANAGER', organisationIds: [], regionId: KEMPEN };
const managerWithoutRegion: Principal = { ...manager, userId: 'manager-x', regionId: null };
const admin: Principal = { userId: 'admin', role: 'ADMIN', organisationIds: [], regionId: null };

const codeOf = async (work: Promise<unknown>) =>
  work.then(
    () => 'no error',
    (error: { code?: string }) => error.code,
  );
const factsOf = async (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: { code?: string; facts?: unknown }) => ({ code: error.code, facts: error.facts }),
  );

function setUp(maxActiveCoachees = 2) {
  const groups = new InMemoryGroupSessions();
  const oneOnOnes = new InMemoryOneOnOnes();
  const peers = new InMemoryPeerCoaches();
  const roster = new InMemoryParticipantRoster();
  const assessments = new InMemoryAssessments();
  const catalogues = new CatalogueService(new InMemoryCatalogues(), roster, clock);
  const changes = new ParticipantChanges();
  const touched: string[][] = [];
  changes.subscribe(async (ids) => void touched.push(ids));
  const assessmentService = new AssessmentService(assessments, roster, catalogues, clock, changes);
  const service = new AssignmentService(
    groups,
    oneOnOnes,
    peers,
    roster,
    catalogues,
    assessments,
    assessmentService,
    clock,
    changes,
    { maxActiveCoachees },
  );
  const person = (participantId: string, organisationId = NETELAND, coachId: string | null = 'coach-an') =>
    roster.add({
      participantId,
      organisationId,
      regionId: KEMPEN,
      displayName: participantId.toUpperCase(),
      coachId,
      trajectories: [{ trajectoryId: `t-${participantId}`, startedOn: '2026-02-02', endedOn: null }],
      lowHours: null,
    });
  /** A staff rating of the participant on one competency (target 3 in the default catalogue). */
  const rate = (participantId: string, competencyCode: string, level: number) =>
    assessmentService.record(admin, participantId, {
      assessorKind: 'COACH',
      assessedOn: '2026-04-20',
      ratings: [{ competencyCode, level, note: null }],
    });
  return { service, groups, oneOnOnes, peers, roster, assessments, touched, person, rate };
}

const plan = (overrides: Partial<GroupSessionInput> = {}): GroupSessionInput => ({
  organisationId: NETELAND,
  title: 'Op tijd op het werk',
  competencyCodes: ['STIPTHEID'],
  date: '2026-05-12',
  startTime: '09:30',
  endTime: '12:00',
  place: 'Geel',
  trainer: 'Lies',
  capacity: 2,
  ...overrides,
});

describe('group training through the assignment service', () => {
  it('plans a session in the region its participants tell, with no seats taken', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    const session = await service.planGroup(organiser, plan());
    expect(groups.get(session.id)).toEqual({
      ...plan(),
      id: session.id,
      regionId: KEMPEN,
      createdBy: 'organiser-n',
      status: 'PLANNED',
      attendanceRecordedOn: null,
      enrolments: [],
    });
    expect(groups.eventTypes(session.id)).toEqual([]);
  });

  it('refuses to plan outside the caller’s organisations, for a manager, with an unknown competency or region', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    expect(await codeOf(service.planGroup(otherCoach, plan()))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await codeOf(service.planGroup(manager, plan()))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await factsOf(service.planGroup(organiser, plan({ competencyCodes: ['STIPTHEID', 'JONGLEREN'] })))).toEqual({
      code: 'COACHING.COMPETENCY_UNKNOWN',
      facts: { unknown: ['JONGLEREN'], catalogueVersion: 1 },
    });
    const newcomer: Principal = { ...organiser, organisationIds: ['org-nieuw'] };
    expect(await codeOf(service.planGroup(newcomer, plan({ organisationId: 'org-nieuw' })))).toBe(
      'COACHING.REGION_UNKNOWN',
    );
    expect(groups.writes).toBe(0);
  });

  it('seats participants up to capacity, then keeps a waiting list in order, and announces only seats', async () => {
    const { service, groups, person, touched } = setUp();
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4']) person(id);
    const { id } = await service.planGroup(organiser, plan({ capacity: 2 }));

    const answers = [];
    for (const participantId of ['p-1', 'p-2', 'p-3', 'p-4'])
      answers.push(await service.enrol(coach, id, participantId));

    expect(answers.map((a) => [a.participantId, a.status, a.enrolledOn, a.waitingPosition])).toEqual([
      ['p-1', 'ENROLLED', TODAY, null],
      ['p-2', 'ENROLLED', TODAY, null],
      ['p-3', 'WAITING', null, 1],
      ['p-4', 'WAITING', null, 2],
    ]);
    const view = await service.groupSession(coach, id);
    expect(view.enrolments.map((e) => e.participantId)).toEqual(['p-1', 'p-2']);
    expect(view.waitingList).toEqual(['p-3', 'p-4']);
    expect(view.seatsLeft).toBe(0);
    expect(groups.events(id).map((e) => [e.type, e.participantId, e.data.modality])).toEqual([
      ['coaching.assigned', 'p-1', 'GROUP'],
      ['coaching.assigned', 'p-2', 'GROUP'],
    ]);
    expect(touched).toEqual([['p-1'], ['p-2'], ['p-3'], ['p-4']]);
  });

  it('gives a freed seat to the first on the waiting list and says who left and who got it', async () => {
    const { service, groups, person, touched } = setUp();
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4']) person(id);
    const { id } = await service.planGroup(organiser, plan({ capacity: 2 }));
    for (const participantId of ['p-1', 'p-2', 'p-3', 'p-4']) await service.enrol(coach, id, participantId);

    expect(await service.cancelEnrolment(coach, id, 'p-1')).toEqual({ promoted: 'p-3' });

    const view = await service.groupSession(coach, id);
    expect(view.enrolments.map((e) => [e.participantId, e.enrolledOn])).toEqual([
      ['p-2', TODAY],
      ['p-3', TODAY],
    ]);
    expect(view.waitingList).toEqual(['p-4']);
    expect(
      groups
        .events(id)
        .slice(2)
        .map((e) => [e.type, e.participantId, e.data.reasonCode ?? null]),
    ).toEqual([
      ['coaching.ended', 'p-1', 'PARTICIPANT_LEFT'],
      ['coaching.assigned', 'p-3', null],
    ]);
    expect(touched.at(-1)).toEqual(['p-1', 'p-3']);
    // Cancelling a waiting place frees no seat and promotes nobody.
    expect(await service.cancelEnrolment(coach, id, 'p-4')).toEqual({ promoted: null });
    expect(await codeOf(service.cancelEnrolment(coach, id, 'p-4'))).toBe('COACHING.NOT_ENROLLED');
  });

  it('refuses a second enrolment, a participant of another organisation and one the caller cannot see', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    person('h-1', HERENTALS);
    const { id } = await service.planGroup(organiser, plan({ capacity: 1 }));
    await service.enrol(coach, id, 'p-1');
    const written = groups.writes;

    expect(await factsOf(service.enrol(coach, id, 'p-1'))).toEqual({
      code: 'COACHING.ALREADY_ENROLLED',
      facts: { status: 'ENROLLED' },
    });
    expect(await codeOf(service.enrol(admin, id, 'h-1'))).toBe('COACHING.OTHER_ORGANISATION');
    expect(await codeOf(service.enrol(coach, id, 'h-1'))).toBe('COACHING.PARTICIPANT_NOT_FOUND');
    expect(await codeOf(service.enrol(otherCoach, id, 'h-1'))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');
    expect(await codeOf(service.enrol(manager, id, 'p-1'))).toBe('AUTH.OUT_OF_SCOPE');
    expect(groups.writes).toBe(written);
  });

  it('takes the waiting list when another writer took the last seat between its read and its write', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    person('p-2');
    const { id } = await service.planGroup(organiser, plan({ capacity: 1 }));
    // p-2's enrolment lands first, on another instance, after p-1's request read the free seat.
    groups.beforeNextWrite(() => {
      const session = groups.get(id)!;
      groups.put(id, {
        ...session,
        enrolments: [
          {
            participantId: 'p-2',
            status: 'ENROLLED',
            requestedAt: '2026-05-04T09:59:59.000Z',
            enrolledOn: TODAY,
            attended: null,
          },
        ],
      });
    });

    const answer = await service.enrol(coach, id, 'p-1');

    expect([answer.status, answer.waitingPosition]).toEqual(['WAITING', 1]);
    const view = await service.groupSession(coach, id);
    expect(view.enrolments.map((e) => e.participantId)).toEqual(['p-2']);
    expect(view.waitingList).toEqual(['p-1']);
    // The losing write's "assigned" event was never stored; the retry announced nothing.
    expect(groups.events(id)).toEqual([]);
  });

  it('answers COACHING.BUSY and stores nothing when every attempt loses the version race', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    const { id } = await service.planGroup(organiser, plan());
    const interfere = () => {
      groups.put(id, groups.get(id)!);
      groups.beforeNextWrite(interfere);
    };
    groups.beforeNextWrite(interfere);

    expect(await codeOf(service.enrol(coach, id, 'p-1'))).toBe('COACHING.BUSY');
    expect(groups.get(id)!.enrolments).toEqual([]);
    expect(groups.eventTypes(id)).toEqual([]);
  });

  it('records attendance on the day, closes the session and refuses later changes', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    person('p-2');
    const early = await service.planGroup(organiser, plan({ date: '2026-05-12' }));
    await service.enrol(coach, early.id, 'p-1');
    expect(await codeOf(service.recordAttendance(coach, early.id, ['p-1']))).toBe('COACHING.SESSION_NOT_HELD_YET');

    const { id } = await service.planGroup(organiser, plan({ date: TODAY }));
    await service.enrol(coach, id, 'p-1');
    await service.enrol(coach, id, 'p-2');
    expect(await factsOf(service.recordAttendance(coach, id, ['p-1', 'p-9']))).toEqual({
      code: 'COACHING.NOT_ENROLLED',
      facts: { participantIds: ['p-9'] },
    });
    expect(await service.recordAttendance(coach, id, ['p-1'])).toEqual({ attended: 1, absent: 1 });
    expect(
      groups
        .events(id)
        .slice(2)
        .map((e) => [e.participantId, e.data.reasonCode]),
    ).toEqual([
      ['p-1', 'COMPLETED'],
      ['p-2', 'NO_SHOW'],
    ]);
    expect(await codeOf(service.recordAttendance(coach, id, ['p-1']))).toBe('COACHING.ATTENDANCE_RECORDED');
    expect(await codeOf(service.enrol(coach, id, 'p-1'))).toBe('COACHING.SESSION_HELD');
    expect(await codeOf(service.cancelEnrolment(coach, id, 'p-2'))).toBe('COACHING.SESSION_HELD');
  });

  it('rates only enrolled participants, and only on the session’s competencies', async () => {
    const { service, assessments, person } = setUp();
    person('p-1');
    person('p-2');
    const { id } = await service.planGroup(organiser, plan());
    await service.enrol(coach, id, 'p-1');
    const rating = (participantId: string, competencyCode = 'STIPTHEID') => ({
      participantId,
      ratings: [{ competencyCode, level: 2, note: null }],
    });
    expect(await factsOf(service.rateGroup(coach, id, TODAY, [rating('p-1'), rating('p-2')]))).toEqual({
      code: 'COACHING.NOT_ENROLLED',
      facts: { participantIds: ['p-2'] },
    });
    expect(await factsOf(service.rateGroup(coach, id, TODAY, [rating('p-1', 'STRESS')]))).toEqual({
      code: 'COACHING.NOT_SESSION_COMPETENCY',
      facts: { competencyCodes: ['STRESS'] },
    });
    expect(await assessments.forParticipant('p-1')).toEqual([]);
    const [stored] = await service.rateGroup(coach, id, TODAY, [rating('p-1')]);
    expect([stored.participantId, stored.assessorKind, stored.ratings]).toEqual([
      'p-1',
      'COACH',
      [{ competencyCode: 'STIPTHEID', level: 2, note: null }],
    ]);
  });

  it('shows a session only within the caller’s scope, and lists nothing without asking when the scope is empty', async () => {
    const { service, groups, person } = setUp();
    person('p-1');
    person('h-1', HERENTALS);
    const neteland = await service.planGroup(organiser, plan());
    const herentals = await service.planGroup(otherCoach, plan({ organisationId: HERENTALS }));

    expect(await codeOf(service.groupSession(otherCoach, neteland.id))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');
    expect((await service.groupSession(manager, neteland.id)).id).toBe(neteland.id);
    expect((await service.listGroups(coach)).map((s) => s.id)).toEqual([neteland.id]);
    expect((await service.listGroups(manager)).map((s) => s.id).sort()).toEqual([neteland.id, herentals.id].sort());
    expect((await service.listGroups(admin, HERENTALS)).map((s) => s.id)).toEqual([herentals.id]);

    const asked = groups.queries;
    expect(await service.listGroups(coach, HERENTALS)).toEqual([]);
    expect(await service.listGroups(managerWithoutRegion)).toEqual([]);
    expect(groups.queries).toBe(asked);
  });
});

describe('one-on-one coaching through the assignment service', () => {
  it('starts with the calling coach, announces it, and logs planned and unplanned sessions', async () => {
    const { service, oneOnOnes, person, touched } = setUp();
    person('p-1');
    const started = await service.startOneOnOne(coach, 'p-1', undefined, ['STIPTHEID', 'STRESS']);
    expect(started).toMatchObject({
      participantId: 'p-1',
      organisationId: NETELAND,
      regionId: KEMPEN,
      coachId: 'coach-an',
      status: 'ACTIVE',
      startedOn: TODAY,
      sessions: [],
    });
    expect(oneOnOnes.events(started.id).map((e) => [e.type, e.data.modality, e.data.competencyCodes])).toEqual([
      ['coaching.assigned', 'ONE_ON_ONE', ['STIPTHEID', 'STRESS']],
    ]);
    expect(touched).toEqual([['p-1']]);

    expect(await codeOf(service.planOneOnOneSession(coach, started.id, '2026-05-03'))).toBe('COACHING.PLANNED_IN_PAST');
    const planned = await service.planOneOnOneSession(coach, started.id, TODAY);
    await service.logOneOnOneSession(coach, started.id, {
      plannedSessionId: planned.id,
      heldOn: TODAY,
      attended: true,
      note: 'Goed gesprek',
    });
    expect(
      await codeOf(service.logOneOnOneSession(coach, started.id, { heldOn: '2026-05-05', attended: true, note: null })),
    ).toBe('COACHING.HELD_IN_FUTURE');
    expect((await service.oneOnOne(manager, started.id)).sessions).toEqual([
      { id: planned.id, plannedFor: TODAY, heldOn: TODAY, attended: true, note: 'Goed gesprek' },
    ]);
  });

  it('takes the participant’s own coach when an organiser names none, and refuses when there is none', async () => {
    const { service, person } = setUp();
    person('p-1', NETELAND, 'coach-bert');
    person('p-2', NETELAND, null);
    expect((await service.startOneOnOne(organiser, 'p-1', undefined, ['STIPTHEID'])).coachId).toBe('coach-bert');
    expect((await service.startOneOnOne(organiser, 'p-2', 'coach-an', ['STIPTHEID'])).coachId).toBe('coach-an');
    expect(await codeOf(service.startOneOnOne(organiser, 'p-2', undefined, ['STIPTHEID']))).toBe(
      'COACHING.COACH_MISSING',
    );
  });

  it('ends with a reason, after which nothing more is logged; a manager reads but does not end', async () => {
    const { service, oneOnOnes, person } = setUp();
    person('p-1');
    const { id } = await service.startOneOnOne(coach, 'p-1', undefined, ['STIPTHEID']);
    expect(await codeOf(service.endOneOnOne(manager, id, 'COMPLETED'))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await codeOf(service.endOneOnOne(otherCoach, id, 'COMPLETED'))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');

    const ended = await service.endOneOnOne(coach, id, 'COMPLETED');
    expect([ended.status, ended.endedOn, ended.endReason]).toEqual(['ENDED', TODAY, 'COMPLETED']);
    expect(oneOnOnes.eventTypes(id)).toEqual(['coaching.assigned@v1', 'coaching.ended@v1']);
    expect(await codeOf(service.planOneOnOneSession(coach, id, TODAY))).toBe('COACHING.ASSIGNMENT_ENDED');
    expect(await codeOf(service.endOneOnOne(coach, id, 'OTHER'))).toBe('COACHING.ASSIGNMENT_ENDED');
  });

  it('lists by coach and participant within the caller’s scope only', async () => {
    const { service, oneOnOnes, person } = setUp();
    person('p-1');
    person('p-2');
    person('h-1', HERENTALS);
    const a = await service.startOneOnOne(coach, 'p-1', undefined, ['STIPTHEID']);
    const b = await service.startOneOnOne(organiser, 'p-2', 'coach-bert', ['STIPTHEID']);
    const h = await service.startOneOnOne(otherCoach, 'h-1', undefined, ['STIPTHEID']);

    expect((await service.listOneOnOnes(coach, { coachId: 'coach-an' })).map((x) => x.id)).toEqual([a.id]);
    expect((await service.listOneOnOnes(organiser, { participantId: 'p-2' })).map((x) => x.id)).toEqual([b.id]);
    expect(await service.listOneOnOnes(coach, { participantId: 'h-1' })).toEqual([]);
    expect((await service.listOneOnOnes(admin, {})).map((x) => x.id).sort()).toEqual([a.id, b.id, h.id].sort());
    const asked = oneOnOnes.queries;
    expect(await service.listOneOnOnes(managerWithoutRegion, {})).toEqual([]);
    expect(oneOnOnes.queries).toBe(asked);
  });

  it('erases the coach’s notes of an erased participant and keeps dates and attendance', async () => {
    const { service, oneOnOnes, person } = setUp();
    person('p-1');
    const { id } = await service.startOneOnOne(coach, 'p-1', undefined, ['STIPTHEID']);
    await service.logOneOnOneSession(coach, id, { heldOn: TODAY, attended: false, note: 'Ziek gemeld' });
    await service.eraseNotesOf('p-1');
    expect(oneOnOnes.get(id)!.sessions.map((s) => [s.heldOn, s.attended, s.note])).toEqual([[TODAY, false, null]]);
    const written = oneOnOnes.writes;
    await service.eraseNotesOf('p-1');
    expect(oneOnOnes.writes).toBe(written);
  });
});

describe('peer-to-peer coaching through the assignment service', () => {
  it('pairs a peer rated at or above target with a coachee of the same organisation and announces it', async () => {
    const { service, peers, person, rate } = setUp();
    person('peer');
    person('c-1');
    await rate('peer', 'STIPTHEID', 3);

    const pair = await service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']);

    expect(pair).toMatchObject({
      peerCoachId: 'peer',
      coacheeId: 'c-1',
      competencyCodes: ['STIPTHEID'],
      status: 'ACTIVE',
      startedOn: TODAY,
      sessionsHeld: 0,
    });
    expect(peers.events('peer').map((e) => [e.type, e.participantId, e.data.modality])).toEqual([
      ['coaching.assigned', 'c-1', 'PEER'],
    ]);
    expect((await service.summariesFor('c-1')).map((s) => [s.modality, s.assignmentId, s.active])).toEqual([
      ['PEER', pair.id, true],
    ]);
  });

  it('refuses a peer below target or unrated, oneself, a pair twice and a peer of another organisation', async () => {
    const { service, peers, person, rate } = setUp();
    person('peer');
    person('c-1');
    person('h-peer', HERENTALS);
    await rate('peer', 'STIPTHEID', 2);
    await rate('h-peer', 'STIPTHEID', 4);

    expect(await factsOf(service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID', 'STRESS']))).toEqual({
      code: 'COACHING.PEER_NOT_QUALIFIED',
      facts: { competencyCodes: ['STIPTHEID', 'STRESS'] },
    });
    await rate('peer', 'STIPTHEID', 4);
    expect(await codeOf(service.pairPeers(coach, 'peer', 'peer', ['STIPTHEID']))).toBe('COACHING.SELF_PAIR');
    expect(await codeOf(service.pairPeers(admin, 'h-peer', 'c-1', ['STIPTHEID']))).toBe(
      'COACHING.PEER_OTHER_ORGANISATION',
    );
    // For staff of the coachee's organisation, a peer elsewhere does not exist.
    expect(await codeOf(service.pairPeers(coach, 'h-peer', 'c-1', ['STIPTHEID']))).toBe(
      'COACHING.PARTICIPANT_NOT_FOUND',
    );
    expect(await codeOf(service.pairPeers(manager, 'peer', 'c-1', ['STIPTHEID']))).toBe('AUTH.OUT_OF_SCOPE');
    expect(peers.writes).toBe(0);

    await service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']);
    expect(await codeOf(service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']))).toBe('COACHING.ALREADY_PAIRED');
    expect(peers.get('peer')!.pairs).toHaveLength(1);
  });

  it('keeps a peer coach to the maximum of active coachees, and an ended pair frees a place', async () => {
    const { service, peers, person, rate } = setUp(2);
    for (const id of ['peer', 'c-1', 'c-2', 'c-3']) person(id);
    await rate('peer', 'STIPTHEID', 4);
    const first = await service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']);
    await service.pairPeers(coach, 'peer', 'c-2', ['STIPTHEID']);

    expect(await factsOf(service.pairPeers(coach, 'peer', 'c-3', ['STIPTHEID']))).toEqual({
      code: 'COACHING.PEER_COACH_FULL',
      facts: { activeCoachees: 2, maxActiveCoachees: 2 },
    });
    const ended = await service.endPair(coach, first.id, 'COMPLETED');
    expect([ended.status, ended.endedOn, ended.endReason]).toEqual(['ENDED', TODAY, 'COMPLETED']);
    expect((await service.pairPeers(coach, 'peer', 'c-3', ['STIPTHEID'])).coacheeId).toBe('c-3');
    expect(peers.get('peer')!.pairs.map((p) => [p.coacheeId, p.status])).toEqual([
      ['c-1', 'ENDED'],
      ['c-2', 'ACTIVE'],
      ['c-3', 'ACTIVE'],
    ]);
  });

  it('re-decides when another writer took the last place meanwhile, and refuses as full', async () => {
    const { service, peers, person, rate } = setUp(2);
    for (const id of ['peer', 'c-1', 'c-2', 'c-3']) person(id);
    await rate('peer', 'STIPTHEID', 4);
    await service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']);
    peers.beforeNextWrite(() => {
      const current = peers.get('peer')!;
      peers.put('peer', {
        ...current,
        pairs: [...current.pairs, { ...current.pairs[0], id: 'pair-elsewhere', coacheeId: 'c-2' }],
      });
    });

    expect(await factsOf(service.pairPeers(coach, 'peer', 'c-3', ['STIPTHEID']))).toEqual({
      code: 'COACHING.PEER_COACH_FULL',
      facts: { activeCoachees: 2, maxActiveCoachees: 2 },
    });
    expect(peers.get('peer')!.pairs.map((p) => p.coacheeId)).toEqual(['c-1', 'c-2']);
  });

  it('keeps both first pairings when another writer created the peer coach’s record first', async () => {
    const { service, peers, person, rate } = setUp(2);
    for (const id of ['peer', 'c-1', 'c-2']) person(id);
    await rate('peer', 'STIPTHEID', 4);
    peers.beforeNextWrite(() =>
      peers.put('peer', {
        peerCoachId: 'peer',
        organisationId: NETELAND,
        regionId: KEMPEN,
        pairs: [
          {
            id: 'pair-elsewhere',
            coacheeId: 'c-2',
            competencyCodes: ['STIPTHEID'],
            status: 'ACTIVE',
            startedOn: TODAY,
            endedOn: null,
            endReason: null,
            lastSessionOn: null,
            sessionsHeld: 0,
          },
        ],
      }),
    );

    await service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']);

    expect(peers.get('peer')!.pairs.map((p) => p.coacheeId)).toEqual(['c-2', 'c-1']);
  });

  it('logs the meetings of a pair, and hides the pairs from other organisations', async () => {
    const { service, person, rate } = setUp();
    person('peer');
    person('c-1');
    await rate('peer', 'STIPTHEID', 4);
    const pair = await service.pairPeers(coach, 'peer', 'c-1', ['STIPTHEID']);

    expect(await codeOf(service.logPeerSession(coach, pair.id, '2026-05-05'))).toBe('COACHING.HELD_IN_FUTURE');
    const logged = await service.logPeerSession(coach, pair.id, TODAY);
    expect([logged.sessionsHeld, logged.lastSessionOn]).toEqual([1, TODAY]);
    expect(await codeOf(service.logPeerSession(otherCoach, pair.id, TODAY))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');
    expect(await codeOf(service.endPair(coach, 'no-such-pair', 'OTHER'))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');

    expect((await service.listPairs(manager, NETELAND)).map((c) => c.peerCoachId)).toEqual(['peer']);
    expect(await codeOf(service.listPairs(otherCoach, NETELAND))).toBe('COACHING.ORGANISATION_NOT_FOUND');
    const elsewhere: Principal = { ...manager, regionId: 'region-antwerpen' };
    expect(await codeOf(service.listPairs(elsewhere, NETELAND))).toBe('COACHING.ORGANISATION_NOT_FOUND');
  });

  it('suggests qualified peers of the coachee’s organisation on the competencies it is below target on', async () => {
    const { service, person, rate } = setUp(3);
    for (const id of ['c-1', 'anna', 'bart', 'cas']) person(id);
    person('h-1', HERENTALS);
    await rate('c-1', 'STIPTHEID', 1);
    await rate('anna', 'STIPTHEID', 4);
    await rate('bart', 'STIPTHEID', 3);
    await rate('cas', 'STIPTHEID', 2);
    await rate('h-1', 'STIPTHEID', 4);
    await service.pairPeers(coach, 'anna', 'bart', ['STIPTHEID']);

    const { competencyCodes, suggestions } = await service.suggestPeers(coach, 'c-1');

    expect(competencyCodes).toEqual(['STIPTHEID']);
    expect(suggestions.map((s) => [s.participantId, s.score, s.activeCoachees])).toEqual([
      ['anna', 10 + 2 * 3, 1],
      ['bart', 0 + 3 * 3, 0],
    ]);
  });
});

describe('a participant’s coaching in every modality', () => {
  it('sums up group, one-on-one and peer coaching, for callers who may read the participant', async () => {
    const { service, person, rate } = setUp();
    person('p-1');
    person('peer');
    await rate('peer', 'STIPTHEID', 4);
    const group = await service.planGroup(organiser, plan());
    await service.enrol(coach, group.id, 'p-1');
    const oneOnOne = await service.startOneOnOne(coach, 'p-1', undefined, ['STRESS']);
    const pair = await service.pairPeers(coach, 'peer', 'p-1', ['STIPTHEID']);

    expect(
      (await service.participantAssignments(manager, 'p-1')).map((s) => [s.modality, s.assignmentId, s.startedOn]),
    ).toEqual([
      ['GROUP', group.id, TODAY],
      ['ONE_ON_ONE', oneOnOne.id, TODAY],
      ['PEER', pair.id, TODAY],
    ]);
    expect((await service.summariesForOrganisation(NETELAND)).map((s) => [s.modality, s.participantId]).sort()).toEqual(
      [
        ['GROUP', 'p-1'],
        ['ONE_ON_ONE', 'p-1'],
        ['PEER', 'p-1'],
      ],
    );
    expect(await codeOf(service.participantAssignments(otherCoach, 'p-1'))).toBe('COACHING.PARTICIPANT_NOT_FOUND');
  });
});
