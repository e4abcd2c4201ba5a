import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { todayInBrussels } from '../lib/clock';
import { Loading } from '../lib/ScreenState';
import { currentMonth, fmtDate, fmtNumber } from '../i18n';
import { ProblemMessage } from '../ProblemMessage';
import { GapReason, useCatalogue, useCompetencyName } from './coach-kit';
import { Exports } from './dashboard/Exports';
import { KpiCharts } from './dashboard/KpiCharts';
import { PeriodPicker, periodIsValid, usePeriod } from './dashboard/period';
import { SummaryFigures } from './dashboard/SummaryFigures';
import { DataTable, fmtShortMonth, queryString, useOrganisationNameOf } from './insight-kit';

/** The flow-through participant as a manager reads it: no national register number beyond its mask. */
export interface ParticipantRecord {
  id: string;
  organisationId: string;
  regionId: string;
  firstName: string;
  lastName: string;
  coachId: string | null;
  monthlyHoursTarget: number | null;
  enrolledOn: string;
  erasedAt?: string | null;
  trajectories: {
    id: string;
    status: string;
    referredOn: string;
    intakeOn: string | null;
    startedOn: string | null;
    plannedEndOn: string | null;
    endedOn: string | null;
    destination: string | null;
    positiveOutflow: boolean | null;
  }[];
}

interface AlertRecord {
  id: string;
  participantId: string;
  organisationId: string;
  kind: string;
  severity: string;
  status: string;
  raisedAt: string;
  ageDays: number;
  snoozedUntil: string | null;
}

interface HoursYear {
  year: number;
  yearCounted: number;
  yearRemaining: number;
  months: { month: string; countedHours: number; monthRemaining: number }[];
}

/** An organisation's participants, 200 a page, from flow-through's organisation filter. */
export function useParticipantsOf(organisationId: string) {
  return useQuery({
    queryKey: ['participants-of', organisationId],
    queryFn: async () => {
      const found: ParticipantRecord[] = [];
      const of = encodeURIComponent(organisationId);
      for (let offset = 0; ; offset += 200) {
        const page = await api<{ items: ParticipantRecord[]; total: number }>(
          `/flow-through/participants?organisationId=${of}&limit=200&offset=${offset}`,
        );
        found.push(...page.items);
        if (offset + 200 >= page.total) return found;
      }
    },
  });
}

const currentTrajectory = (p: ParticipantRecord) => p.trajectories.at(-1) ?? null;

export function OrganisationDrill() {
  const { t } = useTranslation();
  const { organisationId = '' } = useParams();
  const [period, setPeriod] = usePeriod();
  const nameOf = useOrganisationNameOf();
  const participants = useParticipantsOf(organisationId);
  const filters = { ...period, organisationId };
  const back = `/manager/dashboard${queryString({ from: period.from, to: period.to })}`;
  return (
    <>
      <nav aria-label={t('drill.breadcrumb')} className="breadcrumb">
        <Link to={back}>{t('drill.region')}</Link> › <span aria-current="page">{nameOf(organisationId)}</span>
      </nav>
      <h1>{nameOf(organisationId)}</h1>
      <PeriodPicker filters={filters} onChange={setPeriod} />
      {periodIsValid(filters) && <SummaryFigures filters={filters} />}
      <section aria-labelledby="drill-participants">
        <h2 id="drill-participants">{t('drill.participants')}</h2>
        {participants.isLoading && <Loading />}
        <ProblemMessage error={participants.error} />
        {participants.data && participants.data.length === 0 && <p>{t('drill.noParticipants')}</p>}
        {participants.data && participants.data.length > 0 && (
          <DataTable
            caption={t('drill.participants')}
            rowKey={(p) => p.id}
            rows={participants.data}
            columns={[
              {
                header: t('drill.name'),
                cell: (p) => (
                  <Link to={`/manager/participants/${p.id}`}>
                    {p.erasedAt ? t('drill.erased') : `${p.firstName} ${p.lastName}`}
                  </Link>
                ),
              },
              {
                header: t('drill.trajectory'),
                cell: (p) => {
                  const status = currentTrajectory(p)?.status;
                  return status ? t(`drill.status.${status}`, { defaultValue: status }) : '–';
                },
              },
              {
                header: t('drill.startedOn'),
                cell: (p) => {
                  const started = currentTrajectory(p)?.startedOn;
                  return started ? fmtDate(started) : '–';
                },
              },
            ]}
          />
        )}
      </section>
      {periodIsValid(filters) && (
        <>
          <KpiCharts filters={filters} />
          <Exports filters={filters} />
        </>
      )}
    </>
  );
}

