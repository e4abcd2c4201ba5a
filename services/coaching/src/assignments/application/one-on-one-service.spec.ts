import {
  TODAY,
  NETELAND,
  HERENTALS,
  KEMPEN,
  organiser,
  coach,
  otherCoach,
  manager,
  managerWithoutRegion,
  admin,
  codeOf,
  setUpAssignments,
} from '../../../test/assignments-fixture';

describe('one-on-one coaching through the one-on-one service', () => {
  it('starts with the calling coach, announces it, and logs planned and unplanned sessions', async () => {
    const { oneOnOneService, oneOnOnes, person, touched } = setUpAssignments();
    person('p-1');
    const started = await oneOnOneService.start(coach, 'p-1', undefined, ['STIPTHEID', 'STRESS']);
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

    expect(await codeOf(oneOnOneService.planSession(coach, started.id, '2026-05-03'))).toBe('COACHING.PLANNED_IN_PAST');
    const planned = await oneOnOneService.planSession(coach, started.id, TODAY);
    await oneOnOneService.logSession(coach, started.id, {
      plannedSessionId: planned.id,
      heldOn: TODAY,
      attended: true,
      note: 'Goed gesprek',
    });
    expect(
      await codeOf(oneOnOneService.logSession(coach, started.id, { heldOn: '2026-05-05', attended: true, note: null })),
    ).toBe('COACHING.HELD_IN_FUTURE');
    expect((await oneOnOneService.get(manager, started.id)).sessions).toEqual([
      { id: planned.id, plannedFor: TODAY, heldOn: TODAY, attended: true, note: 'Goed gesprek' },
    ]);
  });

  it('takes the participant’s own coach when an organiser names none, and refuses when there is none', async () => {
    const { oneOnOneService, person } = setUpAssignments();
    person('p-1', NETELAND, 'coach-bert');
    person('p-2', NETELAND, null);
    expect((await oneOnOneService.start(organiser, 'p-1', undefined, ['STIPTHEID'])).coachId).toBe('coach-bert');
    expect((await oneOnOneService.start(organiser, 'p-2', 'coach-an', ['STIPTHEID'])).coachId).toBe('coach-an');
    expect(await codeOf(oneOnOneService.start(organiser, 'p-2', undefined, ['STIPTHEID']))).toBe(
      'COACHING.COACH_MISSING',
    );
  });

  it('ends with a reason, after which nothing more is logged; a manager reads but does not end', async () => {
    const { oneOnOneService, oneOnOnes, person } = setUpAssignments();
    person('p-1');
    const { id } = await oneOnOneService.start(coach, 'p-1', undefined, ['STIPTHEID']);
    expect(await codeOf(oneOnOneService.end(manager, id, 'COMPLETED'))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await codeOf(oneOnOneService.end(otherCoach, id, 'COMPLETED'))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');

    const ended = await oneOnOneService.end(coach, id, 'COMPLETED');
    expect([ended.status, ended.endedOn, ended.endReason]).toEqual(['ENDED', TODAY, 'COMPLETED']);
    expect(oneOnOnes.eventTypes(id)).toEqual(['coaching.assigned@v1', 'coaching.ended@v1']);
    expect(await codeOf(oneOnOneService.planSession(coach, id, TODAY))).toBe('COACHING.ASSIGNMENT_ENDED');
    expect(await codeOf(oneOnOneService.end(coach, id, 'OTHER'))).toBe('COACHING.ASSIGNMENT_ENDED');
  });

  it('lists by coach and participant within the caller’s scope only', async () => {
    const { oneOnOneService, oneOnOnes, person } = setUpAssignments();
    person('p-1');
    person('p-2');
    person('h-1', HERENTALS);
    const a = await oneOnOneService.start(coach, 'p-1', undefined, ['STIPTHEID']);
    const b = await oneOnOneService.start(organiser, 'p-2', 'coach-bert', ['STIPTHEID']);
    const h = await oneOnOneService.start(otherCoach, 'h-1', undefined, ['STIPTHEID']);

    expect((await oneOnOneService.list(coach, { coachId: 'coach-an' })).map((x) => x.id)).toEqual([a.id]);
    expect((await oneOnOneService.list(organiser, { participantId: 'p-2' })).map((x) => x.id)).toEqual([b.id]);
    expect(await oneOnOneService.list(coach, { participantId: 'h-1' })).toEqual([]);
    expect((await oneOnOneService.list(admin, {})).map((x) => x.id).sort()).toEqual([a.id, b.id, h.id].sort());
    const asked = oneOnOnes.queries;
    expect(await oneOnOneService.list(managerWithoutRegion, {})).toEqual([]);
    expect(oneOnOnes.queries).toBe(asked);
  });

  it('erases the coach’s notes of an erased participant and keeps dates and attendance', async () => {
    const { oneOnOneService, oneOnOnes, person } = setUpAssignments();
    person('p-1');
    const { id } = await oneOnOneService.start(coach, 'p-1', undefined, ['STIPTHEID']);
    await oneOnOneService.logSession(coach, id, { heldOn: TODAY, attended: false, note: 'Ziek gemeld' });
    await oneOnOneService.eraseNotesOf('p-1');
    expect(oneOnOnes.get(id)!.sessions.map((s) => [s.heldOn, s.attended, s.note])).toEqual([[TODAY, false, null]]);
    const written = oneOnOnes.writes;
    await oneOnOneService.eraseNotesOf('p-1');
    expect(oneOnOnes.writes).toBe(written);
  });
});
