import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { SaveOutcome } from '../../lib/SaveOutcome';
import { LevelSelect } from '../coach-fields';
import { Catalogue, GroupSession, useCompetencyName } from '../coach-kit';
import { today } from '../insight-kit';

/** All attendees on the session's competencies in one go. */
export function BulkRating({
  session,
  catalogue,
  nameOf,
  onSaved,
}: {
  session: GroupSession;
  catalogue: Catalogue;
  nameOf: (id: string) => string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const competencyName = useCompetencyName(catalogue);
  const attendees = session.enrolments.filter((e) => e.attended).map((e) => e.participantId);
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [assessedOn, setAssessedOn] = useState(session.date <= today() ? session.date : today());
  const entries = attendees
    .map((participantId) => ({
      participantId,
      ratings: session.competencyCodes
        .filter((code) => levels[`${participantId}:${code}`])
        .map((code) => ({ competencyCode: code, level: Number(levels[`${participantId}:${code}`]) })),
    }))
    .filter((entry) => entry.ratings.length > 0);
  const save = useMutation({
    mutationFn: () => post(`/coaching/group-sessions/${session.id}/ratings`, { assessedOn, entries }),
    onSuccess: () => {
      setLevels({});
      onSaved();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (entries.length > 0) save.mutate();
      }}
      aria-labelledby="bulk-title"
    >
      <h3 id="bulk-title">{t('coach.bulkRating')}</h3>
      <div className="row">
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
      <div className="table-scroll" role="region" aria-label={t('coach.bulkRating')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coach.participant')}</th>
              {session.competencyCodes.map((code) => (
                <th key={code} scope="col">
                  {competencyName(code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {attendees.map((participantId) => (
              <tr key={participantId}>
                <th scope="row">{nameOf(participantId)}</th>
                {session.competencyCodes.map((code) => (
                  <td key={code}>
                    <LevelSelect
                      scale={catalogue.scale}
                      label={t('coach.levelOf', { name: nameOf(participantId), competency: competencyName(code) })}
                      value={levels[`${participantId}:${code}`] ?? ''}
                      onChange={(level) => setLevels({ ...levels, [`${participantId}:${code}`]: level })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" disabled={save.isPending || entries.length === 0}>
        {t('coach.saveBulk', { count: entries.length })}
      </button>
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {t('coach.assessmentSaved')}
      </SaveOutcome>
    </form>
  );
}
