import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError, post } from '../api';
import type { Me } from '../App';
import { currentMonth, fmtDate, fmtMonth, fmtNumber, shiftMonth } from '../i18n';
import { Barriers } from './Barriers';
import { OrganisationPicker, Problem, useChosenOrganisation } from './organiser-kit';
import { capState } from './organiser-rules';
import { nameLookup } from '../lib/names';
import { Empty, Failed, Loading } from '../lib/ScreenState';
import { MonthPrestations, parseDuration } from './Prestations';
import { PrestationEntry } from './PrestationEntry';

export { parseDuration };

interface GridRow {
  participantId: string;
  displayName: string;
  countedHours: number;
  monthRemaining: number;
  yearCounted: number;
  yearRemaining: number;
  allowanceCents: number;
  targetHours: number;
  /**
   * Against the target (the hours API's `TargetFacts`): a closed month as its close judged it, a
   * month that is over against the whole target, the running month in proportion to the days gone.
   */
  standing: { status: TargetStatus; expectedHours: number };
  /** Whether the month's close flagged the participant at risk; null while the month is open. */
  flagged: boolean | null;
}

export type TargetStatus =
  'ON_TARGET' | 'BELOW_TARGET' | 'ON_SCHEDULE' | 'BEHIND_SCHEDULE' | 'NOT_STARTED' | 'NOT_ACTIVE';

/** One participant's line in a closed month (the hours API's `ParticipantMonthResult`). */
export interface MonthResult {
  participantId: string;
  countedHours: number;
  targetHours: number;
  belowTarget: boolean;
  consecutiveMonthsBelow: number;
  fallingTrend: boolean;
  flagged: boolean;
}

/** `GET|POST /organisations/{org}/months/{month}/close`; the POST adds how many were flagged. */
export interface MonthClose {
  organisationId: string;
  month: string;
  closedAt: string;
  closedBy: 'ORGANISER' | 'AUTOMATIC';
  results: MonthResult[];
  /** The organisation's rule the close judged by: flagged after this many months in a row below target. */
  flagAfterMonthsBelow?: number;
  flagged?: number;
}

export function useMonthClose(organisationId: string, month: string) {
  return useQuery({
    queryKey: ['month-close', organisationId, month],
    queryFn: async () => {
      try {
        return await api<MonthClose>(`/hours/organisations/${organisationId}/months/${month}/close`);
      } catch (error) {
        if (error instanceof ApiError && error.problem.code === 'HOURS.MONTH_NOT_CLOSED') return null;
        throw error;
      }
    },
    enabled: !!organisationId,
  });
}

