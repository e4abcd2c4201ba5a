import type { CoachingModality } from '@stapsteen/contracts';
import { DomainError } from '@stapsteen/errors';
import { Assessment, BASELINE_KINDS, chronological } from '../../assessments/domain/assessment';
import type { AssignmentSummary } from '../../assignments/domain/assignment';
import { isCalendarMonth } from '@stapsteen/calendar';

/** The trajectory month in which the coaching started, in the bands the report splits by. */
export const TRAJECTORY_BANDS = ['1-3', '4-6', '7-12', '13+', 'UNKNOWN'] as const;
export type TrajectoryBand = (typeof TRAJECTORY_BANDS)[number];

export interface EffectivenessPolicy {
  /** Cells based on fewer participants are suppressed: small groups can identify people. */
  minParticipants: number;
}

export const DEFAULT_EFFECTIVENESS_POLICY: EffectivenessPolicy = { minParticipants: 5 };

export interface EffectivenessFacts {
  /** Months `YYYY-MM`, inclusive; only coaching that started in them counts. Null: no bound. */
  from: string | null;
  to: string | null;
  assessments: readonly Assessment[];
  assignments: readonly AssignmentSummary[];
  /** Each participant's trajectories, for the month of the trajectory in which coaching started. */
  trajectories: ReadonlyMap<string, ReadonlyArray<{ startedOn: string | null; endedOn: string | null }>>;
}

export interface EffectivenessCell {
  participants: number;
  /** Null when suppressed. */
  averageChange: number | null;
  suppressed: boolean;
}

export interface EffectivenessRow extends EffectivenessCell {
  competencyCode: string;
  modality: CoachingModality;
  byTrajectoryMonth: Array<EffectivenessCell & { months: TrajectoryBand }>;
}

export function assertPeriod(from: string | null, to: string | null): void {
  for (const month of [from, to]) {
    if (month !== null && !isCalendarMonth(month)) {
      throw new DomainError('COACHING.PERIOD_INVALID', 'validation', 'Months are written YYYY-MM.');
    }
  }
  if (from !== null && to !== null && from > to) {
    throw new DomainError('COACHING.PERIOD_INVALID', 'validation', '`from` lies after `to`.');
  }
}

/** Month 1 is the first month of the trajectory: the day it started up to the day before the same day a month later. */
export function trajectoryMonth(trajectoryStartedOn: string, on: string): number {
  const [y1, m1, d1] = trajectoryStartedOn.split('-').map(Number);
  const [y2, m2, d2] = on.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0) + 1;
}

export function bandOf(month: number | null): TrajectoryBand {
  if (month === null || month < 1) return 'UNKNOWN';
  if (month <= 3) return '1-3';
  if (month <= 6) return '4-6';
  if (month <= 12) return '7-12';
  return '13+';
}

/** The band of the trajectory that was running on the day the coaching started. */
function bandAt(
  trajectories: ReadonlyArray<{ startedOn: string | null; endedOn: string | null }>,
  on: string,
): TrajectoryBand {
  const running = trajectories
    .filter((t) => t.startedOn !== null && t.startedOn <= on && (t.endedOn === null || t.endedOn >= on))
    .sort((a, b) => String(a.startedOn).localeCompare(String(b.startedOn)))
    .at(-1);
  return bandOf(running?.startedOn ? trajectoryMonth(running.startedOn, on) : null);
}

interface StaffRating {
  on: string;
  level: number;
}

/** Per participant and competency: the staff (COACH, ORGANISER) ratings, oldest first. */
function staffRatings(assessments: readonly Assessment[]): Map<string, StaffRating[]> {
  const ratings = new Map<string, StaffRating[]>();
  for (const assessment of [...assessments].sort(chronological)) {
    if (!BASELINE_KINDS.includes(assessment.assessorKind)) continue;
    for (const rating of assessment.ratings) {
      const key = `${assessment.participantId}:${rating.competencyCode}`;
      ratings.set(key, [...(ratings.get(key) ?? []), { on: assessment.assessedOn, level: rating.level }]);
    }
  }
  return ratings;
}

interface Sum {
  sum: number;
  count: number;
}

