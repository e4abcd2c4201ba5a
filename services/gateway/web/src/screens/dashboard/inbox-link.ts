import { queryString } from '../insight-kit';

/** The manager's inbox on the alerts a dashboard figure counts (every unresolved one, as the figure). */
export function inboxLink(filters: { kind?: string; organisationId?: string | null }): string {
  return `/manager/alerts${queryString({ kind: filters.kind, organisationId: filters.organisationId })}`;
}
