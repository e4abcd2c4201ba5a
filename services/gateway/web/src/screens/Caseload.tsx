import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Me } from '../App';
import { fmtDate, fmtNumber } from '../i18n';
import { ProblemMessage } from '../ProblemMessage';
import { GAP_REFRESH_MS, GapReason, GapView, RosterEntry, useRoster } from './coach-kit';
import { DataTable, useOrganisationNameOf } from './insight-kit';

const running = (entry: RosterEntry) => entry.trajectories.find((t) => t.startedOn && !t.endedOn) ?? null;

/** Gaps of all the coach's organisations, polled so that a gap closed by an assignment leaves by itself. */
export function useOpenGaps(me: Me) {
  const results = useQueries({
    queries: me.organisationIds.map((id) => ({
      queryKey: ['coach', 'gaps', 'organisation', id],
      queryFn: () => api<GapView[]>(`/coaching/organisations/${encodeURIComponent(id)}/gaps?status=OPEN`),
      refetchInterval: GAP_REFRESH_MS,
    })),
  });
  return {
    gaps: results.flatMap((r) => r.data ?? []),
    error: results.find((r) => r.error)?.error,
    loaded: results.every((r) => r.isSuccess),
  };
}

/** The coach's participants (those naming this coach), or everyone of the coach's organisations. */
export function Caseload({ me }: { me: Me }) {
  const { t } = useTranslation();
  const roster = useRoster();
  const nameOf = useOrganisationNameOf();
  const open = useOpenGaps(me);
  const everyone = roster.data ?? [];
  const mine = everyone.filter((p) => p.coachId === me.id);
  const [onlyMine, setOnlyMine] = useState<boolean | null>(null);
  // Until the coach chooses, show their own caseload when they have one, else the organisations'.
  const showMine = onlyMine ?? mine.length > 0;
  const shown = (showMine ? mine : everyone).filter((p) => running(p) || p.trajectories.length === 0);
  const shownIds = new Set(shown.map((p) => p.participantId));
  const gaps = open.gaps.filter((g) => shownIds.has(g.participantId));
  const gapCount = (id: string) => gaps.filter((g) => g.participantId === id).length;
  const nameOfParticipant = (id: string) => everyone.find((p) => p.participantId === id)?.displayName ?? id;
  const link = (id: string) => <Link to={`/coach/participants/${id}`}>{nameOfParticipant(id)}</Link>;
  return (
    <>
      <h1>{t('coach.caseload')}</h1>
      <label className="inline">
        <input type="checkbox" checked={showMine} onChange={(e) => setOnlyMine(e.target.checked)} />{' '}
        {t('coach.onlyMine', { count: mine.length })}
      </label>
      {roster.isSuccess && mine.length === 0 && <p className="hint">{t('coach.noneAssigned')}</p>}
      <ProblemMessage error={roster.error} />
      <section aria-labelledby="caseload-participants">
        <h2 id="caseload-participants">{t('coach.participants', { count: shown.length })}</h2>
        {roster.isLoading && <p>{t('app.loading')}</p>}
        {roster.isSuccess && shown.length === 0 && <p>{t('coach.noParticipants')}</p>}
        {shown.length > 0 && (
          <DataTable
            caption={t('coach.participants', { count: shown.length })}
            rowKey={(p) => p.participantId}
            rows={shown}
            columns={[
              { header: t('coach.participant'), cell: (p) => link(p.participantId) },
              { header: t('coach.organisation'), cell: (p) => nameOf(p.organisationId) },
              {
                header: t('coach.trajectorySince'),
                cell: (p) => {
                  const started = running(p)?.startedOn;
                  return started ? fmtDate(started) : t('coach.notStarted');
                },
              },
              {
                header: t('coach.lowHours'),
                cell: (p) =>
                  p.lowHours?.flagged ? (
                    <span className="badge flagged">{t('coach.lowHoursFlagged', { month: p.lowHours.month })}</span>
                  ) : (
                    '–'
                  ),
              },
              { header: t('coach.openGaps'), cell: (p) => fmtNumber(gapCount(p.participantId)), numeric: true },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="caseload-gaps" aria-live="polite">
        <h2 id="caseload-gaps">{t('coach.openGaps')}</h2>
        <ProblemMessage error={open.error} />
        {open.loaded && gaps.length === 0 && <p>{t('coach.noGaps')}</p>}
        {gaps.length > 0 && (
          <DataTable
            caption={t('coach.openGaps')}
            rowKey={(g) => g.gapId}
            rows={[...gaps].sort((a, b) => a.openedOn.localeCompare(b.openedOn))}
            columns={[
              { header: t('coach.participant'), cell: (g) => link(g.participantId) },
              { header: t('coach.gap'), cell: (g) => <GapReason gap={g} nameOf={(code) => code} /> },
              { header: t('coach.openedOn'), cell: (g) => fmtDate(g.openedOn) },
            ]}
          />
        )}
      </section>
    </>
  );
}
