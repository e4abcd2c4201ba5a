import { useTranslation } from 'react-i18next';
import { belgianDate } from '../organiser-kit';
import type { TrajectoryDetail } from './types';

/** The current trajectory's status, dates, destination or drop-off, and suspensions. */
export function TrajectoryCard({
  participantId,
  trajectory: tr,
}: {
  participantId: string;
  trajectory: TrajectoryDetail;
}) {
  const { t } = useTranslation();
  const rows: Array<[string, string | null | undefined]> = [
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
