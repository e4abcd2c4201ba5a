import type { CoachingGapReason } from '@stapsteen/contracts';
import type { WantedGap } from './gap-rules';

export interface Gap {
  gapId: string;
  reasonCode: CoachingGapReason;
  competencyCode: string | null;
  openedOn: string;
  closedOn: string | null;
}

/** A participant's gaps, open and closed: one document, so "one open gap per reason" is an invariant of it. */
export interface ParticipantGaps {
  participantId: string;
  organisationId: string;
  regionId: string;
  coachId: string | null;
  openCount: number;
  gaps: Gap[];
}

export interface Scope {
  organisationId: string;
  regionId: string;
  coachId: string | null;
}

const keyOf = (gap: { reasonCode: string; competencyCode: string | null }) =>
  `${gap.reasonCode}:${gap.competencyCode ?? ''}`;

/**
 * Opens the wanted gaps that are not open yet and closes the open ones no longer wanted, each with
 * its event. Returns the same object when nothing changed, so nothing is written.
 */
export function reconcileGaps(
  participantId: string,
  current: ParticipantGaps | null,
  wanted: readonly WantedGap[],
  scope: Scope | null,
  today: string,
  newId: () => string,
) {
  const base: ParticipantGaps = current ?? {
    participantId,
    organisationId: scope?.organisationId ?? '',
    regionId: scope?.regionId ?? '',
    coachId: scope?.coachId ?? null,
    openCount: 0,
    gaps: [],
  };
  const wantedKeys = new Set(wanted.map(keyOf));
  const openKeys = new Set(base.gaps.filter((g) => g.closedOn === null).map(keyOf));
  const where = scope ?? base;
  const event = { participantId, organisationId: where.organisationId, regionId: where.regionId };
  const facts: Array<{ type: string; version: number; participantId: string; data: object }> = [];
  const gaps = base.gaps.map((gap) => {
    if (gap.closedOn !== null || wantedKeys.has(keyOf(gap))) return gap;
    facts.push({
      type: 'coaching.gap-closed',
      version: 1,
      participantId,
      data: { gapId: gap.gapId, ...event, reasonCode: gap.reasonCode, closedOn: today },
    });
    return { ...gap, closedOn: today };
  });
  for (const want of wanted) {
    if (openKeys.has(keyOf(want))) continue;
    openKeys.add(keyOf(want));
    const gap: Gap = {
      gapId: newId(),
      reasonCode: want.reasonCode,
      competencyCode: want.competencyCode,
      openedOn: today,
      closedOn: null,
    };
    gaps.push(gap);
    facts.push({
      type: 'coaching.gap-detected',
      version: 1,
      participantId,
      data: {
        gapId: gap.gapId,
        ...event,
        reasonCode: gap.reasonCode,
        openedOn: today,
        ...(gap.competencyCode ? { competencyCode: gap.competencyCode } : {}),
      },
    });
  }
  const scopeChanged =
    scope !== null &&
    (scope.organisationId !== base.organisationId ||
      scope.regionId !== base.regionId ||
      scope.coachId !== base.coachId);
  if (current && facts.length === 0 && !scopeChanged) return { next: current, facts };
  const next: ParticipantGaps = {
    ...base,
    ...(scope ? { organisationId: scope.organisationId, regionId: scope.regionId, coachId: scope.coachId } : {}),
    gaps,
    openCount: gaps.filter((g) => g.closedOn === null).length,
  };
  return { next, facts };
}
