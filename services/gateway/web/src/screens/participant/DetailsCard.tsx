import { useTranslation } from 'react-i18next';
import type { Me } from '../../App';
import { belgianDate } from '../organiser-kit';
import type { ParticipantDetail } from './types';

/** Who the participant is: organisation, birth date, masked national number, referral, enrolment and target. */
export function DetailsCard({
  participant: p,
  me,
  nameOf,
}: {
  participant: ParticipantDetail;
  me: Me;
  /** The organisation's name by id (asked for with the participant, so it is there when they are). */
  nameOf: (organisationId: string) => string;
}) {
  const { t } = useTranslation();
  return (
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
  );
}
