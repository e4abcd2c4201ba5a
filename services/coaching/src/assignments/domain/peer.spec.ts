import { PairingInput, PeerCandidate, PeerCoach, endPair, pairPeers, rankPeerCoaches } from './peer';

const person = (participantId: string, organisationId = 'org-neteland') => ({
  participantId,
  organisationId,
  regionId: 'region-kempen',
});
const rated = (level: number) => new Map([['STIPTHEID', { level, targetLevel: 3 }]]);
const input = (overrides: Partial<PairingInput> = {}): PairingInput => ({
  pairId: 'pair-1',
  peerCoach: person('peer'),
  coachee: person('coachee-1'),
  competencyCodes: ['STIPTHEID'],
  peerRatings: rated(4),
  maxActiveCoachees: 3,
  today: '2026-05-01',
  ...overrides,
});
const coachWith = (active: number): PeerCoach =>
  Array.from({ length: active }).reduce<PeerCoach | null>(
    (coach, _, i) => pairPeers(coach, input({ pairId: `p-${i}`, coachee: person(`c-${i}`) })).next,
    null,
  ) as PeerCoach;

describe('pairing a peer coach', () => {
  it('pairs a peer rated at or above target with a coachee of the same organisation and announces it', () => {
    const { next, facts } = pairPeers(null, input());
    expect(next.pairs).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      type: 'coaching.assigned',
      participantId: 'coachee-1',
      data: { modality: 'PEER' },
    });
  });

  it('refuses to pair a participant with themselves', () => {
    expect(() => pairPeers(null, input({ coachee: person('peer') }))).toThrow(
      expect.objectContaining({ code: 'COACHING.SELF_PAIR' }),
    );
  });

  it('refuses a peer coach of another organisation', () => {
    expect(() => pairPeers(null, input({ coachee: person('c', 'org-herentals') }))).toThrow(
      expect.objectContaining({ code: 'COACHING.PEER_OTHER_ORGANISATION' }),
    );
  });

  it('refuses a peer coach rated below target on a competency of the pair', () => {
    expect(() => pairPeers(null, input({ peerRatings: rated(2) }))).toThrow(
      expect.objectContaining({ code: 'COACHING.PEER_NOT_QUALIFIED' }),
    );
  });

  it('refuses a peer coach never rated on the competency', () => {
    expect(() => pairPeers(null, input({ competencyCodes: ['DIGITAAL'] }))).toThrow(
      expect.objectContaining({ code: 'COACHING.PEER_NOT_QUALIFIED' }),
    );
  });

  it('refuses a fourth active coachee by default', () => {
    expect(() => pairPeers(coachWith(3), input({ coachee: person('c-new') }))).toThrow(
      expect.objectContaining({ code: 'COACHING.PEER_COACH_FULL' }),
    );
  });

  it('honours a configured maximum of active coachees', () => {
    expect(() => pairPeers(coachWith(1), input({ coachee: person('c-new'), maxActiveCoachees: 1 }))).toThrow(
      expect.objectContaining({ code: 'COACHING.PEER_COACH_FULL' }),
    );
  });

  it('frees a place when a pair ends with a reason', () => {
    const full = coachWith(3);
    const ended = endPair(full, 'p-0', 'COMPLETED', '2026-06-01');
    expect(ended.facts[0]).toMatchObject({ type: 'coaching.ended', data: { reasonCode: 'COMPLETED' } });
    expect(() => pairPeers(ended.next, input({ coachee: person('c-new') }))).not.toThrow();
  });
});

describe('suggesting peer coaches', () => {
  const candidate = (
    id: string,
    level: number,
    activeCoachees = 0,
    formerParticipant = false,
    organisationId = 'org-neteland',
  ): PeerCandidate => ({
    participant: { ...person(id, organisationId), displayName: id, formerParticipant },
    ratings: rated(level),
    activeCoachees,
  });

  it('ranks the candidate furthest above target first and says why', () => {
    const ranked = rankPeerCoaches(
      person('coachee'),
      ['STIPTHEID'],
      [candidate('mostly', 3), candidate('fully', 4)],
      3,
    );
    expect(ranked.map((s) => s.participantId)).toEqual(['fully', 'mostly']);
    expect(ranked[0].explanation).toContain('STIPTHEID: rated 4, target 3');
    expect(ranked[0].reasons).toContainEqual({
      code: 'RATED_AT_OR_ABOVE_TARGET',
      competencyCode: 'STIPTHEID',
      level: 4,
      targetLevel: 3,
    });
  });

  it('prefers a free peer coach over a busy one of the same level', () => {
    const ranked = rankPeerCoaches(
      person('coachee'),
      ['STIPTHEID'],
      [candidate('busy', 4, 2), candidate('free', 4, 0)],
      3,
    );
    expect(ranked.map((s) => s.participantId)).toEqual(['free', 'busy']);
  });

  it('leaves out the coachee, other organisations, candidates below target and full peer coaches', () => {
    const ranked = rankPeerCoaches(
      person('coachee'),
      ['STIPTHEID'],
      [
        candidate('coachee', 4),
        candidate('elsewhere', 4, 0, false, 'org-herentals'),
        candidate('low', 2),
        candidate('full', 4, 3),
      ],
      3,
    );
    expect(ranked).toEqual([]);
  });
});
