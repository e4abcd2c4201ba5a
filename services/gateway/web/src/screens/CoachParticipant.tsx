import { useIsFetching, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Plugin } from 'chart.js';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, post } from '../api';
import type { Me } from '../App';
import { fmtDate, fmtMonth } from '../i18n';
import { nameLookup } from '../lib/names';
import { Loading } from '../lib/ScreenState';
import { ProblemMessage } from '../ProblemMessage';
import {
  Assessment,
  ASSESSOR_KINDS,
  AssignmentSummary,
  Catalogue,
  GAP_REFRESH_MS,
  GapReason,
  GapView,
  GroupSession,
  ModalitySuggestion,
  PeerSuggestion,
  useCatalogue,
  useCompetencyName,
  useRoster,
} from './coach-kit';
import { CompetencyTrends } from './CompetencyTrends';
import { ChartWithTable, DataTable, PALETTE, today, useOrganisationNameOf } from './insight-kit';

/** The latest level per assessor kind and competency (history is oldest first). */
function latestByKind(assessments: Assessment[]): Map<string, Map<string, number>> {
  const latest = new Map<string, Map<string, number>>();
  for (const assessment of assessments) {
    const levels = latest.get(assessment.assessorKind) ?? new Map<string, number>();
    for (const rating of assessment.ratings) levels.set(rating.competencyCode, rating.level);
    latest.set(assessment.assessorKind, levels);
  }
  return latest;
}

/** Competencies whose latest staff rating (coach or organiser) is below target. */
function belowTarget(assessments: Assessment[], target: number): string[] {
  const staff = latestByKind(assessments.filter((a) => a.assessorKind === 'COACH' || a.assessorKind === 'ORGANISER'));
  const codes = new Set<string>();
  const merged = new Map<string, number>();
  for (const levels of staff.values()) for (const [code, level] of levels) merged.set(code, level);
  for (const [code, level] of merged) if (level < target) codes.add(code);
  return [...codes];
}

function targetLine(target: number, label: string): Plugin<'bar'> {
  return {
    id: 'targetLine',
    afterDatasetsDraw(chart) {
      const y = chart.scales.y.getPixelForValue(target);
      const { left, right } = chart.chartArea;
      const context = chart.ctx;
      context.save();
      context.strokeStyle = '#9b1c1c';
      context.setLineDash([6, 4]);
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(left, y);
      context.lineTo(right, y);
      context.stroke();
      context.fillStyle = '#9b1c1c';
      context.font = '12px system-ui, sans-serif';
      context.textAlign = 'left';
      context.fillText(label, left + 4, y - 4);
      context.restore();
    },
  };
}

function Profile({ assessments, catalogue }: { assessments: Assessment[]; catalogue: Catalogue }) {
  const { t } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const latest = latestByKind(assessments);
  const kinds = ASSESSOR_KINDS.filter((kind) => latest.has(kind));
  const codes = catalogue.competencies.map((c) => c.code).filter((code) => kinds.some((k) => latest.get(k)?.has(code)));
  const target = catalogue.targetLevel;
  const title = t('coach.profile');
  if (codes.length === 0) return <p>{t('coach.noAssessments')}</p>;
  const below = codes.filter((code) => kinds.some((k) => (latest.get(k)?.get(code) ?? target) < target));
  return (
    <ChartWithTable
      title={title}
      summary={t('coach.profileSummary', {
        count: codes.length,
        below: below.length,
        target,
        names: below.map(nameOf).join(', ') || '–',
      })}
      chart={
        <Bar
          data={{
            labels: codes.map(nameOf),
            datasets: kinds.map((kind, i) => ({
              label: t(`coach.kinds.${kind}`),
              data: codes.map((code) => latest.get(kind)?.get(code) ?? null),
              backgroundColor: PALETTE[i % PALETTE.length],
            })),
          }}
          plugins={[targetLine(target, t('coach.targetMarker', { target }))]}
          options={{
            animation: false,
            maintainAspectRatio: false,
            scales: { y: { min: 0, max: 4, ticks: { stepSize: 1 } } },
          }}
        />
      }
      table={
        <DataTable
          caption={title}
          rowKey={(code) => code}
          rows={codes}
          columns={[
            { header: t('coach.competency'), cell: (code) => nameOf(code) },
            ...kinds.map((kind) => ({
              header: t(`coach.kinds.${kind}`),
              cell: (code: string) => latest.get(kind)?.get(code) ?? '–',
              numeric: true,
            })),
            { header: t('coach.target'), cell: () => target, numeric: true },
          ]}
        />
      }
    />
  );
}

