import {
  TODAY,
  NETELAND,
  organiser,
  coach,
  otherCoach,
  manager,
  codeOf,
  plan,
  setUpAssignments,
} from '../../../test/assignments-fixture';

describe('a participant’s coaching in every modality', () => {
  it('sums up group, one-on-one and peer coaching, for callers who may read the participant', async () => {
    const { groupService, oneOnOneService, peerService, summaries, person, rate } = setUpAssignments();
    person('p-1');
    person('peer');
    await rate('peer', 'STIPTHEID', 4);
    const group = await groupService.plan(organiser, plan());
    await groupService.enrol(coach, group.id, 'p-1');
    const oneOnOne = await oneOnOneService.start(coach, 'p-1', undefined, ['STRESS']);
    const pair = await peerService.pair(coach, 'peer', 'p-1', ['STIPTHEID']);

    expect(
      (await summaries.participantAssignments(manager, 'p-1')).map((s) => [s.modality, s.assignmentId, s.startedOn]),
    ).toEqual([
      ['GROUP', group.id, TODAY],
      ['ONE_ON_ONE', oneOnOne.id, TODAY],
      ['PEER', pair.id, TODAY],
    ]);
    expect(
      (await summaries.summariesForOrganisation(NETELAND)).map((s) => [s.modality, s.participantId]).sort(),
    ).toEqual([
      ['GROUP', 'p-1'],
      ['ONE_ON_ONE', 'p-1'],
      ['PEER', 'p-1'],
    ]);
    expect(await codeOf(summaries.participantAssignments(otherCoach, 'p-1'))).toBe('COACHING.PARTICIPANT_NOT_FOUND');
  });
});
