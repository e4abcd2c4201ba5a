import type { Assessment } from '../coach-kit';

/** The latest level per assessor kind and competency (history is oldest first). */
export function latestByKind(assessments: Assessment[]): Map<string, Map<string, number>> {
  const latest = new Map<string, Map<string, number>>();
  for (const assessment of assessments) {
    const levels = latest.get(assessment.assessorKind) ?? new Map<string, number>();
    for (const rating of assessment.ratings) levels.set(rating.competencyCode, rating.level);
    latest.set(assessment.assessorKind, levels);
  }
  return latest;
}

/** Competencies whose latest staff rating (coach or organiser) is below target. */
export function belowTarget(assessments: Assessment[], target: number): string[] {
  const staff = latestByKind(assessments.filter((a) => a.assessorKind === 'COACH' || a.assessorKind === 'ORGANISER'));
  const codes = new Set<string>();
  const merged = new Map<string, number>();
  for (const levels of staff.values()) for (const [code, level] of levels) merged.set(code, level);
  for (const [code, level] of merged) if (level < target) codes.add(code);
  return [...codes];
}