function History({ assessments, catalogue }: { assessments: Assessment[]; catalogue: Catalogue | undefined }) {
  const { t } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const rows = [...assessments].reverse().flatMap((a) =>
    a.ratings.map((r) => ({
      key: `${a.id}-${r.competencyCode}`,
      assessedOn: a.assessedOn,
      kind: a.assessorKind,
      code: r.competencyCode,
      level: r.level,
      change: a.changes?.find((c) => c.competencyCode === r.competencyCode)?.change ?? null,
      note: r.note,
    })),
  );
  if (rows.length === 0) return <p>{t('coach.noAssessments')}</p>;
  return (
    <DataTable
      caption={t('coach.history')}
      rowKey={(r) => r.key}
      rows={rows}
      columns={[
        { header: t('coach.assessedOn'), cell: (r) => fmtDate(r.assessedOn) },
        { header: t('coach.assessor'), cell: (r) => t(`coach.kinds.${r.kind}`) },
        { header: t('coach.competency'), cell: (r) => nameOf(r.code) },
        { header: t('coach.level'), cell: (r) => r.level, numeric: true },
        {
          header: t('coach.change'),
          cell: (r) => (r.change === null ? '–' : r.change > 0 ? `+${r.change}` : String(r.change)),
          numeric: true,
        },
        { header: t('coach.note'), cell: (r) => r.note ?? '' },
      ]}
    />
  );
}

