import type { Principal } from '@stapsteen/auth';
import {
  TODAY,
  HERENTALS,
  KEMPEN,
  organiser,
  coach,
  otherCoach,
  manager,
  managerWithoutRegion,
  admin,
  codeOf,
  factsOf,
  plan,
  setUpAssignments,
} from '../../../test/assignments-fixture';

describe('group training through the group session service', () => {
  it('plans a session in the region its participants tell, with no seats taken', async () => {
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    const session = await groupService.plan(organiser, plan());
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
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    expect(await codeOf(groupService.plan(otherCoach, plan()))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await codeOf(groupService.plan(manager, plan()))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await factsOf(groupService.plan(organiser, plan({ competencyCodes: ['STIPTHEID', 'JONGLEREN'] })))).toEqual({
      code: 'COACHING.COMPETENCY_UNKNOWN',
      facts: { unknown: ['JONGLEREN'], catalogueVersion: 1 },
    });
    const newcomer: Principal = { ...organiser, organisationIds: ['org-nieuw'] };
    expect(await codeOf(groupService.plan(newcomer, plan({ organisationId: 'org-nieuw' })))).toBe(
      'COACHING.REGION_UNKNOWN',
    );
    expect(groups.writes).toBe(0);
  });

  it('seats participants up to capacity, then keeps a waiting list in order, and announces only seats', async () => {
    const { groupService, groups, person, touched } = setUpAssignments();
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4']) person(id);
    const { id } = await groupService.plan(organiser, plan({ capacity: 2 }));

    const answers = [];
    for (const participantId of ['p-1', 'p-2', 'p-3', 'p-4'])
      answers.push(await groupService.enrol(coach, id, participantId));

    expect(answers.map((a) => [a.participantId, a.status, a.enrolledOn, a.waitingPosition])).toEqual([
      ['p-1', 'ENROLLED', TODAY, null],
      ['p-2', 'ENROLLED', TODAY, null],
      ['p-3', 'WAITING', null, 1],
      ['p-4', 'WAITING', null, 2],
    ]);
    const view = await groupService.session(coach, id);
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
    const { groupService, groups, person, touched } = setUpAssignments();
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4']) person(id);
    const { id } = await groupService.plan(organiser, plan({ capacity: 2 }));
    for (const participantId of ['p-1', 'p-2', 'p-3', 'p-4']) await groupService.enrol(coach, id, participantId);

    expect(await groupService.cancelEnrolment(coach, id, 'p-1')).toEqual({ promoted: 'p-3' });

    const view = await groupService.session(coach, id);
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
    expect(await groupService.cancelEnrolment(coach, id, 'p-4')).toEqual({ promoted: null });
    expect(await codeOf(groupService.cancelEnrolment(coach, id, 'p-4'))).toBe('COACHING.NOT_ENROLLED');
  });

  it('refuses a second enrolment, a participant of another organisation and one the caller cannot see', async () => {
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    person('h-1', HERENTALS);
    const { id } = await groupService.plan(organiser, plan({ capacity: 1 }));
    await groupService.enrol(coach, id, 'p-1');
    const written = groups.writes;

    expect(await factsOf(groupService.enrol(coach, id, 'p-1'))).toEqual({
      code: 'COACHING.ALREADY_ENROLLED',
      facts: { status: 'ENROLLED' },
    });
    expect(await codeOf(groupService.enrol(admin, id, 'h-1'))).toBe('COACHING.OTHER_ORGANISATION');
    expect(await codeOf(groupService.enrol(coach, id, 'h-1'))).toBe('COACHING.PARTICIPANT_NOT_FOUND');
    expect(await codeOf(groupService.enrol(otherCoach, id, 'h-1'))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');
    expect(await codeOf(groupService.enrol(manager, id, 'p-1'))).toBe('AUTH.OUT_OF_SCOPE');
    expect(groups.writes).toBe(written);
  });

  it('takes the waiting list when another writer took the last seat between its read and its write', async () => {
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    person('p-2');
    const { id } = await groupService.plan(organiser, plan({ capacity: 1 }));
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

    const answer = await groupService.enrol(coach, id, 'p-1');

    expect([answer.status, answer.waitingPosition]).toEqual(['WAITING', 1]);
    const view = await groupService.session(coach, id);
    expect(view.enrolments.map((e) => e.participantId)).toEqual(['p-2']);
    expect(view.waitingList).toEqual(['p-1']);
    // The losing write's "assigned" event was never stored; the retry announced nothing.
    expect(groups.events(id)).toEqual([]);
  });

  it('answers COACHING.BUSY and stores nothing when every attempt loses the version race', async () => {
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    const { id } = await groupService.plan(organiser, plan());
    const interfere = () => {
      groups.put(id, groups.get(id)!);
      groups.beforeNextWrite(interfere);
    };
    groups.beforeNextWrite(interfere);

    expect(await codeOf(groupService.enrol(coach, id, 'p-1'))).toBe('COACHING.BUSY');
    expect(groups.get(id)!.enrolments).toEqual([]);
    expect(groups.eventTypes(id)).toEqual([]);
  });

  it('records attendance on the day, closes the session and refuses later changes', async () => {
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    person('p-2');
    const early = await groupService.plan(organiser, plan({ date: '2026-05-12' }));
    await groupService.enrol(coach, early.id, 'p-1');
    expect(await codeOf(groupService.recordAttendance(coach, early.id, ['p-1']))).toBe('COACHING.SESSION_NOT_HELD_YET');

    const { id } = await groupService.plan(organiser, plan({ date: TODAY }));
    await groupService.enrol(coach, id, 'p-1');
    await groupService.enrol(coach, id, 'p-2');
    expect(await factsOf(groupService.recordAttendance(coach, id, ['p-1', 'p-9']))).toEqual({
      code: 'COACHING.NOT_ENROLLED',
      facts: { participantIds: ['p-9'] },
    });
    expect(await groupService.recordAttendance(coach, id, ['p-1'])).toEqual({ attended: 1, absent: 1 });
    expect(
      groups
        .events(id)
        .slice(2)
        .map((e) => [e.participantId, e.data.reasonCode]),
    ).toEqual([
      ['p-1', 'COMPLETED'],
      ['p-2', 'NO_SHOW'],
    ]);
    expect(await codeOf(groupService.recordAttendance(coach, id, ['p-1']))).toBe('COACHING.ATTENDANCE_RECORDED');
    expect(await codeOf(groupService.enrol(coach, id, 'p-1'))).toBe('COACHING.SESSION_HELD');
    expect(await codeOf(groupService.cancelEnrolment(coach, id, 'p-2'))).toBe('COACHING.SESSION_HELD');
  });

  it('rates only enrolled participants, and only on the session’s competencies', async () => {
    const { groupService, assessments, person } = setUpAssignments();
    person('p-1');
    person('p-2');
    const { id } = await groupService.plan(organiser, plan());
    await groupService.enrol(coach, id, 'p-1');
    const rating = (participantId: string, competencyCode = 'STIPTHEID') => ({
      participantId,
      ratings: [{ competencyCode, level: 2, note: null }],
    });
    expect(await factsOf(groupService.rate(coach, id, TODAY, [rating('p-1'), rating('p-2')]))).toEqual({
      code: 'COACHING.NOT_ENROLLED',
      facts: { participantIds: ['p-2'] },
    });
    expect(await factsOf(groupService.rate(coach, id, TODAY, [rating('p-1', 'STRESS')]))).toEqual({
      code: 'COACHING.NOT_SESSION_COMPETENCY',
      facts: { competencyCodes: ['STRESS'] },
    });
    expect(await assessments.forParticipant('p-1')).toEqual([]);
    const [stored] = await groupService.rate(coach, id, TODAY, [rating('p-1')]);
    expect([stored.participantId, stored.assessorKind, stored.ratings]).toEqual([
      'p-1',
      'COACH',
      [{ competencyCode: 'STIPTHEID', level: 2, note: null }],
    ]);
  });

  it('shows a session only within the caller’s scope, and lists nothing without asking when the scope is empty', async () => {
    const { groupService, groups, person } = setUpAssignments();
    person('p-1');
    person('h-1', HERENTALS);
    const neteland = await groupService.plan(organiser, plan());
    const herentals = await groupService.plan(otherCoach, plan({ organisationId: HERENTALS }));

    expect(await codeOf(groupService.session(otherCoach, neteland.id))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');
    expect((await groupService.session(manager, neteland.id)).id).toBe(neteland.id);
    expect((await groupService.list(coach)).map((s) => s.id)).toEqual([neteland.id]);
    expect((await groupService.list(manager)).map((s) => s.id).sort()).toEqual([neteland.id, herentals.id].sort());
    expect((await groupService.list(admin, HERENTALS)).map((s) => s.id)).toEqual([herentals.id]);

    const asked = groups.queries;
    expect(await groupService.list(coach, HERENTALS)).toEqual([]);
    expect(await groupService.list(managerWithoutRegion)).toEqual([]);
    expect(groups.queries).toBe(asked);
  });
});
