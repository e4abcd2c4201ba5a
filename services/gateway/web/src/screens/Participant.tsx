import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, post } from '../api';
import { Loading } from '../lib/ScreenState';
import type { Me } from '../App';
import { currentMonth, fmtMonth, fmtNumber } from '../i18n';
import { useMonthClose } from './MonthGrid';
import { belgianDate, DateField, Problem, todayInBrussels, useOrganisationName } from './organiser-kit';
import { STEPS_FROM, stepBody, TrajectoryStatus, TrajectoryStep } from './organiser-rules';
import { MonthPrestations, useParticipantYear } from './Prestations';

export interface TrajectoryDetail {
  id: string;
  status: TrajectoryStatus;
  reReferral: boolean;
  referredOn: string;
  intakeOn: string | null;
  startedOn: string | null;
  plannedEndOn: string | null;
  suspensions: Array<{ from: string; until: string | null; reasonCode: string }>;
  endedOn: string | null;
  destination: string | null;
  positiveOutflow: boolean | null;
  dropOff?: { stage: string; reasonCode: string } | null;
}

/** `GET /participants/{id}` of the flow-through service. */
export interface ParticipantDetail {
  id: string;
  organisationId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  nationalRegisterNumberMasked: string | null;
  referralSource: string;
  referrerName: string | null;
  monthlyHoursTarget: number | null;
  exPwa: boolean;
  enrolledOn: string;
  trajectories: TrajectoryDetail[];
  anonymisedAt: string | null;
}

/** From the flow-through contract (`@stapsteen/contracts`). */
export const SUSPENSION_REASONS = ['ILLNESS', 'CARE', 'TRAINING', 'ADMINISTRATIVE', 'OTHER'] as const;
export const DESTINATIONS = [
  'NEC_JOB',
  'TEMPORARY_WORK_EXPERIENCE',
  'ART_60',
  'SOCIAL_ECONOMY',
  'TRAINING',
  'IBO',
  'INTERNSHIP',
  'JOBCOACH',
  'WORK_CARE_TRAJECTORY',
  'SPECIALISED_CARE',
  'FOD_ALLOWANCE',
  'DROP_OUT',
  'MOVED',
  'HEALTH',
  'SANCTION',
  'END_WITHOUT_NEXT_STEP',
  'UNKNOWN',
] as const;
export const DROP_OFF_REASONS = [
  'NOT_REACHED',
  'NOT_INTERESTED',
  'HEALTH',
  'FOUND_WORK',
  'OTHER_INSTRUMENT',
  'CHILDCARE_OR_FAMILY',
  'MOBILITY',
  'LANGUAGE',
  'MOVED',
  'NOT_ELIGIBLE',
  'OTHER',
] as const;

type Step = TrajectoryStep;

export const participantKey = (id: string) => ['participant', id];

export function Participant({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const nameOf = useOrganisationName();
  const participant = useQuery({
    queryKey: participantKey(id),
    queryFn: () => api<ParticipantDetail>(`/flow-through/participants/${id}`),
  });
  const p = participant.data;
  const trajectory = p?.trajectories.at(-1);
  const justEnrolled = (location.state as { enrolled?: boolean } | null)?.enrolled;

  if (participant.isLoading) return <Loading />;
  if (!p)
    return (
      <>
        <h1>{t('organiser.participant.title')}</h1>
        <Problem error={participant.error} />
      </>
    );
  const name = p.anonymisedAt ? t('organiser.participant.erased') : `${p.firstName} ${p.lastName}`;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/organiser/participants">{t('organiser.participants.title')}</Link>
      </p>
      <h1>{name}</h1>
      {justEnrolled && (
        <p role="status" className="ok">
          {t('organiser.participant.enrolled', { name })}
        </p>
      )}
      <div className="cards">
        <section aria-labelledby="details-title" className="card">
          <h2 id="details-title">{t('organiser.participant.details')}</h2>
          <dl className="facts">
            <dt>{t('organiser.organisation')}</dt>
            <dd>{me.organisationIds.includes(p.organisationId) ? nameOf(p.organisationId) : p.organisationId}</dd>
            <dt>{t('organiser.participant.dateOfBirth')}</dt>
            <dd>{p.dateOfBirth ? belgianDate(p.dateOfBirth) : '–'}</dd>
            <dt>{t('organiser.participant.nationalRegisterNumber')}</dt>
            <dd>{p.nationalRegisterNumberMasked ?? '–'}</dd>
            <dt>{t('organiser.participant.referralSource')}</dt>
            <dd>
              {t(`organiser.sources.${p.referralSource}`)}
              {p.referrerName ? ` – ${p.referrerName}` : ''}
            </dd>
            <dt>{t('organiser.participant.enrolledOn')}</dt>
            <dd>{belgianDate(p.enrolledOn)}</dd>
            <dt>{t('organiser.participant.target')}</dt>
            <dd>
              {p.monthlyHoursTarget
                ? t('organiser.participant.hours', { count: p.monthlyHoursTarget })
                : t('organiser.participant.defaultTarget')}
            </dd>
            {p.exPwa && (
              <>
                <dt>{t('organiser.participant.exPwa')}</dt>
                <dd>{t('organiser.yes')}</dd>
              </>
            )}
          </dl>
        </section>
        {trajectory && <TrajectoryCard participantId={p.id} trajectory={trajectory} />}
      </div>
      {trajectory && <TrajectorySteps participantId={p.id} trajectory={trajectory} />}
      {trajectory?.startedOn && <HoursSection participantId={p.id} organisationId={p.organisationId} />}
    </>
  );
}