/** A participant, read-only for the manager: trajectory, alerts, hours this year, open coaching gaps. */
export function ManagerParticipant() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const nameOf = useOrganisationNameOf();
  const year = Number(todayInBrussels().slice(0, 4));
  const participant = useQuery({
    queryKey: ['participant', id],
    queryFn: () => api<ParticipantRecord>(`/flow-through/participants/${id}`),
  });
  const alerts = useQuery({
    queryKey: ['alerts', 'participant', id],
    // Every alert of this participant, resolved ones too (one `_id` read on the server).
    queryFn: () =>
      api<{ items: AlertRecord[] }>(
        `/flow-through/alerts?participantId=${id}&status=OPEN,ACKNOWLEDGED,SNOOZED,RESOLVED&limit=500`,
      ),
    select: (page) => page.items,
  });
  const hours = useQuery({
    queryKey: ['hours-year', id, year],
    queryFn: () => api<HoursYear>(`/hours/participants/${id}/hours?year=${year}`),
  });
  const gaps = useQuery({
    queryKey: ['coach', 'gaps', id],
    queryFn: () =>
      api<{ gapId: string; reasonCode: string; competencyCode: string | null; openedOn: string }[]>(
        `/coaching/participants/${id}/gaps?status=OPEN`,
      ),
  });
  const p = participant.data;
  const organisationId = p?.organisationId ?? '';
  const competencyName = useCompetencyName(useCatalogue(organisationId || undefined).data);
  return (
    <>
      <nav aria-label={t('drill.breadcrumb')} className="breadcrumb">
        <Link to="/manager/dashboard">{t('drill.region')}</Link>
        {p && (
          <>
            {' › '}
            <Link to={`/manager/organisations/${encodeURIComponent(organisationId)}`}>{nameOf(organisationId)}</Link>
          </>
        )}
        {' › '}
        <span aria-current="page">{t('drill.participant')}</span>
      </nav>
      <h1>{p ? (p.erasedAt ? t('drill.erased') : `${p.firstName} ${p.lastName}`) : t('drill.participant')}</h1>
      <ProblemMessage error={participant.error} />
      {p && (
        <dl className="facts">
          <div>
            <dt>{t('drill.organisation')}</dt>
            <dd>{nameOf(p.organisationId)}</dd>
          </div>
          <div>
            <dt>{t('drill.enrolledOn')}</dt>
            <dd>{fmtDate(p.enrolledOn)}</dd>
          </div>
          <div>
            <dt>{t('drill.target')}</dt>
            <dd>{t('drill.hoursPerMonth', { hours: p.monthlyHoursTarget ?? 20 })}</dd>
          </div>
        </dl>
      )}
      <section aria-labelledby="mp-alerts">
        <h2 id="mp-alerts">{t('drill.alerts')}</h2>
        <ProblemMessage error={alerts.error} />
        {alerts.data && alerts.data.length === 0 && <p>{t('alerts.none')}</p>}
        {alerts.data && alerts.data.length > 0 && (
          <DataTable
            caption={t('drill.alerts')}
            rowKey={(a) => a.id}
            rows={alerts.data}
            columns={[
              { header: t('alerts.kind'), cell: (a) => t(`alerts.${a.kind}`, { defaultValue: a.kind }) },
              {
                header: t('drill.severity'),
                cell: (a) => t(`drill.severities.${a.severity}`, { defaultValue: a.severity }),
              },
              { header: t('alerts.status'), cell: (a) => t(`alerts.${a.status}`, { defaultValue: a.status }) },
              { header: t('alerts.raised'), cell: (a) => fmtDate(a.raisedAt) },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="mp-trajectory">
        <h2 id="mp-trajectory">{t('drill.trajectories')}</h2>
        {p && (
          <DataTable
            caption={t('drill.trajectories')}
            rowKey={(tr) => tr.id}
            rows={p.trajectories}
            columns={[
              {
                header: t('drill.trajectory'),
                cell: (tr) => t(`drill.status.${tr.status}`, { defaultValue: tr.status }),
              },
              { header: t('drill.referredOn'), cell: (tr) => fmtDate(tr.referredOn) },
              { header: t('drill.startedOn'), cell: (tr) => (tr.startedOn ? fmtDate(tr.startedOn) : '–') },
              { header: t('drill.plannedEndOn'), cell: (tr) => (tr.plannedEndOn ? fmtDate(tr.plannedEndOn) : '–') },
              { header: t('drill.endedOn'), cell: (tr) => (tr.endedOn ? fmtDate(tr.endedOn) : '–') },
              {
                header: t('dashboard.destination'),
                cell: (tr) =>
                  tr.destination
                    ? t(`dashboard.destinations.${tr.destination}`, { defaultValue: tr.destination })
                    : '–',
              },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="mp-hours">
        <h2 id="mp-hours">{t('drill.hours', { year })}</h2>
        <ProblemMessage error={hours.error} />
        {hours.data && (
          <>
            <p>
              {t('drill.yearCounted', {
                counted: fmtNumber(hours.data.yearCounted),
                remaining: fmtNumber(hours.data.yearRemaining),
              })}
            </p>
            <DataTable
              caption={t('drill.hours', { year })}
              rowKey={(m) => m.month}
              rows={hours.data.months.filter((m) => m.month <= currentMonth())}
              columns={[
                { header: t('dashboard.month'), cell: (m) => fmtShortMonth(m.month) },
                { header: t('dashboard.countedHours'), cell: (m) => fmtNumber(m.countedHours), numeric: true },
                { header: t('drill.monthRemaining'), cell: (m) => fmtNumber(m.monthRemaining), numeric: true },
              ]}
            />
          </>
        )}
      </section>
      <section aria-labelledby="mp-gaps">
        <h2 id="mp-gaps">{t('coach.openGaps')}</h2>
        <ProblemMessage error={gaps.error} />
        {gaps.data && gaps.data.length === 0 && <p>{t('coach.noGaps')}</p>}
        {gaps.data && gaps.data.length > 0 && (
          <ul>
            {gaps.data.map((g) => (
              <li key={g.gapId}>
                <GapReason gap={g} nameOf={competencyName} /> – {t('coach.since', { date: fmtDate(g.openedOn) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
