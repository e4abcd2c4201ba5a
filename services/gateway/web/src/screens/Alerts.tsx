import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post } from '../api';
import { serverNow } from '../lib/clock';
import { useColleagueNames } from '../lib/colleagues';
import { useOrganisationNameOf } from '../lib/directory';
import { Empty, Failed, Loading } from '../lib/ScreenState';
import { ProblemMessage } from '../ProblemMessage';
import { InboxFilterForm } from './alerts/InboxFilterForm';
import { inboxQuery, STREAM_EVENTS, Undoable, useInboxFilters } from './alerts/inbox-query';
import { InboxTable } from './alerts/InboxTable';
import { Pager } from './alerts/Pager';
import { useParticipantNames } from './alerts/participant-names';
import { useRowLabels } from './alerts/row-labels';

export { ALERT_KINDS, ALERT_PAGE_SIZE, prefetchInbox } from './alerts/inbox-query';

/** How long the notice "Opgelost — Ongedaan maken" stays after resolving; the row keeps offering it after. */
const UNDO_SHOWN_MS = 60_000;

/** The regional manager's inbox: a page of alerts under filters in the address, kept live from the alert stream. */
export function Alerts() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { filters, page, set } = useInboxFilters();
  const organisationName = useOrganisationNameOf();
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
    <Pager
      page={page}
      first={first}
      last={last}
      total={total}
      loadingPage={loadingPage}
      onPage={(n) => set({ page: String(n) })}
    />
  );
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p>{t('alerts.live')}</p>
      <InboxFilterForm filters={filters} set={set} />
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
          <InboxTable
            items={items}
            busy={alerts.isFetching}
            participants={participants}
            namesPending={namesPending}
            coaches={coaches}
            organisationName={organisationName}
            now={now}
            onResolved={onResolved}
            onReopened={onReopened}
            labels={labels}
          />
          {pager}
        </>
      )}
    </>
  );
}
