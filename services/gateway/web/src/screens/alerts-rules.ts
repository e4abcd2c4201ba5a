/** What the inbox needs to know of an alert to offer undoing its resolution. */
export interface ReopenFacts {
  id: string;
  participantId: string;
  kind: string;
  status: string;
  resolution: string | null;
  resolvedAt: string | null;
  raisedAt: string;
}

/** flow-through reopens a manual resolution for this long (its default alert policy, reopenWindowHours). */
export const REOPEN_WINDOW_MS = 24 * 3_600_000;

/**
 * Until when the service would reopen this alert, or null when it would refuse: resolved by hand,
 * within the window, and no later alert of its kind for the participant among `others` (the service
 * reopens only the latest one; a refusal for a later alert not on screen is said in Dutch).
 */
export function reopenableUntil(
  alert: ReopenFacts,
  now: Date,
  others: ReadonlyArray<Pick<ReopenFacts, 'id' | 'participantId' | 'kind' | 'raisedAt'>> = [],
): Date | null {
  if (alert.status !== 'RESOLVED' || alert.resolution !== 'MANUAL') return null;
  const until = new Date(Date.parse(alert.resolvedAt ?? alert.raisedAt) + REOPEN_WINDOW_MS);
  if (now > until) return null;
  const later = others.some(
    (o) =>
      o.id !== alert.id &&
      o.participantId === alert.participantId &&
      o.kind === alert.kind &&
      o.raisedAt > alert.raisedAt,
  );
  return later ? null : until;
}
