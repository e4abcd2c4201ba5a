import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { Me } from '../App';
import { currentMonth, fmtDate, fmtMonth, shiftMonth } from '../i18n';
import { nameLookup } from '../lib/names';
import { Empty, Failed, Loading } from '../lib/ScreenState';
import { GridTable } from './month-grid/GridTable';
import { useMonthClose } from './month-grid/month-close';
import { MonthCloseSection } from './month-grid/MonthCloseSection';
import type { GridRow } from './month-grid/types';
import { OrganisationPicker, useChosenOrganisation } from './organiser-kit';
import { capState } from './organiser-rules';
import { parseDuration } from './Prestations';
import { PrestationEntry } from './PrestationEntry';

export { parseDuration };
export { useMonthClose, type MonthClose, type MonthResult } from './month-grid/month-close';
export type { TargetStatus } from './month-grid/types';

/** The organiser's month: the organisation's participants, entering prestations, and closing the month. */
export function MonthGrid({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useChosenOrganisation(me);
  const [month, setMonth] = useState(currentMonth());
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
      <GridTable
        rows={rows}
        month={month}
        monthClosed={!!closed}
        resultOf={resultOf}
        hidden={!grid.isSuccess || rows.length === 0}
        busy={grid.isFetching}
      />
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
