import { QueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { organisationsQuery, queryString } from '../../lib/directory';
import { participantNamesQuery } from './participant-names';
import { alertViewKindValues, alertViewSeverityValues } from '../../generated/flow-through';

/** An alert as the inbox lists it (GET /alerts). */
export interface AlertView {
  id: string;
  participantId: string;
  organisationId: string;
  kind: string;
  severity: string;
  status: string;
  raisedAt: string;
  ageDays: number;
  snoozedUntil: string | null;
  snoozeReason: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

/** A manual resolution that can still be undone from the inbox. */
export interface Undoable {
  participantId: string;
  kind: string;
  name: string;
}

/** The change types flow-through's alert stream sends as SSE event names. */
export const STREAM_EVENTS = ['RAISED', 'UPDATED', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED', 'REOPENED'];
export const ALERT_KINDS = alertViewKindValues;
/** The severities as flow-through documents them, the most urgent first (the filter's order). */
export const SEVERITIES = [...alertViewSeverityValues].reverse();
/** '' = every unresolved alert (open, acknowledged, snoozed): what the dashboard counts as open. */
export const STATUSES = ['', 'OPEN', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED'];
export const AGES = ['', '7', '30'];
export const SORTS = ['newest', 'oldest', 'severity'];
export const ALERT_PAGE_SIZE = 50;

/** The inbox's filters and page as the address holds them. */
function filtersOf(params: URLSearchParams) {
  const value = (name: string, allowed?: readonly string[]) => {
    const v = params.get(name) ?? '';
    return allowed && !allowed.includes(v) ? '' : v;
  };
  const filters = {
    kind: value('kind', ALERT_KINDS),
    severity: value('severity', SEVERITIES),
    status: value('status', STATUSES),
    organisationId: value('organisationId'),
    olderThanDays: value('olderThanDays', AGES),
    sort: value('sort', SORTS) || 'newest',
  };
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  return { filters, page };
}

/** The inbox's filters, as the address holds them. */
export type InboxFilters = ReturnType<typeof filtersOf>['filters'];

type InboxPage = { items: AlertView[]; total: number; offset: number };

/** The one request (and its cache key) for a page of the inbox under these filters. */
export function inboxQuery(params: URLSearchParams) {
  const { filters, page } = filtersOf(params);
  const offset = page * ALERT_PAGE_SIZE;
  const path = `/flow-through/alerts${queryString({
    ...filters,
    limit: String(ALERT_PAGE_SIZE),
    offset: String(offset),
  })}`;
  return {
    queryKey: ['alerts', path],
    queryFn: async (): Promise<InboxPage> => ({
      ...(await api<{ items: AlertView[]; total: number }>(path)),
      offset,
    }),
  };
}

/**
 * Starts the inbox's requests (its page, the participants' names, the organisations) at once, in
 * parallel with the app's own start-up (clock, who is signed in), instead of after them: on a
 * loaded machine each round trip in a row cost the inbox time before its first row.
 */
export function prefetchInbox(client: QueryClient, search: string): void {
  void client.prefetchQuery(inboxQuery(new URLSearchParams(search)));
  void client.prefetchQuery(participantNamesQuery);
  void client.prefetchQuery(organisationsQuery);
}

/** The filters live in the address, so a reload, a link from the dashboard or a live update keeps the place. */
export function useInboxFilters() {
  const [params, setParams] = useSearchParams();
  const { filters, page } = filtersOf(params);
  const set = (changes: Record<string, string>) => {
    // From the address as it is now, not as it was when this screen last rendered: two filters
    // changed in quick succession must both stay (the second used to restore the first's old value).
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    // A new filter starts on the first page; turning the page keeps the filters.
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { filters, page, set };
}