function AssessmentForm({
  participantId,
  catalogue,
  onSaved,
}: {
  participantId: string;
  catalogue: Catalogue;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<string>('COACH');
  const [assessedOn, setAssessedOn] = useState(today());
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      post(`/coaching/participants/${participantId}/assessments`, {
        assessorKind: kind,
        assessedOn,
        ratings: Object.entries(levels)
          .filter(([, level]) => level)
          .map(([competencyCode, level]) => ({
            competencyCode,
            level: Number(level),
            ...(notes[competencyCode] ? { note: notes[competencyCode] } : {}),
          })),
      }),
    onSuccess: () => {
      setLevels({});
      setNotes({});
      onSaved();
    },
  });
  const rated = Object.values(levels).filter(Boolean).length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rated > 0) save.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="assess-title">
      <h3 id="assess-title">{t('coach.assess')}</h3>
      <div className="row">
        <label>
          {t('coach.assessor')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {ASSESSOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`coach.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('coach.assessedOn')}
          <input
            type="date"
            required
            value={assessedOn}
            max={today()}
            onChange={(e) => setAssessedOn(e.target.value)}
          />
        </label>
      </div>
      <div className="table-scroll" role="region" aria-label={t('coach.ratings')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coach.competency')}</th>
              <th scope="col">{t('coach.level')}</th>
              <th scope="col">{t('coach.note')}</th>
            </tr>
          </thead>
          <tbody>
            {catalogue.competencies.map((c) => {
              const name = i18n.language === 'en' ? c.nameEn : c.nameNl;
              return (
                <tr key={c.code}>
                  <th scope="row">{name}</th>
                  <td>
                    <select
                      aria-label={t('coach.levelFor', { name })}
                      value={levels[c.code] ?? ''}
                      onChange={(e) => setLevels({ ...levels, [c.code]: e.target.value })}
                    >
                      <option value="">{t('coach.notRated')}</option>
                      {catalogue.scale.map((s) => (
                        <option key={s.level} value={s.level}>
                          {s.level} – {i18n.language === 'en' ? s.en : s.nl}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={t('coach.noteFor', { name })}
                      value={notes[c.code] ?? ''}
                      maxLength={1000}
                      onChange={(e) => setNotes({ ...notes, [c.code]: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="submit" disabled={save.isPending}>
        {t('coach.saveAssessment', { count: rated })}
      </button>
      {rated === 0 && <p className="hint">{t('coach.rateOne')}</p>}
      {save.isSuccess && (
        <p className="ok" role="status">
          {t('coach.assessmentSaved')}
        </p>
      )}
      <ProblemMessage error={save.error} />
    </form>
  );
}

function CompetencyChoice({
  catalogue,
  chosen,
  onChange,
  legend,
}: {
  catalogue: Catalogue;
  chosen: string[];
  onChange: (codes: string[]) => void;
  legend: string;
}) {
  const nameOf = useCompetencyName(catalogue);
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {catalogue.competencies.map((c) => (
        <label key={c.code} className="inline">
          <input
            type="checkbox"
            checked={chosen.includes(c.code)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, c.code] : chosen.filter((x) => x !== c.code))}
          />{' '}
          {nameOf(c.code)}
        </label>
      ))}
    </fieldset>
  );
}

/** "Coaching toegewezen" where the coach acted, scrolled into view so it is seen on a long page. */
function Assigned() {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  // The assignment refreshes the page's data, and the answers move the confirmation (suggestions
  // shrink, the running coaching grows): it is brought into view again once they have all arrived.
  const fetching = useIsFetching({ queryKey: ['coach'] });
  useEffect(() => {
    // Braces: Chromium's scrollIntoView may return a promise, and an effect may only return a clean-up.
    if (fetching === 0) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [fetching]);
  return (
    <p className="ok" role="status" ref={ref} data-testid="assigned">
      {t('coach.assigned')}
    </p>
  );
}

interface PeerCoachPairs {
  peerCoachId: string;
  organisationId: string;
  pairs: { id: string; coacheeId: string; status: 'ACTIVE' | 'ENDED'; competencyCodes: string[] }[];
}

function usePeerPairs(organisationId: string | undefined) {
  return useQuery({
    queryKey: ['coach', 'peer-pairs', organisationId],
    queryFn: () =>
      api<PeerCoachPairs[]>(`/coaching/organisations/${encodeURIComponent(organisationId ?? '')}/peer-pairs`),
    enabled: Boolean(organisationId),
  });
}

function Assign({
  participantId,
  organisationId,
  catalogue,
  below,
  active,
  peerOf,
  onAssigned,
}: {
  participantId: string;
  organisationId: string;
  catalogue: Catalogue;
  below: string[];
  /** The participant's running coaching: suggestions leave out what is assigned already. */
  active: AssignmentSummary[];
  /** The other person of the participant's running peer pair, when there is one. */
  peerOf: string | null;
  onAssigned: () => void;
}) {
  const roster = useRoster();
  const personName = nameLookup((roster.data ?? []).map((p) => ({ id: p.participantId, displayName: p.displayName })));
  const { t, i18n } = useTranslation();
  const nameOf = useCompetencyName(catalogue);
  const base = `/coaching/participants/${participantId}`;
  const suggestions = useQuery({
    queryKey: ['coach', 'modality', participantId],
    queryFn: () => api<{ suggestions: ModalitySuggestion[] }>(`${base}/modality-suggestions`),
  });
  const peers = useQuery({
    queryKey: ['coach', 'peers', participantId],
    queryFn: () => api<{ competencyCodes: string[]; suggestions: PeerSuggestion[] }>(`${base}/peer-suggestions`),
  });
  const sessions = useQuery({
    queryKey: ['coach', 'group-sessions', organisationId],
    queryFn: () => api<GroupSession[]>(`/coaching/group-sessions?organisationId=${encodeURIComponent(organisationId)}`),
  });
  const [codes, setCodes] = useState<string[] | null>(null);
  const chosen = codes ?? below;
  const [sessionId, setSessionId] = useState('');
  // Where the last assignment was made: its confirmation shows there, in view.
  const [where, setWhere] = useState<'PEER' | 'ONE_ON_ONE' | 'GROUP'>('ONE_ON_ONE');
  const assign = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown; where: 'PEER' | 'ONE_ON_ONE' | 'GROUP' }) =>
      post(path, body),
    onMutate: (variables) => setWhere(variables.where),
    onSuccess: onAssigned,
  });
  const covered = (modality: string, codes: string[]) =>
    active.some(
      (a) => a.modality === modality && (codes.length === 0 || codes.every((c) => a.competencyCodes.includes(c))),
    );
  const openSuggestions = (suggestions.data?.suggestions ?? []).filter((s) => !covered(s.modality, s.competencyCodes));
  const hasPeer = active.some((a) => a.modality === 'PEER');
  const outcome = (here: 'PEER' | 'ONE_ON_ONE' | 'GROUP') =>
    where === here ? (
      <>
        {assign.isSuccess && <Assigned />}
        <ProblemMessage error={assign.error} />
      </>
    ) : null;
  const planned = (sessions.data ?? []).filter((s) => s.status === 'PLANNED' && s.date >= today());
  const modalityName = (m: string) => t(`coach.modalities.${m}`);
  return (
    <section aria-labelledby="assign-title">
      <h2 id="assign-title">{t('coach.assign')}</h2>
      <h3>{t('coach.suggestions')}</h3>
      <ProblemMessage error={suggestions.error} />
      {suggestions.isPending && <Loading />}
      {suggestions.data && openSuggestions.length === 0 && <p>{t('coach.noSuggestions')}</p>}
      <ul className="suggestions">
        {openSuggestions.map((s) => (
          <li key={s.modality}>
            <strong>
              {modalityName(s.modality)}
              {s.addOn ? ` (${t('coach.addOn')})` : ''}
            </strong>
            {s.competencyCodes.length > 0 && <> – {s.competencyCodes.map(nameOf).join(', ')}</>}
            <p>{i18n.language === 'en' ? s.reasonEn : s.reason}</p>
          </li>
        ))}
      </ul>
      <p className="hint">{t('coach.youDecide')}</p>

      <div className="cards">
        <section className="card" aria-labelledby="assign-peer">
          <h3 id="assign-peer">{modalityName('PEER')}</h3>
          <ProblemMessage error={peers.error} />
          {hasPeer && <p>{t('coach.peerAlready', { name: peerOf ?? t('coach.aPeer') })}</p>}
          {!hasPeer && peers.isPending && <Loading />}
          {!hasPeer && peers.data && peers.data.suggestions.length === 0 && <p>{t('coach.noPeers')}</p>}
          {!hasPeer && peers.data && peers.data.suggestions.length > 0 && (
            <>
              <p>{t('coach.peersFor', { names: peers.data.competencyCodes.map(nameOf).join(', ') })}</p>
              <ol className="peers">
                {peers.data.suggestions.map((peer) => (
                  <li key={peer.participantId}>
                    <strong>{personName(peer.participantId, peer.displayName)}</strong>{' '}
                    <span className="hint">{t('coach.peerLoad', { count: peer.activeCoachees })}</span>
                    <ul>
                      {peer.reasons.map((reason, i) => (
                        <li key={i}>
                          {reason.code === 'RATED_AT_OR_ABOVE_TARGET'
                            ? t('coach.peerReason.RATED_AT_OR_ABOVE_TARGET', {
                                name: nameOf(reason.competencyCode),
                                level: reason.level,
                                target: reason.targetLevel,
                              })
                            : t(`coach.peerReason.${reason.code}`, reason)}
                        </li>
                      ))}
                    </ul>
                    <button
                      type="button"
                      disabled={assign.isPending}
                      onClick={() =>
                        assign.mutate({
                          where: 'PEER',
                          path: '/coaching/peer-pairs',
                          body: {
                            peerCoachId: peer.participantId,
                            coacheeId: participantId,
                            competencyCodes: peers.data.competencyCodes,
                          },
                        })
                      }
                    >
                      {t('coach.pairWith', { name: personName(peer.participantId, peer.displayName) })}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
          {outcome('PEER')}
        </section>
        <section className="card" aria-labelledby="assign-one">
          <h3 id="assign-one">{modalityName('ONE_ON_ONE')}</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen.length > 0)
                assign.mutate({
                  where: 'ONE_ON_ONE',
                  path: '/coaching/one-on-ones',
                  body: { participantId, competencyCodes: chosen },
                });
            }}
          >
            <CompetencyChoice
              catalogue={catalogue}
              chosen={chosen}
              onChange={setCodes}
              legend={t('coach.onCompetencies')}
            />
            <button type="submit" disabled={assign.isPending || chosen.length === 0}>
              {t('coach.startOneOnOne')}
            </button>
          </form>
          {outcome('ONE_ON_ONE')}
        </section>
        <section className="card" aria-labelledby="assign-group">
          <h3 id="assign-group">{modalityName('GROUP')}</h3>
          {sessions.isSuccess && planned.length === 0 && (
            <p>
              {t('coach.noPlannedSessions')} <Link to="/coach/group-sessions">{t('coach.planSession')}</Link>
            </p>
          )}
          {planned.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (sessionId)
                  assign.mutate({
                    where: 'GROUP',
                    path: `/coaching/group-sessions/${sessionId}/enrolments`,
                    body: { participantId },
                  });
              }}
            >
              <label>
                {t('coach.session')}
                <select required value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
                  <option value="">{t('coach.chooseSession')}</option>
                  {planned.map((s) => (
                    <option key={s.id} value={s.id}>
                      {fmtDate(s.date)} {s.startTime} – {s.title} ({s.competencyCodes.map(nameOf).join(', ')})
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={assign.isPending || !sessionId}>
                {t('coach.enrol')}
              </button>
            </form>
          )}
          {outcome('GROUP')}
        </section>
      </div>
    </section>
  );
}

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
