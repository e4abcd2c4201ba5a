import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import type { Me } from '../App';
import { ProblemMessage } from '../ProblemMessage';
import type { GroupSession } from './coach-kit';
import { PlanForm } from './group-sessions/PlanForm';
import { SessionDetail } from './group-sessions/SessionDetail';
import { SessionCalendar } from './SessionCalendar';

function useSessions() {
  return useQuery({
    queryKey: ['coach', 'group-sessions'],
    queryFn: () => api<GroupSession[]>('/coaching/group-sessions'),
  });
}

/** The group-session calendar: sessions by date, planning one, and the chosen session's attendance and ratings. */
export function GroupSessions({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const sessions = useSessions();
  const client = useQueryClient();
  return (
    <>
      <h1>{t('coach.groupSessions')}</h1>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('coach.calendar')}</h2>
        <ProblemMessage error={sessions.error} />
        {sessions.isSuccess && sessions.data.length === 0 && <p>{t('coach.noSessions')}</p>}
        {sessions.data && <SessionCalendar sessions={sessions.data} selectedId={id} />}
      </section>
      {id && <SessionDetail id={id} />}
      <PlanForm
        me={me}
        onPlanned={(planned) => {
          void client.invalidateQueries({ queryKey: ['coach', 'group-sessions'] });
          navigate(`/coach/group-sessions/${planned}`);
        }}
      />
    </>
  );
}
