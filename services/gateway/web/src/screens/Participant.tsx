import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../api';
import { Loading } from '../lib/ScreenState';
import type { Me } from '../App';
import { Problem, useOrganisationName } from './organiser-kit';
import { DetailsCard } from './participant/DetailsCard';
import { HoursSection } from './participant/HoursSection';
import { TrajectoryCard } from './participant/TrajectoryCard';
import { TrajectorySteps } from './participant/TrajectorySteps';
import { participantKey, ParticipantDetail } from './participant/types';

export {
  DESTINATIONS,
  DROP_OFF_REASONS,
  participantKey,
  SUSPENSION_REASONS,
  type ParticipantDetail,
  type TrajectoryDetail,
} from './participant/types';

/** The organiser's participant: details, trajectory and its steps, and hours by month. */
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
        <DetailsCard participant={p} me={me} nameOf={nameOf} />
        {trajectory && <TrajectoryCard participantId={p.id} trajectory={trajectory} />}
      </div>
      {trajectory && <TrajectorySteps participantId={p.id} trajectory={trajectory} />}
      {trajectory?.startedOn && <HoursSection participantId={p.id} organisationId={p.organisationId} />}
    </>
  );
}
