import type { Principal } from '@stapsteen/auth';
import {
  TODAY,
  NETELAND,
  HERENTALS,
  KEMPEN,
  coach,
  otherCoach,
  manager,
  admin,
  codeOf,
  factsOf,
  setUpAssignments,
} from '../../../test/assignments-fixture';

describe('peer-to-peer coaching through the peer coaching service', () => {
  it('pairs a peer rated at or above target with a coachee of the same organisation and announces it', async () => {
    const { peerService, summaries, peers, person, rate } = setUpAssignments();
    person('peer');
    person('c-1');
    await rate('peer', 'STIPTHEID', 3);

    const pair = await peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']);

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
    expect((await summaries.summariesFor('c-1')).map((s) => [s.modality, s.assignmentId, s.active])).toEqual([
      ['PEER', pair.id, true],
    ]);
  });

  it('refuses a peer below target or unrated, oneself, a pair twice and a peer of another organisation', async () => {
    const { peerService, peers, person, rate } = setUpAssignments();
    person('peer');
    person('c-1');
    person('h-peer', HERENTALS);
    await rate('peer', 'STIPTHEID', 2);
    await rate('h-peer', 'STIPTHEID', 4);

    expect(await factsOf(peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID', 'STRESS']))).toEqual({
      code: 'COACHING.PEER_NOT_QUALIFIED',
      facts: { competencyCodes: ['STIPTHEID', 'STRESS'] },
    });
    await rate('peer', 'STIPTHEID', 4);
    expect(await codeOf(peerService.pair(coach, 'peer', 'peer', ['STIPTHEID']))).toBe('COACHING.SELF_PAIR');
    expect(await codeOf(peerService.pair(admin, 'h-peer', 'c-1', ['STIPTHEID']))).toBe(
      'COACHING.PEER_OTHER_ORGANISATION',
    );
    // For staff of the coachee's organisation, a peer elsewhere does not exist.
    expect(await codeOf(peerService.pair(coach, 'h-peer', 'c-1', ['STIPTHEID']))).toBe(
      'COACHING.PARTICIPANT_NOT_FOUND',
    );
    expect(await codeOf(peerService.pair(manager, 'peer', 'c-1', ['STIPTHEID']))).toBe('AUTH.OUT_OF_SCOPE');
    expect(peers.writes).toBe(0);

    await peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']);
    expect(await codeOf(peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']))).toBe('COACHING.ALREADY_PAIRED');
    expect(peers.get('peer')!.pairs).toHaveLength(1);
  });

  it('keeps a peer coach to the maximum of active coachees, and an ended pair frees a place', async () => {
    const { peerService, peers, person, rate } = setUpAssignments(2);
    for (const id of ['peer', 'c-1', 'c-2', 'c-3']) person(id);
    await rate('peer', 'STIPTHEID', 4);
    const first = await peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']);
    await peerService.pair(coach, 'peer', 'c-2', ['STIPTHEID']);

    expect(await factsOf(peerService.pair(coach, 'peer', 'c-3', ['STIPTHEID']))).toEqual({
      code: 'COACHING.PEER_COACH_FULL',
      facts: { activeCoachees: 2, maxActiveCoachees: 2 },
    });
    const ended = await peerService.endPair(coach, first.id, 'COMPLETED');
    expect([ended.status, ended.endedOn, ended.endReason]).toEqual(['ENDED', TODAY, 'COMPLETED']);
    expect((await peerService.pair(coach, 'peer', 'c-3', ['STIPTHEID'])).coacheeId).toBe('c-3');
    expect(peers.get('peer')!.pairs.map((p) => [p.coacheeId, p.status])).toEqual([
      ['c-1', 'ENDED'],
      ['c-2', 'ACTIVE'],
      ['c-3', 'ACTIVE'],
    ]);
  });

  it('re-decides when another writer took the last place meanwhile, and refuses as full', async () => {
    const { peerService, peers, person, rate } = setUpAssignments(2);
    for (const id of ['peer', 'c-1', 'c-2', 'c-3']) person(id);
    await rate('peer', 'STIPTHEID', 4);
    await peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']);
    peers.beforeNextWrite(() => {
      const current = peers.get('peer')!;
      peers.put('peer', {
        ...current,
        pairs: [...current.pairs, { ...current.pairs[0], id: 'pair-elsewhere', coacheeId: 'c-2' }],
      });
    });

    expect(await factsOf(peerService.pair(coach, 'peer', 'c-3', ['STIPTHEID']))).toEqual({
      code: 'COACHING.PEER_COACH_FULL',
      facts: { activeCoachees: 2, maxActiveCoachees: 2 },
    });
    expect(peers.get('peer')!.pairs.map((p) => p.coacheeId)).toEqual(['c-1', 'c-2']);
  });

  it('keeps both first pairings when another writer created the peer coach’s record first', async () => {
    const { peerService, peers, person, rate } = setUpAssignments(2);
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

    await peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']);

    expect(peers.get('peer')!.pairs.map((p) => p.coacheeId)).toEqual(['c-2', 'c-1']);
  });

  it('logs the meetings of a pair, and hides the pairs from other organisations', async () => {
    const { peerService, person, rate } = setUpAssignments();
    person('peer');
    person('c-1');
    await rate('peer', 'STIPTHEID', 4);
    const pair = await peerService.pair(coach, 'peer', 'c-1', ['STIPTHEID']);

    expect(await codeOf(peerService.logSession(coach, pair.id, '2026-05-05'))).toBe('COACHING.HELD_IN_FUTURE');
    const logged = await peerService.logSession(coach, pair.id, TODAY);
    expect([logged.sessionsHeld, logged.lastSessionOn]).toEqual([1, TODAY]);
    expect(await codeOf(peerService.logSession(otherCoach, pair.id, TODAY))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');
    expect(await codeOf(peerService.endPair(coach, 'no-such-pair', 'OTHER'))).toBe('COACHING.ASSIGNMENT_NOT_FOUND');

    expect((await peerService.listPairs(manager, NETELAND)).map((c) => c.peerCoachId)).toEqual(['peer']);
    expect(await codeOf(peerService.listPairs(otherCoach, NETELAND))).toBe('COACHING.ORGANISATION_NOT_FOUND');
    const elsewhere: Principal = { ...manager, regionId: 'region-antwerpen' };
    expect(await codeOf(peerService.listPairs(elsewhere, NETELAND))).toBe('COACHING.ORGANISATION_NOT_FOUND');
  });

  it('suggests qualified peers of the coachee’s organisation on the competencies it is below target on', async () => {
    const { peerService, person, rate } = setUpAssignments(3);
    for (const id of ['c-1', 'anna', 'bart', 'cas']) person(id);
    person('h-1', HERENTALS);
    await rate('c-1', 'STIPTHEID', 1);
    await rate('anna', 'STIPTHEID', 4);
    await rate('bart', 'STIPTHEID', 3);
    await rate('cas', 'STIPTHEID', 2);
    await rate('h-1', 'STIPTHEID', 4);
    await peerService.pair(coach, 'anna', 'bart', ['STIPTHEID']);

    const { competencyCodes, suggestions } = await peerService.suggest(coach, 'c-1');

    expect(competencyCodes).toEqual(['STIPTHEID']);
    expect(suggestions.map((s) => [s.participantId, s.score, s.activeCoachees])).toEqual([
      ['anna', 10 + 2 * 3, 1],
      ['bart', 0 + 3 * 3, 0],
    ]);
  });
});
