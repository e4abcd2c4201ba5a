import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Me } from '../App';
import { fmtDate, fmtMonth, fmtNumber } from '../i18n';
import { nameLookup } from '../lib/names';
import { Loading } from '../lib/ScreenState';
import { ProblemMessage } from '../ProblemMessage';
import { Catalogue, GAP_REFRESH_MS, GapReason, GapView, RosterEntry, useRoster } from './coach-kit';
import { DataTable } from '../lib/DataTable';
import { useOrganisationNameOf } from '../lib/directory';

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
  const { t, i18n } = useTranslation();
  const roster = useRoster();
  const nameOf = useOrganisationNameOf();
  const open = useOpenGaps(me);
  const catalogues = useQueries({
    queries: me.organisationIds.map((id) => ({
      queryKey: ['coach', 'catalogue', id],
      queryFn: () => api<Catalogue>(`/coaching/organisations/${encodeURIComponent(id)}/catalogue`),
      staleTime: 5 * 60_000,
    })),
  });
  // A competency by its name in the chosen language, never its code (NAUWKEURIG → "Nauwkeurig werken").
  const competencyName = (organisationId: string, code: string) => {
    const catalogue = catalogues[me.organisationIds.indexOf(organisationId)]?.data;
    const competency = catalogue?.competencies.find((c) => c.code === code);
    if (!competency) return t('coach.aCompetency');
    return i18n.language === 'en' ? competency.nameEn : competency.nameNl;
  };
  const everyone = roster.data ?? [];
  // Counted like the list below: participants with a running trajectory or none yet, not the finished ones.
  const current = (p: RosterEntry) => Boolean(running(p)) || p.trajectories.length === 0;
  const mine = everyone.filter((p) => p.coachId === me.id && current(p));
  const [onlyMine, setOnlyMine] = useState<boolean | null>(null);
  // Until the coach chooses, show their own caseload when they have one, else the organisations'.
  const showMine = onlyMine ?? mine.length > 0;
  const shown = (showMine ? mine : everyone).filter(current);
  const shownIds = new Set(shown.map((p) => p.participantId));
  const gaps = open.gaps.filter((g) => shownIds.has(g.participantId));
  const gapCount = (id: string) => gaps.filter((g) => g.participantId === id).length;
  const nameOfParticipant = nameLookup(everyone.map((p) => ({ id: p.participantId, displayName: p.displayName })));
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
        {roster.isPending && <Loading />}
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
                    <span className="badge flagged">
                      {t('coach.lowHoursFlagged', { month: fmtMonth(p.lowHours.month) })}
                    </span>
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
              {
                header: t('coach.gap'),
                cell: (g) => <GapReason gap={g} nameOf={(code) => competencyName(g.organisationId, code)} />,
              },
              { header: t('coach.openedOn'), cell: (g) => fmtDate(g.openedOn) },
            ]}
          />
        )}
      </section>
    </>
  );
}