function TrajectoryCard({ participantId, trajectory: tr }: { participantId: string; trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  const rows: Array<[string, string | null]> = [
    ['referredOn', belgianDate(tr.referredOn)],
    ['intakeOn', tr.intakeOn && belgianDate(tr.intakeOn)],
    ['startedOn', tr.startedOn && belgianDate(tr.startedOn)],
    ['plannedEndOn', tr.plannedEndOn && belgianDate(tr.plannedEndOn)],
    ['endedOn', tr.endedOn && belgianDate(tr.endedOn)],
    ['destination', tr.destination && t(`organiser.destinations.${tr.destination}`)],
    ['dropOff', tr.dropOff ? t(`organiser.dropOffReasons.${tr.dropOff.reasonCode}`) : null],
  ];
  return (
    <section aria-labelledby={`trajectory-${participantId}`} className="card">
      <h2 id={`trajectory-${participantId}`}>
        {t('organiser.trajectory.title')}:{' '}
        <span className={`status status-${tr.status}`}>{t(`organiser.status.${tr.status}`)}</span>
      </h2>
      <dl className="facts">
        {rows
          .filter(([, value]) => value)
          .map(([key, value]) => (
            <div key={key}>
              <dt>{t(`organiser.trajectory.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {tr.suspensions.length > 0 && (
        <>
          <h3>{t('organiser.trajectory.suspensions')}</h3>
          <ul>
            {tr.suspensions.map((s) => (
              <li key={s.from}>
                {belgianDate(s.from)} – {s.until ? belgianDate(s.until) : t('organiser.trajectory.ongoing')} (
                {t(`organiser.suspensionReasons.${s.reasonCode}`)})
              </li>
            ))}
          </ul>
        </>
      )}
      {tr.status === 'REFERRED' || tr.status === 'INTAKE' ? (
        <p className="hint">{t('organiser.trajectory.notStartedHint')}</p>
      ) : null}
    </section>
  );
}

/** One step at a time: choose it, fill in its date (and reason or destination), confirm. */
function TrajectorySteps({ participantId, trajectory }: { participantId: string; trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step | null>(null);
  const [done, setDone] = useState<Step | null>(null);
  const steps = STEPS_FROM[trajectory.status];
  return (
    <section aria-labelledby="steps-title" className="card">
      <h2 id="steps-title">{t('organiser.trajectory.stepsTitle')}</h2>
      <div className="actions" role="group" aria-labelledby="steps-title">
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            className={step === s ? undefined : 'secondary'}
            aria-pressed={step === s}
            onClick={() => {
              setDone(null);
              setStep(step === s ? null : s);
            }}
          >
            {t(`organiser.steps.${s}.button`)}
          </button>
        ))}
      </div>
      {done && (
        <p role="status" className="ok">
          {t(`organiser.steps.${done}.done`)}
        </p>
      )}
      {step && (
        <StepForm
          key={step}
          participantId={participantId}
          step={step}
          trajectory={trajectory}
          onDone={() => {
            setDone(step);
            setStep(null);
          }}
          onCancel={() => setStep(null)}
        />
      )}
    </section>
  );
}

function StepForm({
  participantId,
  step,
  trajectory,
  onDone,
  onCancel,
}: {
  participantId: string;
  step: Step;
  trajectory: TrajectoryDetail;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = todayInBrussels();
  const [on, setOn] = useState(step === 'extend' ? '' : today);
  const [reasonCode, setReasonCode] = useState('');
  const [destination, setDestination] = useState('');
  const [localError, setLocalError] = useState('');
  const change = useMutation({
    mutationFn: () =>
      post(
        `/flow-through/participants/${participantId}/trajectory/${step}`,
        stepBody(step, on, { reasonCode, destination }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: participantKey(participantId) });
      void client.invalidateQueries({ queryKey: ['participants'] });
      void client.invalidateQueries({ queryKey: ['grid'] });
      onDone();
    },
  });
  const needsReason = step === 'suspend' || step === 'drop-off';
  const reasons = step === 'suspend' ? SUSPENSION_REASONS : DROP_OFF_REASONS;
  const reasonKeys = step === 'suspend' ? 'suspensionReasons' : 'dropOffReasons';
  return (
    <form
      className="row step-form"
      noValidate
      aria-label={t(`organiser.steps.${step}.button`)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!on) return setLocalError(t('organiser.steps.dateMissing'));
        if (needsReason && !reasonCode) return setLocalError(t('organiser.steps.reasonMissing'));
        if (step === 'end' && !destination) return setLocalError(t('organiser.steps.destinationMissing'));
        setLocalError('');
        change.mutate();
      }}
    >
      <p className="hint full">{t(`organiser.steps.${step}.explain`)}</p>
      <DateField
        id={`step-${step}-date`}
        label={t(`organiser.steps.${step}.date`)}
        value={on}
        onChange={setOn}
        min={step === 'extend' ? (trajectory.plannedEndOn ?? undefined) : undefined}
        max={step === 'extend' ? undefined : today}
      />
      {needsReason && (
        <label>
          {t('organiser.steps.reason')}
          <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            <option value="">{t('organiser.choose')}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {t(`organiser.${reasonKeys}.${r}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {step === 'end' && (
        <label>
          {t('organiser.steps.destination')}
          <select value={destination} onChange={(e) => setDestination(e.target.value)}>
            <option value="">{t('organiser.choose')}</option>
            {DESTINATIONS.map((d) => (
              <option key={d} value={d}>
                {t(`organiser.destinations.${d}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={change.isPending}>
        {t(`organiser.steps.${step}.confirm`)}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('organiser.cancel')}
      </button>
      {localError && (
        <p role="alert" className="problem full">
          {localError}
        </p>
      )}
      <div className="full">
        <Problem error={change.error} />
      </div>
    </form>
  );
}

function HoursSection({ participantId, organisationId }: { participantId: string; organisationId: string }) {
  const { t } = useTranslation();
  const thisMonth = currentMonth();
  const [year, setYear] = useState(Number(thisMonth.slice(0, 4)));
  const [month, setMonth] = useState(thisMonth);
  const hours = useParticipantYear(participantId, year);
  const close = useMonthClose(organisationId, month);
  const months = (hours.data?.months ?? []).filter((m) => m.month <= thisMonth);
  return (
    <section aria-labelledby="hours-title" className="card">
      <h2 id="hours-title">{t('organiser.participant.hoursTitle', { year })}</h2>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setYear(year - 1)}>
          ← {year - 1}
        </button>
        {year < Number(thisMonth.slice(0, 4)) && (
          <button type="button" className="secondary" onClick={() => setYear(year + 1)}>
            {year + 1} →
          </button>
        )}
      </div>
      {hours.isError && <Problem error={hours.error} />}
      {hours.data && (
        <p>
          {t('organiser.participant.yearSummary', {
            counted: fmtNumber(hours.data.yearCounted),
            remaining: fmtNumber(hours.data.yearRemaining),
          })}
        </p>
      )}
      {months.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('organiser.participant.hoursTitle', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organiser.participant.month')}</th>
                <th scope="col" className="num">
                  {t('grid.counted')}
                </th>
                <th scope="col" className="num">
                  {t('grid.monthRemaining')}
                </th>
                <th scope="col" className="num">
                  {t('organiser.participant.prestationCount')}
                </th>
                <th scope="col">{t('organiser.participant.standing')}</th>
              </tr>
            </thead>
            <tbody>
              {months
                .filter((m) => m.prestations.length > 0 || m.month === thisMonth)
                .map((m) => (
                  <tr key={m.month} className={m.month === month ? 'selected' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link"
                        aria-pressed={m.month === month}
                        onClick={() => setMonth(m.month)}
                      >
                        {fmtMonth(m.month)}
                      </button>
                    </th>
                    <td className="num">{fmtNumber(m.countedHours)}</td>
                    <td className="num">{fmtNumber(m.monthRemaining)}</td>
                    <td className="num">{fmtNumber(m.prestations.filter((p) => !p.deleted).length)}</td>
                    <td data-testid={`standing-${m.month}`}>
                      {m.flagged ? (
                        <span className="badge flagged">{t('organiser.grid.flagged')}</span>
                      ) : (
                        t(`organiser.participant.standingOf.${m.standing.status}`, {
                          target: fmtNumber(m.targetHours),
                          expected: fmtNumber(m.standing.expectedHours),
                        })
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {month.startsWith(String(year)) && (
        <MonthPrestations participantId={participantId} month={month} monthClosed={!!close.data} />
      )}
    </section>
  );
}