const add = (sums: Map<string, Sum>, key: string, change: number) => {
  const current = sums.get(key) ?? { sum: 0, count: 0 };
  sums.set(key, { sum: current.sum + change, count: current.count + 1 });
};

const cell = (sum: Sum | undefined, policy: EffectivenessPolicy): EffectivenessCell => {
  const participants = sum?.count ?? 0;
  const suppressed = participants < policy.minParticipants;
  return {
    participants,
    // Sum over count in code: FerretDB v1 has no average accumulator; two decimals are precise enough for a 1–4 scale.
    averageChange: suppressed || !sum ? null : Math.round((sum.sum / sum.count) * 100) / 100,
    suppressed,
  };
};

/**
 * A band shown next to a row total would give away a single suppressed band (total minus the
 * others); while the suppressed bands together hold fewer than the minimum, the smallest shown band
 * is suppressed too.
 */
function suppressComplements(row: EffectivenessRow, policy: EffectivenessPolicy): void {
  if (row.suppressed) return;
  const hidden = () => row.byTrajectoryMonth.filter((band) => band.suppressed && band.participants > 0);
  const hiddenCount = () => hidden().reduce((total, band) => total + band.participants, 0);
  while (hidden().length > 0 && hiddenCount() < policy.minParticipants) {
    const shown = row.byTrajectoryMonth
      .filter((band) => !band.suppressed)
      .sort((a, b) => a.participants - b.participants)
      .at(0);
    if (!shown) break;
    shown.suppressed = true;
    shown.averageChange = null;
  }
}

/**
 * The average change in staff rating per competency and modality: for every participant who had
 * the competency in an assignment of the modality started in the period, the latest staff rating
 * after the start minus the last one on or before it. A participant counts once per competency and
 * modality (their first such assignment in the period) and is left out without a rating on both sides.
 */
export function effectivenessReport(
  facts: EffectivenessFacts,
  policy: EffectivenessPolicy = DEFAULT_EFFECTIVENESS_POLICY,
): EffectivenessRow[] {
  assertPeriod(facts.from, facts.to);
  const ratings = staffRatings(facts.assessments);
  const inPeriod = (day: string) =>
    (facts.from === null || day.slice(0, 7) >= facts.from) && (facts.to === null || day.slice(0, 7) <= facts.to);

  // The first assignment per participant, competency and modality.
  const first = new Map<
    string,
    { participantId: string; competencyCode: string; modality: CoachingModality; startedOn: string }
  >();
  for (const assignment of facts.assignments) {
    if (!inPeriod(assignment.startedOn)) continue;
    for (const competencyCode of new Set(assignment.competencyCodes)) {
      const key = `${assignment.participantId}|${competencyCode}|${assignment.modality}`;
      const known = first.get(key);
      if (!known || assignment.startedOn < known.startedOn) {
        first.set(key, {
          participantId: assignment.participantId,
          competencyCode,
          modality: assignment.modality,
          startedOn: assignment.startedOn,
        });
      }
    }
  }

  const totals = new Map<string, Sum>();
  const banded = new Map<string, Sum>();
  for (const entry of first.values()) {
    const history = ratings.get(`${entry.participantId}:${entry.competencyCode}`) ?? [];
    const before = history.filter((rating) => rating.on <= entry.startedOn).at(-1);
    const after = history.filter((rating) => rating.on > entry.startedOn).at(-1);
    if (!before || !after) continue;
    const change = after.level - before.level;
    const rowKey = `${entry.competencyCode}|${entry.modality}`;
    add(totals, rowKey, change);
    add(banded, `${rowKey}|${bandAt(facts.trajectories.get(entry.participantId) ?? [], entry.startedOn)}`, change);
  }

  return [...totals.entries()]
    .map(([rowKey, total]) => {
      const [competencyCode, modality] = rowKey.split('|') as [string, CoachingModality];
      const row: EffectivenessRow = {
        competencyCode,
        modality,
        ...cell(total, policy),
        byTrajectoryMonth: TRAJECTORY_BANDS.map((months) => ({
          months,
          ...cell(banded.get(`${rowKey}|${months}`), policy),
        })),
      };
      suppressComplements(row, policy);
      return row;
    })
    .sort((a, b) => a.competencyCode.localeCompare(b.competencyCode) || a.modality.localeCompare(b.modality));
}