export function MonthGrid({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useChosenOrganisation(me);
  const [month, setMonth] = useState(currentMonth());
  const [open, setOpen] = useState<string | null>(null);
  const grid = useQuery({
    queryKey: ['grid', organisationId, month],
    queryFn: () => api<GridRow[]>(`/hours/organisations/${organisationId}/months/${month}`),
    enabled: !!organisationId,
  });
  const close = useMonthClose(organisationId, month);
  const closed = close.data ?? null;
  const resultOf = new Map((closed?.results ?? []).map((r) => [r.participantId, r]));
  // Shared short names ("Greet V." twice) are told apart, so hours never go to the wrong person.
  const nameOf = nameLookup((grid.data ?? []).map((r) => ({ id: r.participantId, displayName: r.displayName })));
  const rows = [...(grid.data ?? [])]
    .map((r) => ({ ...r, displayName: nameOf(r.participantId, r.displayName) }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  const atCap = rows.filter((r) => capState(r.monthRemaining) === 'full').length;
  // "Below target" only for a month that is over; the running month says who is behind schedule.
  const below = rows.filter((r) => r.standing.status === 'BELOW_TARGET').length;
  const behind = rows.filter((r) => r.standing.status === 'BEHIND_SCHEDULE').length;
  const running = rows.some((r) => r.standing.status === 'ON_SCHEDULE' || r.standing.status === 'BEHIND_SCHEDULE');
  const flaggedRows = rows.filter((r) => r.flagged === true || resultOf.get(r.participantId)?.flagged).length;

  return (
    <>
      <h1>
        {t('grid.title')} – {fmtMonth(month)}
      </h1>
      <form className="row toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t('organiser.grid.choose')}>
        <OrganisationPicker me={me} value={organisationId} onChange={setOrganisationId} />
        <button type="button" className="secondary" onClick={() => setMonth(shiftMonth(month, -1))}>
          ← {t('grid.prev')}
        </button>
        <button type="button" className="secondary" onClick={() => setMonth(shiftMonth(month, 1))}>
          {t('grid.next')} →
        </button>
        {closed && (
          <span className="badge closed" role="status">
            {t('organiser.grid.closedOn', { date: fmtDate(closed.closedAt) })}
          </span>
        )}
      </form>
      <PrestationEntry
        key={`${organisationId}:${month}`}
        rows={rows}
        loading={grid.isPending}
        month={month}
        monthClosed={!!closed}
      />
      {grid.isError && <Failed error={grid.error} retry={() => void grid.refetch()} />}
      {grid.isPending && <Loading what={t('organiser.grid.loadingWhat')} />}
      {rows.length > 0 && (
        <p className="hint" aria-live="polite" data-testid="grid-summary">
          {running
            ? t('organiser.grid.summaryOpen', { count: rows.length, atCap, behind })
            : closed
              ? t('organiser.grid.summaryFlagged', { count: rows.length, atCap, below, flagged: flaggedRows })
              : t('organiser.grid.summary', { count: rows.length, atCap, below })}
        </p>
      )}
      {running && rows.length > 0 && (
        <p className="hint" data-testid="schedule-hint">
          {t('organiser.grid.scheduleHint')}
        </p>
      )}
      <div className="table-scroll" hidden={!grid.isSuccess || rows.length === 0}>
        <table className="grid" aria-busy={grid.isFetching}>
          <caption className="visually-hidden">
            {t('grid.title')} – {fmtMonth(month)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('grid.participant')}</th>
              <th scope="col" className="num">
                {t('grid.counted')}
              </th>
              <th scope="col" className="num">
                {t('grid.monthRemaining')}
              </th>
              <th scope="col" className="num">
                {t('grid.yearRemaining')}
              </th>
              <th scope="col" className="num">
                {t('grid.target')}
              </th>
              <th scope="col">{t('grid.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const state = capState(r.monthRemaining);
              const result = resultOf.get(r.participantId);
              const isOpen = open === r.participantId;
              return (
                <Fragment key={r.participantId}>
                  <tr className={state === 'ok' ? undefined : `cap-${state}`} data-testid={`row-${r.participantId}`}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link"
                        aria-expanded={isOpen}
                        aria-controls={`detail-${r.participantId}`}
                        onClick={() => setOpen(isOpen ? null : r.participantId)}
                      >
                        {r.displayName}
                      </button>
                    </th>
                    <td className="num">
                      <span className="meter" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, (r.countedHours / 60) * 100)}%` }} />
                      </span>
                      {fmtNumber(r.countedHours)}
                    </td>
                    <td className="num">
                      {fmtNumber(r.monthRemaining)}
                      {state !== 'ok' && <span className="cap-text"> {t(`organiser.grid.cap.${state}`)}</span>}
                    </td>
                    <td className="num">{fmtNumber(r.yearRemaining)}</td>
                    <td className="num">{fmtNumber(r.targetHours)}</td>
                    <td data-testid={`standing-${r.participantId}`}>
                      <Standing row={r} flagged={result?.flagged ?? r.flagged === true} />
                    </td>
                  </tr>
                  {isOpen && (
                    <tr className="detail">
                      <td colSpan={6} id={`detail-${r.participantId}`}>
                        <MonthPrestations
                          participantId={r.participantId}
                          name={r.displayName}
                          month={month}
                          monthClosed={!!closed}
                        />
                        <p>
                          <Link to={`/organiser/participants/${r.participantId}`}>
                            {t('organiser.grid.toParticipant', { name: r.displayName })}
                          </Link>
                        </p>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {grid.isSuccess && rows.length === 0 && <Empty>{t('grid.empty')}</Empty>}
      <MonthCloseSection
        key={`close:${organisationId}:${month}`}
        organisationId={organisationId}
        month={month}
        closed={closed}
        checking={close.isPending}
        nameOf={(id) => rows.find((r) => r.participantId === id)?.displayName ?? id}
      />
    </>
  );
}

/** The grid's target column: flagged, below target or met for a month that is over; on or behind schedule while it runs. */
function Standing({ row, flagged }: { row: GridRow; flagged: boolean }) {
  const { t } = useTranslation();
  if (flagged) return <span className="badge flagged">{t('organiser.grid.flagged')}</span>;
  switch (row.standing.status) {
    case 'BELOW_TARGET':
      return <>{t('organiser.grid.belowBy', { count: row.targetHours - row.countedHours })}</>;
    case 'ON_TARGET':
      return <>{t('organiser.grid.onTarget')}</>;
    case 'BEHIND_SCHEDULE':
      return (
        <>
          {t('organiser.grid.behindSchedule', {
            counted: fmtNumber(row.countedHours),
            expected: fmtNumber(row.standing.expectedHours),
          })}
        </>
      );
    case 'ON_SCHEDULE':
      return <>{t('organiser.grid.onSchedule')}</>;
    default:
      return <>–</>;
  }
}

function MonthCloseSection({
  organisationId,
  month,
  closed,
  checking,
  nameOf,
}: {
  organisationId: string;
  month: string;
  closed: MonthClose | null;
  /** Whether the month's close is still being looked up. */
  checking: boolean;
  nameOf: (participantId: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [barriersFor, setBarriersFor] = useState<string | null>(null);
  // A month can be closed once it is over (the hours API refuses earlier): offer it only then.
  const ended = month < currentMonth();
  const close = useMutation({
    mutationFn: () => post<MonthClose>(`/hours/organisations/${organisationId}/months/${month}/close`, {}),
    onSuccess: (result) => {
      setConfirming(false);
      client.setQueryData(['month-close', organisationId, month], result);
      void client.invalidateQueries({ queryKey: ['grid'] });
    },
  });
  const base = `/api/hours/organisations/${organisationId}/months/${month}/allowances`;
  const flagged = (closed?.results ?? []).filter((r) => r.flagged);
  const totalHours = (closed?.results ?? []).reduce((sum, r) => sum + r.countedHours, 0);

  return (
    <section aria-labelledby="close-title" className="card">
      <h2 id="close-title">{t('organiser.close.title', { month: fmtMonth(month) })}</h2>
      {checking && <Loading />}
      {!checking && !closed && !ended && (
        <p className="hint" data-testid="close-not-yet">
          {t('organiser.close.notYet', {
            month: fmtMonth(month),
            from: fmtDate(`${shiftMonth(month, 1)}-01T12:00:00Z`),
          })}
        </p>
      )}
      {!checking && !closed && ended && !confirming && (
        <>
          <p className="hint">{t('organiser.close.explain')}</p>
          <button type="button" onClick={() => setConfirming(true)} disabled={!organisationId}>
            {t('grid.close')}
          </button>
        </>
      )}
      {!closed && ended && confirming && (
        <div role="group" aria-labelledby="close-confirm">
          <p id="close-confirm">{t('organiser.close.confirmText', { month: fmtMonth(month) })}</p>
          <span className="actions">
            <button type="button" onClick={() => close.mutate()} disabled={close.isPending} autoFocus>
              {t('organiser.close.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('organiser.cancel')}
            </button>
          </span>
        </div>
      )}
      <Problem error={close.error} />
      {closed && (
        <>
          <p role="status" className="ok">
            {t('organiser.close.result', {
              count: closed.results.length,
              hours: fmtNumber(totalHours),
              flagged: flagged.length,
            })}
          </p>
          {closed.flagAfterMonthsBelow !== undefined && (
            <p className="hint" data-testid="close-rule">
              {t('organiser.close.rule', { count: closed.flagAfterMonthsBelow })}
            </p>
          )}
          <p>
            {t('organiser.close.allowances')} <a href={`${base}.csv`}>{t('organiser.close.csv')}</a> ·{' '}
            <a href={`${base}.xlsx`}>{t('organiser.close.xlsx')}</a>
          </p>
          {closed.results.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption>{t('organiser.close.resultsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('grid.participant')}</th>
                    <th scope="col" className="num">
                      {t('grid.counted')}
                    </th>
                    <th scope="col" className="num">
                      {t('grid.target')}
                    </th>
                    <th scope="col">{t('organiser.close.monthsBelow')}</th>
                    <th scope="col">{t('grid.flag')}</th>
                    <th scope="col">{t('organiser.close.barriers')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...closed.results]
                    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.countedHours - b.countedHours)
                    .map((r) => (
                      <Fragment key={r.participantId}>
                        <tr>
                          <th scope="row">{nameOf(r.participantId)}</th>
                          <td className="num">{fmtNumber(r.countedHours)}</td>
                          <td className="num">{fmtNumber(r.targetHours)}</td>
                          <td>
                            {r.belowTarget ? t('organiser.close.inARow', { count: r.consecutiveMonthsBelow }) : '–'}
                            {r.fallingTrend && <span className="badge">{t('organiser.close.falling')}</span>}
                          </td>
                          <td>
                            {r.flagged ? (
                              <span className="badge flagged">{t('organiser.grid.flagged')}</span>
                            ) : (
                              t('organiser.close.notFlagged')
                            )}
                          </td>
                          <td>
                            {r.flagged && (
                              <button
                                type="button"
                                className="secondary"
                                aria-expanded={barriersFor === r.participantId}
                                onClick={() => setBarriersFor(barriersFor === r.participantId ? null : r.participantId)}
                              >
                                {t('organiser.close.recordBarriers', { name: nameOf(r.participantId) })}
                              </button>
                            )}
                          </td>
                        </tr>
                        {barriersFor === r.participantId && (
                          <tr className="detail">
                            <td colSpan={6}>
                              <Barriers
                                participantId={r.participantId}
                                name={nameOf(r.participantId)}
                                month={month}
                                onDone={() => setBarriersFor(null)}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
