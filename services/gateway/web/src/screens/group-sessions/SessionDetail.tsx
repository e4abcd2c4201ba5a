import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api';
import { fmtDate } from '../../i18n';
import { nameLookup } from '../../lib/names';
import { ProblemMessage } from '../../ProblemMessage';
import { GroupSession, useCatalogue, useCompetencyName, useRoster } from '../coach-kit';
import { Attendance } from './Attendance';
import { BulkRating } from './BulkRating';

/** One session: its facts, who is enrolled or waiting, enrolling one more, attendance and the group's ratings. */
export function SessionDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useQuery({
    queryKey: ['coach', 'group-sessions', 'one', id],
    queryFn: () => api<GroupSession>(`/coaching/group-sessions/${id}`),
  });
  const roster = useRoster();
  const catalogue = useCatalogue(session.data?.organisationId);
  const nameOf = nameLookup((roster.data ?? []).map((p) => ({ id: p.participantId, displayName: p.displayName })));
  const competencyName = useCompetencyName(catalogue.data);
  const refresh = () => void client.invalidateQueries({ queryKey: ['coach'] });
  const [newParticipant, setNewParticipant] = useState('');
  const enrol = useMutation({
    mutationFn: () => post(`/coaching/group-sessions/${id}/enrolments`, { participantId: newParticipant }),
    onSuccess: () => {
      setNewParticipant('');
      refresh();
    },
  });
  const s = session.data;
  if (!s) return <ProblemMessage error={session.error} />;
  const active = [
    ...s.enrolments,
    ...s.waitingList.map((participantId) => ({ participantId, status: 'WAITING' as const, attended: null })),
  ];
  const candidates = (roster.data ?? []).filter(
    (p) => p.organisationId === s.organisationId && !active.some((e) => e.participantId === p.participantId),
  );
  return (
    <section aria-labelledby="session-title" className="card">
      <h2 id="session-title">
        {s.title} – {fmtDate(s.date)} {s.startTime}–{s.endTime}
      </h2>
      <p>
        {s.place} · {t('coach.trainer')}: {s.trainer} · {s.competencyCodes.map(competencyName).join(', ')}
      </p>
      <h3>{t('coach.enrolments')}</h3>
      {active.length === 0 && <p>{t('coach.noEnrolments')}</p>}
      <ul>
        {active.map((e) => (
          <li key={e.participantId}>
            {nameOf(e.participantId)} – {t(`coach.enrolmentStatus.${e.status}`)}
            {e.attended !== null && ` · ${e.attended ? t('coach.attended') : t('coach.absent')}`}
          </li>
        ))}
      </ul>
      {s.status === 'PLANNED' && candidates.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (newParticipant) enrol.mutate();
          }}
        >
          <label>
            {t('coach.participant')}
            <select required value={newParticipant} onChange={(e) => setNewParticipant(e.target.value)}>
              <option value="">{t('coach.chooseParticipant')}</option>
              {candidates.map((p) => (
                <option key={p.participantId} value={p.participantId}>
                  {nameOf(p.participantId)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={enrol.isPending}>
            {t('coach.enrol')}
          </button>
        </form>
      )}
      <ProblemMessage error={enrol.error} />
      {s.status === 'PLANNED' && s.enrolments.length > 0 && (
        <Attendance session={s} nameOf={nameOf} onSaved={refresh} />
      )}
      {catalogue.data && s.enrolments.some((e) => e.attended) && (
        <BulkRating session={s} catalogue={catalogue.data} nameOf={nameOf} onSaved={refresh} />
      )}
    </section>
  );
}
