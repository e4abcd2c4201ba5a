import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { SaveOutcome } from '../../lib/SaveOutcome';
import { ASSESSOR_KINDS, Catalogue } from '../coach-kit';
import { LevelSelect } from '../coach-fields';
import { today } from '../insight-kit';

/** A new assessment: who assesses, when, and a level (and a note) per competency rated. */
export function AssessmentForm({
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
                    <LevelSelect
                      scale={catalogue.scale}
                      label={t('coach.levelFor', { name })}
                      value={levels[c.code] ?? ''}
                      onChange={(level) => setLevels({ ...levels, [c.code]: level })}
                    />
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
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {t('coach.assessmentSaved')}
      </SaveOutcome>
    </form>
  );
}
