import { describe, expect, it } from '@jest/globals';
import type { Assessment } from './coach-kit';
import { trendsByCompetency } from './competency-trends';

const assessment = (assessedOn: string, assessorKind: string, ratings: [string, number][]): Assessment => ({
  id: `${assessedOn}-${assessorKind}`,
  participantId: 'p',
  assessorKind,
  recordedBy: 'u',
  assessedOn,
  targetLevel: 3,
  ratings: ratings.map(([competencyCode, level]) => ({ competencyCode, level, note: null })),
});

describe('competency trends', () => {
  it('puts each competency’s staff ratings in date order and the participant’s own apart', () => {
    const trends = trendsByCompetency([
      assessment('2026-09-01', 'COACH', [['STIPTHEID', 3]]),
      assessment('2026-03-01', 'ORGANISER', [
        ['STIPTHEID', 1],
        ['NAUWKEURIG', 2],
      ]),
      assessment('2026-06-01', 'SELF', [['STIPTHEID', 4]]),
      assessment('2026-07-01', 'GEBRUIKER', [['STIPTHEID', 2]]),
    ]);
    expect(trends.get('STIPTHEID')?.staff.map((p) => [p.assessedOn, p.level])).toEqual([
      ['2026-03-01', 1],
      ['2026-09-01', 3],
    ]);
    expect(trends.get('STIPTHEID')?.self.map((p) => p.level)).toEqual([4]);
    expect(trends.get('NAUWKEURIG')?.staff.map((p) => p.level)).toEqual([2]);
  });
});
