import type { Destination } from '@stapsteen/contracts';
import { isExit } from './definitions';
import { publishable } from './kpi-arithmetic';
import type { OrganisationMonth } from './organisation-month';
import type { OrganisationRoster } from './roster';

/**
 * One participant-month for research: no name, no id, a keyed pseudonym that stays the same
 * across months (and exports with the same secret) but cannot be reversed without the secret.
 */
export interface PseudonymisedRow {
  pseudonym: string;
  /** Null when fewer than five participants of the row's group share the band. */
  birthYearBand: string | null;
  organisationId: string;
  month: string;
  countedHours: number;
  targetHours: number;
  /** The destination of an exit in this month, otherwise ONGOING. */
  outcome: Destination | 'ONGOING';
}

export interface PseudonymisedExport {
  rows: PseudonymisedRow[];
  /** Organisation-months left out because they had fewer than five participants. */
  suppressedGroups: number;
}

/**
 * The participant-months of some organisations, published per organisation × month only where
 * that group holds at least five participants (MIN_PUBLISHED_GROUP); smaller groups are left out
 * entirely, and a birth-year band shared by fewer than five within a published group is blanked,
 * so no row narrows down to fewer than five people by organisation, month and band.
 */
export function pseudonymisedRows(
  rosters: readonly OrganisationRoster[],
  months: readonly OrganisationMonth[],
  pseudonymOf: (participantKey: string) => string,
): PseudonymisedExport {
  const rosterOf = new Map(rosters.map((roster) => [roster.organisationId, roster]));
  const rows: PseudonymisedRow[] = [];
  let suppressedGroups = 0;
  const sorted = [...months].sort(
    (a, b) => a.organisationId.localeCompare(b.organisationId) || a.month.localeCompare(b.month),
  );
  for (const model of sorted) {
    const keys = Object.keys(model.lines);
    if (keys.length === 0) continue;
    if (!publishable(keys.length)) {
      suppressedGroups += 1;
      continue;
    }
    const participants = rosterOf.get(model.organisationId)?.participants ?? {};
    const bandCounts = new Map<string, number>();
    for (const key of keys) {
      const band = participants[key]?.birthYearBand;
      if (band) bandCounts.set(band, (bandCounts.get(band) ?? 0) + 1);
    }
    const group = keys
      .map((key): PseudonymisedRow => {
        const facts = participants[key];
        const band = facts?.birthYearBand ?? null;
        const exit = Object.values(facts?.trajectories ?? {}).find(
          (t) => isExit(t) && t.endedOn.slice(0, 7) === model.month,
        );
        return {
          pseudonym: pseudonymOf(key),
          birthYearBand: band && publishable(bandCounts.get(band) ?? 0) ? band : null,
          organisationId: model.organisationId,
          month: model.month,
          countedHours: model.lines[key].countedHours,
          targetHours: model.lines[key].targetHours,
          outcome: exit?.destination ?? 'ONGOING',
        };
      })
      // Sorted by pseudonym, so the row order says nothing about enrolment order.
      .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
    rows.push(...group);
  }
  return { rows, suppressedGroups };
}
