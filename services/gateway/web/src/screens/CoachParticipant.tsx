import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import type { Me } from '../App';
import { fmtDate, fmtMonth } from '../i18n';
import { nameLookup } from '../lib/names';
import { Loading } from '../lib/ScreenState';
import { ProblemMessage } from '../ProblemMessage';
import {
  Assessment,
  AssignmentSummary,
  GAP_REFRESH_MS,
  GapReason,
  GapView,
  useCatalogue,
  useCompetencyName,
  useRoster,
} from './coach-kit';
import { Assign } from './coach-participant/Assign';
import { AssessmentForm } from './coach-participant/AssessmentForm';
import { belowTarget } from './coach-participant/assessments';
import { History } from './coach-participant/History';
import { usePeerPairs } from './coach-participant/peer-pairs';
import { Profile } from './coach-participant/Profile';
import { CompetencyTrends } from './CompetencyTrends';
import { DataTable, useOrganisationNameOf } from './insight-kit';

/** One participant for the coach: open gaps, competency profile and history, assessing and assigning coaching. */
export function CoachParticipant({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const roster = useRoster();
  const entry = roster.data?.find((p) => p.participantId === id);
  const organisationId = entry?.organisationId ?? me.organisationIds[0];
  const catalogue = useCatalogue(organisationId);
  const nameOfOrganisation = useOrganisationNameOf();
  const nameOf = useCompetencyName(catalogue.data);
  const base = `/coaching/participants/${id}`;
  const assessments = useQuery({
    queryKey: ['coach', 'assessments', id],
    queryFn: () => api<Assessment[]>(`${base}/assessments`),
  });
  const gaps = useQuery({
    queryKey: ['coach', 'gaps', id],
    queryFn: () => api<GapView[]>(`${base}/gaps?status=OPEN`),
    refetchInterval: GAP_REFRESH_MS,
  });
  const assignments = useQuery({
    queryKey: ['coach', 'assignments', id],
    queryFn: () => api<AssignmentSummary[]>(`${base}/assignments`),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['coach'] });
  const pairs = usePeerPairs(organisationId);
  const personName = nameLookup((roster.data ?? []).map((p) => ({ id: p.participantId, displayName: p.displayName })));
  // Who the participant's peer is: the peer coach of their pair, or the coachees they coach themselves.
  const pairOf = (assignmentId: string) => {
    for (const coach of pairs.data ?? []) {
      const pair = coach.pairs.find((p) => p.id === assignmentId);
      if (pair) return { peerCoachId: coach.peerCoachId, coacheeId: pair.coacheeId };
    }
    return null;
  };
  const withWhom = (a: AssignmentSummary): string => {
    if (a.modality !== 'PEER') return '–';
    const pair = pairOf(a.assignmentId);
    if (!pair) return pairs.isPending ? t('app.loading') : '–';
    return pair.peerCoachId === id
      ? t('coach.peerCoachOf', { name: personName(pair.coacheeId, t('coach.aPeer')) })
      : t('coach.coachedBy', { name: personName(pair.peerCoachId, t('coach.aPeer')) });
  };
  const coachOf = (pairs.data ?? [])
    .filter((c) => c.peerCoachId === id)
    .flatMap((c) => c.pairs.filter((p) => p.status === 'ACTIVE').map((p) => p.coacheeId));
  const myPeerCoach = (pairs.data ?? []).find((c) =>
    c.pairs.some((p) => p.status === 'ACTIVE' && p.coacheeId === id),
  )?.peerCoachId;
  const target = catalogue.data?.targetLevel ?? 3;
  const below = belowTarget(assessments.data ?? [], target);
  return (
    <>
      <nav aria-label={t('drill.breadcrumb')} className="breadcrumb">
        <Link to="/coach">{t('coach.caseload')}</Link> ›{' '}
        <span aria-current="page">{entry ? personName(id, entry.displayName) : t('app.loading')}</span>
      </nav>
      <h1>{entry ? personName(id, entry.displayName) : t('coach.participant')}</h1>
      {roster.isPending && <Loading />}
      <ProblemMessage error={roster.error} />
      {entry && (
        <p>
          {nameOfOrganisation(entry.organisationId)}
          {entry.lowHours?.flagged && (
            <>
              {' · '}
              <span className="badge flagged">
                {t('coach.lowHoursFlagged', { month: fmtMonth(entry.lowHours.month) })}
              </span>
            </>
          )}
        </p>
      )}
      <section aria-labelledby="cp-gaps" aria-live="polite">
        <h2 id="cp-gaps">{t('coach.openGaps')}</h2>
        <ProblemMessage error={gaps.error} />
        {gaps.isSuccess && gaps.data.length === 0 && <p>{t('coach.noGaps')}</p>}
        {gaps.data && gaps.data.length > 0 && (
          <ul className="gaps">
            {gaps.data.map((g) => (
              <li key={g.gapId}>
                <GapReason gap={g} nameOf={nameOf} /> – {t('coach.since', { date: fmtDate(g.openedOn) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cp-coaching">
        <h2 id="cp-coaching">{t('coach.currentCoaching')}</h2>
        <ProblemMessage error={assignments.error} />
        {assignments.isSuccess && assignments.data.filter((a) => a.active).length === 0 && (
          <p>{t('coach.noCoaching')}</p>
        )}
        {assignments.data && assignments.data.some((a) => a.active) && (
          <DataTable
            caption={t('coach.currentCoaching')}
            rowKey={(a) => a.assignmentId}
            rows={assignments.data.filter((a) => a.active)}
            columns={[
              { header: t('coach.modality'), cell: (a) => t(`coach.modalities.${a.modality}`) },
              { header: t('coach.competencies'), cell: (a) => a.competencyCodes.map(nameOf).join(', ') },
              { header: t('coach.withWhom'), cell: withWhom },
              { header: t('coach.startedOn'), cell: (a) => fmtDate(a.startedOn) },
            ]}
          />
        )}
        {coachOf.length > 0 && (
          <p data-testid="peer-coach-of">
            {t('coach.isPeerCoachOf', { names: coachOf.map((c) => personName(c, t('coach.aPeer'))).join(', ') })}
          </p>
        )}
      </section>
      <section aria-labelledby="cp-profile">
        <h2 id="cp-profile">{t('coach.profile')}</h2>
        <ProblemMessage error={assessments.error ?? catalogue.error} />
        {assessments.data && catalogue.data && <Profile assessments={assessments.data} catalogue={catalogue.data} />}
        <h3>{t('coach.trends')}</h3>
        {assessments.data && catalogue.data && (
          <CompetencyTrends assessments={assessments.data} catalogue={catalogue.data} />
        )}
        <h3>{t('coach.history')}</h3>
        {assessments.data && <History assessments={assessments.data} catalogue={catalogue.data} />}
        {catalogue.data && <AssessmentForm participantId={id} catalogue={catalogue.data} onSaved={refresh} />}
      </section>
      {catalogue.data && organisationId && (
        <Assign
          participantId={id}
          organisationId={organisationId}
          catalogue={catalogue.data}
          below={below}
          active={(assignments.data ?? []).filter((a) => a.active)}
          peerOf={myPeerCoach ? personName(myPeerCoach, t('coach.aPeer')) : null}
          onAssigned={refresh}
        />
      )}
    </>
  );
}
