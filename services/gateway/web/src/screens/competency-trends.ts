import type { Assessment } from './coach-kit';

/** One rating of one competency on one day, by one kind of assessor. */
export interface TrendPoint {
  assessedOn: string;
  assessorKind: string;
  level: number;
}

const STAFF = new Set(['COACH', 'ORGANISER']);

/**
 * Each competency's ratings in the order they were given (assessments come oldest first), split
 * into the staff's view (coach and organiser) and the participant's own (SELF), as a learner plan
 * shows them: a competency that stays below target, or falls, stands out at a glance.
 */
export function trendsByCompetency(
  assessments: Assessment[],
): Map<string, { staff: TrendPoint[]; self: TrendPoint[] }> {
  const trends = new Map<string, { staff: TrendPoint[]; self: TrendPoint[] }>();
  const ordered = [...assessments].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn));
  for (const assessment of ordered) {
    const line = STAFF.has(assessment.assessorKind) ? 'staff' : assessment.assessorKind === 'SELF' ? 'self' : null;
    if (!line) continue;
    for (const rating of assessment.ratings) {
      const trend = trends.get(rating.competencyCode) ?? { staff: [], self: [] };
      trend[line].push({
        assessedOn: assessment.assessedOn,
        assessorKind: assessment.assessorKind,
        level: rating.level,
      });
      trends.set(rating.competencyCode, trend);
    }
  }
  return trends;
}
