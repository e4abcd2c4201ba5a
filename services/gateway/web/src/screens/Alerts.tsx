import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { Fragment, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, post } from '../api';
import { fmtDate, fmtNumber, locale } from '../i18n';
import { serverNow } from '../lib/clock';
import { useColleagueNames } from '../lib/colleagues';
import { organisationsQuery, queryString, useOrganisationDirectory, useOrganisationNameOf } from '../lib/directory';
import { Empty, Failed, Loading } from '../lib/ScreenState';
import { ProblemMessage } from '../ProblemMessage';
import { reopenableUntil } from './alerts-rules';

interface AlertView {
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

/** One step of an alert's history, as GET /alerts/{participantId}/{kind} returns it. */
interface AlertTransition {
  action: string;
  at: string;
  by: string;
  reason: string | null;
  until: string | null;
  resolution: string | null;
}

/** A manual resolution that can still be undone from the inbox. */
interface Undoable {
  participantId: string;
  kind: string;
  name: string;
}

/** How long the notice "Opgelost — Ongedaan maken" stays after resolving; the row keeps offering it after. */
const UNDO_SHOWN_MS = 60_000;

/** The change types flow-through's alert stream sends as SSE event names. */
const STREAM_EVENTS = ['RAISED', 'UPDATED', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED', 'REOPENED'];
export const ALERT_KINDS = [
  'LOW_HOURS',
  'COACHING_GAP',
  'TRAJECTORY_ENDING_NO_PLAN',
  'EVALUATION_DUE',
  'FOLLOW_UP_DUE',
];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];
/** '' = every unresolved alert (open, acknowledged, snoozed): what the dashboard counts as open. */
const STATUSES = ['', 'OPEN', 'ACKNOWLEDGED', 'SNOOZED', 'RESOLVED'];
const AGES = ['', '7', '30'];
const SORTS = ['newest', 'oldest', 'severity'];
export const ALERT_PAGE_SIZE = 50;

/** The inbox's filters and page as the address holds them. */
function filtersOf(params: URLSearchParams) {
  const value = (name: string, allowed?: string[]) => {
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

type InboxPage = { items: AlertView[]; total: number; offset: number };

/** The one request (and its cache key) for a page of the inbox under these filters. */
function inboxQuery(params: URLSearchParams) {
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
function useInboxFilters() {
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

export function Alerts() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { filters, page, set } = useInboxFilters();
  const organisationName = useOrganisationNameOf();
  const organisations = useOrganisationDirectory();
  const [newAlerts, setNewAlerts] = useState(0);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  useEffect(() => {
    undo.reset();
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [undoable]);
  // Stable across renders (state setters only), so a row re-renders only when its own alert or names change.
  const onResolved = useCallback((u: Undoable) => {
    setReopened(null);
    setUndoable(u);
  }, []);
  const onReopened = useCallback((u: Undoable) => {
    setUndoable(null);
    setReopened(u);
  }, []);
  const undo = useMutation({
    mutationFn: (u: Undoable) => post(`/flow-through/alerts/${u.participantId}/${u.kind}/reopen`, {}),
    onSuccess: () => {
      setUndoable(null);
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const [params] = useSearchParams();
  const alerts = useQuery({
    ...inboxQuery(params),
    // The rows stay on screen while the next page or a refresh loads: nothing jumps or blanks.
    placeholderData: keepPreviousData,
  });
  const [reopened, setReopened] = useState<Undoable | null>(null);
  // The live stream: changes refresh the page in place (same page, same filters). New alerts show at
  // once on the first page; on a later page they are counted and shown when asked, so the rows the
  // person is working through never move to another page under their eyes.
  const onFirstPage = useRef(page === 0);
  onFirstPage.current = page === 0;
  useEffect(() => {
    const source = new EventSource('/api/flow-through/alerts/stream', { withCredentials: true });
    const refresh = () => void client.invalidateQueries({ queryKey: ['alerts'] });
    const raised = () => (onFirstPage.current ? refresh() : setNewAlerts((n) => n + 1));
    for (const type of STREAM_EVENTS) source.addEventListener(type, type === 'RAISED' ? raised : refresh);
    return () => source.close();
  }, [client]);
  // Back on the first page, whatever arrived meanwhile is shown: nothing left to announce.
  useEffect(() => {
    if (page === 0) setNewAlerts(0);
  }, [page]);
  const items = alerts.data?.items ?? [];
  const { known: participants, pending: namesPending } = useParticipantNames(items.map((a) => a.participantId));
  const coaches = useColleagueNames(items.flatMap((a) => participants.get(a.participantId)?.coachId ?? []));
  const now = serverNow();
  const labels = useRowLabels();
  const total = alerts.data?.total ?? 0;
  // The range of the rows on screen (while the next page loads, the previous one stays and says so).
  const shownOffset = alerts.data?.offset ?? 0;
  const first = items.length === 0 ? 0 : shownOffset + 1;
  const last = shownOffset + items.length;
  const loadingPage = alerts.isPlaceholderData;
  const pager = (
    <nav className="row pager" aria-label={t('alerts.paging')} style={{ alignItems: 'center' }}>
      <button
        type="button"
        className="secondary"
        disabled={page === 0 || loadingPage}
        onClick={() => set({ page: String(page - 1) })}
      >
        {t('alerts.previous')}
      </button>
      <span aria-live="polite">
        {t('alerts.range', { first: fmtNumber(first), last: fmtNumber(last), total: fmtNumber(total) })}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={last >= total || loadingPage}
        onClick={() => set({ page: String(page + 1) })}
      >
        {t('alerts.next')}
      </button>
    </nav>
  );
  const select = (name: keyof typeof filters, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select value={filters[name]} onChange={(e) => set({ [name]: e.target.value })}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p>{t('alerts.live')}</p>
      <form className="row filters" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        {select(
          'status',
          t('alerts.status'),
          STATUSES.map((s) => [s, s ? t(`alerts.${s}`) : t('alerts.unresolved')]),
        )}
        {select('kind', t('alerts.kind'), [
          ['', t('alerts.allKinds')],
          ...ALERT_KINDS.map((k): [string, string] => [k, t(`alerts.${k}`)]),
        ])}
        {select('severity', t('drill.severity'), [
          ['', t('alerts.allSeverities')],
          ...SEVERITIES.map((s): [string, string] => [s, t(`drill.severities.${s}`)]),
        ])}
        {select('organisationId', t('alerts.organisation'), [
          ['', t('alerts.allOrganisations')],
          ...(organisations.data ?? [])
            .filter((o) => o.kind === 'WIJK_WERK')
            .map((o): [string, string] => [o.id, o.name]),
        ])}
        {select(
          'olderThanDays',
          t('alerts.age'),
          AGES.map((a) => [a, a ? t('alerts.olderThan', { days: a }) : t('alerts.anyAge')]),
        )}
        {select(
          'sort',
          t('alerts.sort'),
          SORTS.map((s) => [s, t(`alerts.sorts.${s}`)]),
        )}
      </form>
      {newAlerts > 0 && (
        <p className="notice" role="status">
          {t('alerts.newArrived', { count: newAlerts })}{' '}
          <button
            type="button"
            onClick={() => {
              setNewAlerts(0);
              void client.invalidateQueries({ queryKey: ['alerts'] });
            }}
          >
            {t('alerts.showNew')}
          </button>
        </p>
      )}
      {reopened && (
        <p className="notice" role="status">
          {t('alerts.reopenedNotice', { kind: t(`alerts.${reopened.kind}`), name: reopened.name })}
        </p>
      )}
      {undoable && (
        <div className="notice" role="status">
          {t('alerts.resolvedNotice', { kind: t(`alerts.${undoable.kind}`), name: undoable.name })}{' '}
          <button type="button" disabled={undo.isPending} onClick={() => undo.mutate(undoable)}>
            {t('alerts.undo')}
          </button>
          <ProblemMessage error={undo.error} />
        </div>
      )}
      {alerts.isPending && <Loading what={t('alerts.title').toLowerCase()} />}
      {alerts.isError && !alerts.data && <Failed error={alerts.error} retry={() => void alerts.refetch()} />}
      {alerts.isSuccess && total === 0 && (
        <Empty>
          {Object.values(filters).some((v) => v && v !== 'newest') ? t('alerts.noneFiltered') : t('alerts.none')}
        </Empty>
      )}
      {total > 0 && (
        <>
          {pager}
          <table aria-busy={alerts.isFetching}>
            <caption className="visually-hidden">{t('alerts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts.kind')}</th>
                <th scope="col">{t('alerts.participant')}</th>
                <th scope="col">{t('alerts.organisation')}</th>
                <th scope="col">{t('alerts.coach')}</th>
                <th scope="col">{t('drill.severity')}</th>
                <th scope="col">{t('alerts.status')}</th>
                <th scope="col">{t('alerts.raised')}</th>
                <th scope="col">{t('alerts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => {
                const participant = participants.get(a.participantId);
                const until = reopenableUntil(a, now, items);
                return (
                  <AlertRow
                    key={a.id}
                    alert={a}
                    name={participant?.name}
                    namePending={!participant && namesPending}
                    coach={coachText(participant, coaches)}
                    organisation={organisationName(a.organisationId)}
                    reopenUntil={until ? until.toISOString() : null}
                    onResolved={onResolved}
                    onReopened={onReopened}
                    labels={labels}
                  />
                );
              })}
            </tbody>
          </table>
          {pager}
        </>
      )}
    </>
  );
}

interface ParticipantName {
  id: string;
  firstName: string;
  lastName: string;
  coachId: string | null;
}

/** A participant as an inbox row shows them: the name and their coach's user id (null: no coach). */
interface RowParticipant {
  name: string;
  coachId: string | null;
}

const participantNamesQuery = {
  queryKey: ['alerts', 'names'],
  queryFn: () => api<{ items: ParticipantName[] }>('/flow-through/participants?limit=200'),
  staleTime: 60_000,
};

const asRow = (p: ParticipantName): RowParticipant => ({ name: `${p.firstName} ${p.lastName}`, coachId: p.coachId });

/** Names and coaches of the participants on the page: the newest 200 in one call, the others one by one (by id). */
function useParticipantNames(ids: string[]): { known: Map<string, RowParticipant>; pending: boolean } {
  const listed = useQuery(participantNamesQuery);
  const known = new Map((listed.data?.items ?? []).map((p) => [p.id, asRow(p)]));
  const missing = listed.isSuccess ? [...new Set(ids)].filter((id) => !known.has(id)) : [];
  const single = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['participant-name', id],
      queryFn: () => api<ParticipantName>(`/flow-through/participants/${id}`),
      staleTime: 5 * 60_000,
    })),
  });
  for (const q of single) if (q.data) known.set(q.data.id, asRow(q.data));
  return { known, pending: listed.isPending || single.some((q) => q.isPending) };
}

/** The coach cell: the coach's name, "geen coach", or why the name is not there. */
function coachText(
  participant: RowParticipant | undefined,
  coaches: { names: Map<string, string>; pending: boolean },
): CoachCell {
  if (!participant) return { kind: 'pending' };
  if (!participant.coachId) return { kind: 'none' };
  const name = coaches.names.get(participant.coachId);
  if (name) return { kind: 'name', name };
  return coaches.pending ? { kind: 'pending' } : { kind: 'unknown' };
}

type CoachCell = { kind: 'name'; name: string } | { kind: 'none' } | { kind: 'unknown' } | { kind: 'pending' };

function CoachName({ coach, labels }: { coach: CoachCell; labels: RowLabels }) {
  if (coach.kind === 'name') return <>{coach.name}</>;
  if (coach.kind === 'none') return <span className="hint">{labels.noCoach}</span>;
  if (coach.kind === 'unknown') return <span className="hint">{labels.coachUnknown}</span>;
  return <span className="hint">…</span>;
}

/**
 * The words every row shows, translated once per language for the whole page rather than in each
 * of 50 rows on every render (i18next lookups were most of the inbox's rendering time).
 */
interface RowLabels {
  t: TFunction;
  text: (key: string) => string;
  ageDays: (count: number) => string;
  noCoach: string;
  coachUnknown: string;
}

function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const texts = new Map<string, string>();
    const ages = new Map<number, string>();
    const text = (key: string) => {
      let found = texts.get(key);
      if (found === undefined) {
        found = t(key, { defaultValue: key.split('.').pop() });
        texts.set(key, found);
      }
      return found;
    };
    const ageDays = (count: number) => {
      let found = ages.get(count);
      if (found === undefined) {
        found = t('alerts.ageDays', { count });
        ages.set(count, found);
      }
      return found;
    };
    return { t, text, ageDays, noCoach: t('alerts.noCoach'), coachUnknown: t('alerts.coachUnknown') };
  }, [t, language]);
}

const fmtShortDateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

const AlertRow = memo(function AlertRow({
  alert,
  name,
  namePending,
  coach,
  organisation,
  reopenUntil,
  onResolved,
  onReopened,
  labels,
}: {
  alert: AlertView;
  name?: string;
  /** The name is still on its way: "…" rather than "not found" meanwhile. */
  namePending: boolean;
  coach: CoachCell;
  organisation: string;
  /** Until when the service would still undo this manual resolution (ISO), else null. */
  reopenUntil: string | null;
  onResolved: (u: Undoable) => void;
  onReopened: (u: Undoable) => void;
  labels: RowLabels;
}) {
  const { t, text } = labels;
  const client = useQueryClient();
  const [open, setOpen] = useState<'resolve' | 'snooze' | null>(null);
  const [details, setDetails] = useState(false);
  const [reason, setReason] = useState('');
  const [resolveReason, setResolveReason] = useState('');
  const [until, setUntil] = useState('');
  const base = `/flow-through/alerts/${alert.participantId}/${alert.kind}`;
  const shownName = name ?? text('alerts.unknownParticipant');
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body: unknown }) => post(`${base}/${action}`, body),
    onSuccess: (_data, { action }) => {
      setOpen(null);
      const done = { participantId: alert.participantId, kind: alert.kind, name: shownName };
      if (action === 'resolve') onResolved(done);
      if (action === 'reopen') onReopened(done);
      void client.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  // The offer ends when the service's window does, also while the screen stays open.
  const [windowPassed, setWindowPassed] = useState(false);
  useEffect(() => {
    setWindowPassed(false);
    if (!reopenUntil) return;
    const left = Date.parse(reopenUntil) - serverNow().getTime();
    const timer = setTimeout(() => setWindowPassed(true), Math.min(Math.max(0, left), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [reopenUntil]);
  const resolved = alert.status === 'RESOLVED';
  const detailsId = `alert-details-${alert.id}`;
  const toggle = (form: 'resolve' | 'snooze') => setOpen(open === form ? null : form);
  return (
    <Fragment>
      <tr data-alert-id={alert.id}>
        <td>{text(`alerts.${alert.kind}`)}</td>
        <td>
          <Link to={`/manager/participants/${alert.participantId}`}>{namePending ? '…' : shownName}</Link>
        </td>
        <td>{organisation}</td>
        <td>
          <CoachName coach={coach} labels={labels} />
        </td>
        <td>{text(`drill.severities.${alert.severity}`)}</td>
        <td>
          {text(`alerts.${alert.status}`)}
          {alert.status === 'SNOOZED' && alert.snoozedUntil && (
            <small className="hint">
              {' '}
              {t('alerts.snoozedUntil', { until: fmtDate(alert.snoozedUntil), reason: alert.snoozeReason ?? '' })}
            </small>
          )}
        </td>
        <td>
          {fmtDate(alert.raisedAt)} <small className="hint">{labels.ageDays(alert.ageDays)}</small>
        </td>
        <td>
          {alert.status === 'OPEN' && (
            <button type="button" onClick={() => act.mutate({ action: 'acknowledge', body: {} })}>
              {text('alerts.acknowledge')}
            </button>
          )}{' '}
          {!resolved && (
            <>
              <button
                type="button"
                className="secondary"
                aria-expanded={open === 'resolve'}
                onClick={() => toggle('resolve')}
              >
                {text('alerts.resolve')}
              </button>{' '}
              <button
                type="button"
                className="secondary"
                aria-expanded={open === 'snooze'}
                onClick={() => toggle('snooze')}
              >
                {text('alerts.snooze')}
              </button>
            </>
          )}
          {resolved && reopenUntil && !windowPassed && (
            <>
              <button
                type="button"
                className="secondary"
                disabled={act.isPending}
                aria-describedby={`${detailsId}-undo`}
                onClick={() => act.mutate({ action: 'reopen', body: {} })}
              >
                {text('alerts.undo')}
              </button>{' '}
              <small className="hint" id={`${detailsId}-undo`}>
                {t('alerts.reopenUntil', { until: fmtShortDateTime(reopenUntil) })}
              </small>
            </>
          )}{' '}
          <button
            type="button"
            className="secondary"
            aria-expanded={details}
            aria-controls={detailsId}
            onClick={() => setDetails(!details)}
          >
            {text('alerts.details')}
          </button>
          {open === 'resolve' && (
            <form
              className="row"
              aria-label={t('alerts.resolveForm')}
              onSubmit={(e) => {
                e.preventDefault();
                act.mutate({ action: 'resolve', body: { reason: resolveReason.trim() } });
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setOpen(null);
              }}
            >
              <label>
                {t('alerts.resolveReason')}
                <input
                  required
                  autoFocus
                  maxLength={500}
                  value={resolveReason}
                  onChange={(e) => setResolveReason(e.target.value)}
                />
              </label>
              <button type="submit" disabled={act.isPending}>
                {t('alerts.resolveConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setOpen(null)}>
                {t('alerts.cancel')}
              </button>
            </form>
          )}
          {open === 'snooze' && (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                act.mutate({ action: 'snooze', body: { reason, until } });
              }}
            >
              <label>
                {t('alerts.reason')}
                <input required value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <label>
                {t('alerts.until')}
                <input type="date" required value={until} onChange={(e) => setUntil(e.target.value)} />
              </label>
              <button type="submit">{t('alerts.snooze')}</button>
            </form>
          )}
          <ProblemMessage error={act.error} />
        </td>
      </tr>
      {details && (
        <tr id={detailsId} className="alert-details">
          <td colSpan={8}>
            <AlertHistory base={base} />
          </td>
        </tr>
      )}
    </Fragment>
  );
});

/** Who did what when with one alert, oldest first, in the user's words. */
function AlertHistory({ base }: { base: string }) {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<{ id: string }>('/me') });
  const alert = useQuery({
    queryKey: ['alerts', 'detail', base],
    queryFn: () => api<{ history: AlertTransition[] }>(base),
  });
  // Who else changed it, by name (only colleagues in the manager's scope are named; others stay "een collega").
  const others = (alert.data?.history ?? [])
    .map((step) => step.by)
    .filter((by) => by !== 'system' && by !== me.data?.id);
  const colleagues = useColleagueNames(me.isSuccess ? others : []);
  if (alert.isPending || (others.length > 0 && colleagues.pending))
    return <Loading what={t('alerts.history').toLowerCase()} />;
  if (alert.isError) return <Failed error={alert.error} retry={() => void alert.refetch()} />;
  const who = (by: string) =>
    by === 'system'
      ? t('alerts.by.system')
      : by === me.data?.id
        ? t('alerts.by.you')
        : (colleagues.names.get(by) ?? t('alerts.by.colleague'));
  const line = (step: AlertTransition) => {
    const facts = { who: who(step.by), reason: step.reason ?? '', until: step.until ? fmtDate(step.until) : '' };
    if (step.action === 'RESOLVED' && step.resolution === 'CAUSE_CLEARED') return t('alerts.steps.CAUSE_CLEARED');
    if (step.action === 'RESOLVED' && !step.reason) return t('alerts.steps.RESOLVED_NO_REASON', facts);
    return t(`alerts.steps.${step.action}`, { ...facts, defaultValue: step.action });
  };
  return (
    <section aria-label={t('alerts.history')}>
      <h2 className="visually-hidden">{t('alerts.history')}</h2>
      <ol className="alert-history">
        {alert.data.history.map((step, i) => (
          <li key={i}>
            <time dateTime={step.at}>{fmtDateTime(step.at)}</time> — {line(step)}
          </li>
        ))}
      </ol>
    </section>
  );
}

const fmtDateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(
    new Date(iso),
  );
