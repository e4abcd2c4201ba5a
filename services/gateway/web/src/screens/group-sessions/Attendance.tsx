import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { SaveOutcome } from '../../lib/SaveOutcome';
import type { GroupSession } from '../coach-kit';
import { today } from '../insight-kit';

/** Who of the enrolled came, ticked. */
export function Attendance({
  session,
  nameOf,
  onSaved,
}: {
  session: GroupSession;
  nameOf: (id: string) => string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const enrolled = session.enrolments.filter((e) => e.status === 'ENROLLED');
  const [present, setPresent] = useState<string[]>(enrolled.filter((e) => e.attended).map((e) => e.participantId));
  const save = useMutation({
    mutationFn: () =>
      post(`/coaching/group-sessions/${session.id}/attendance`, { attendedParticipantIds: present }, 'PUT'),
    onSuccess: onSaved,
  });
  const notYet = session.date > today();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="choices">
        <legend>{t('coach.attendance')}</legend>
        {enrolled.map((e) => (
          <label key={e.participantId} className="inline">
            <input
              type="checkbox"
              checked={present.includes(e.participantId)}
              onChange={(ev) =>
                setPresent(
                  ev.target.checked ? [...present, e.participantId] : present.filter((x) => x !== e.participantId),
                )
              }
            />{' '}
            {nameOf(e.participantId)}
          </label>
        ))}
      </fieldset>
      {notYet && <p className="hint">{t('coach.attendanceLater')}</p>}
      <button type="submit" disabled={save.isPending}>
        {t('coach.saveAttendance')}
      </button>
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {t('coach.attendanceSaved')}
      </SaveOutcome>
    </form>
  );
}
