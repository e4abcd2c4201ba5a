import {
  GroupSession,
  cancelEnrolment,
  enrol,
  groupSessionView,
  groupSummaries,
  planGroupSession,
  recordAttendance,
} from './group-session';

const session = (capacity = 2): GroupSession =>
  planGroupSession({
    id: 's-1',
    organisationId: 'org-neteland',
    regionId: 'region-kempen',
    title: 'Op tijd komen',
    competencyCodes: ['STIPTHEID'],
    date: '2026-05-12',
    startTime: '09:30',
    endTime: '12:00',
    place: 'Geel',
    trainer: 'Els',
    capacity,
    createdBy: 'coach-1',
  });
const person = (participantId: string) => ({
  participantId,
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
});
const enrolAll = (start: GroupSession, ids: string[]) =>
  ids.reduce((s, id, i) => enrol(s, person(id), `2026-05-01T08:00:0${i}.000Z`, '2026-05-01').next, start);

describe('a group session', () => {
  it('gives seats up to its capacity and announces each assignment', () => {
    const first = enrol(session(), person('a'), '2026-05-01T08:00:00.000Z', '2026-05-01');
    expect(first.result.status).toBe('ENROLLED');
    expect(first.facts[0]).toMatchObject({ type: 'coaching.assigned', data: { modality: 'GROUP' } });
  });

  it('puts the participant who finds it full on the waiting list, without an assignment', () => {
    const full = enrolAll(session(2), ['a', 'b']);
    const third = enrol(full, person('c'), '2026-05-01T09:00:00.000Z', '2026-05-01');
    expect(third.result).toMatchObject({ status: 'WAITING', waitingPosition: 1 });
    expect(third.facts).toEqual([]);
  });

  it('refuses to enrol the same participant twice', () => {
    expect(() => enrol(enrolAll(session(), ['a']), person('a'), '2026-05-01T09:00:00.000Z', '2026-05-01')).toThrow(
      expect.objectContaining({ code: 'COACHING.ALREADY_ENROLLED' }),
    );
  });

  it('gives a freed seat to the first on the waiting list', () => {
    const full = enrolAll(session(2), ['a', 'b', 'c', 'd']);
    const { next, facts, result } = cancelEnrolment(full, 'a', '2026-05-02');
    expect(result.promoted).toBe('c');
    expect(next.enrolments.filter((e) => e.status === 'ENROLLED').map((e) => e.participantId)).toEqual(['b', 'c']);
    expect(facts.map((f) => f.type)).toEqual(['coaching.ended', 'coaching.assigned']);
  });

  it('shows only the seated participants as enrolments, the waiting ones in order on the waiting list and the cancelled ones nowhere', () => {
    const full = enrolAll(session(2), ['a', 'b', 'c', 'd', 'e']);
    const view = groupSessionView(cancelEnrolment(full, 'a', '2026-05-02').next);
    expect(view.enrolments.map((e) => [e.participantId, e.status])).toEqual([
      ['b', 'ENROLLED'],
      ['c', 'ENROLLED'],
    ]);
    expect(view.waitingList).toEqual(['d', 'e']);
    expect(view.seatsLeft).toBe(0);
  });

  it('ends every enrolment at attendance: completed for attendees, no-show for the others', () => {
    const { facts } = recordAttendance(enrolAll(session(2), ['a', 'b']), ['a'], '2026-05-12');
    expect(facts.map((f) => [f.participantId, f.data.reasonCode])).toEqual([
      ['a', 'COMPLETED'],
      ['b', 'NO_SHOW'],
    ]);
  });

  it('coaches on the day it is held, also for seats typed in after that day', () => {
    // Enrolled on 1 May for the session of 12 May; attendance typed in on 3 June.
    const early = recordAttendance(enrolAll(session(2), ['a']), ['a'], '2026-06-03');
    expect(early.facts.map((f) => f.data.endedOn)).toEqual(['2026-05-12']);
    expect(groupSummaries(early.next, 'a')).toMatchObject([
      { startedOn: '2026-05-01', endedOn: '2026-05-12', lastActivityOn: '2026-05-12' },
    ]);
    // The paper list came in late: enrolled on 2 June for the session held on 12 May.
    const late = enrol(session(), person('b'), '2026-06-02T08:00:00.000Z', '2026-06-02');
    expect(late.facts.map((f) => f.data.startedOn)).toEqual(['2026-05-12']);
    const held = recordAttendance(late.next, ['b'], '2026-06-03');
    expect(groupSummaries(held.next, 'b')).toMatchObject([{ startedOn: '2026-05-12', endedOn: '2026-05-12' }]);
  });

  it('refuses a participant of another organisation', () => {
    expect(() =>
      enrol(session(), { ...person('x'), organisationId: 'org-herentals' }, '2026-05-01T08:00:00.000Z', '2026-05-01'),
    ).toThrow(expect.objectContaining({ code: 'COACHING.OTHER_ORGANISATION' }));
  });
});
