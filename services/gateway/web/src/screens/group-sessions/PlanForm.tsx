import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import type { Me } from '../../App';
import { ProblemMessage } from '../../ProblemMessage';
import { CompetencyChoice } from '../coach-fields';
import { GroupSession, useCatalogue } from '../coach-kit';
import { today, useOrganisationNameOf } from '../insight-kit';

/** Planning a group session: organisation, title, date and times, place, trainer, seats and competencies. */
export function PlanForm({ me, onPlanned }: { me: Me; onPlanned: (id: string) => void }) {
  const { t } = useTranslation();
  const nameOfOrganisation = useOrganisationNameOf();
  const [organisationId, setOrganisationId] = useState(me.organisationIds[0] ?? '');
  const catalogue = useCatalogue(organisationId);
  const blank = {
    title: '',
    date: today(),
    startTime: '09:30',
    endTime: '12:00',
    place: '',
    trainer: '',
    capacity: '12',
  };
  const [form, setForm] = useState(blank);
  const [codes, setCodes] = useState<string[]>([]);
  const plan = useMutation({
    mutationFn: () =>
      post<GroupSession>('/coaching/group-sessions', {
        organisationId,
        ...form,
        capacity: Number(form.capacity),
        competencyCodes: codes,
      }),
    onSuccess: (session) => {
      setForm(blank);
      setCodes([]);
      onPlanned(session.id);
    },
  });
  const field = (key: keyof typeof form, type = 'text') => (
    <label>
      {t(`coach.sessionFields.${key}`)}
      <input
        type={type}
        required
        value={form[key]}
        min={type === 'number' ? 1 : undefined}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (codes.length > 0) plan.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="plan-title" className="card">
      <h2 id="plan-title">{t('coach.planSession')}</h2>
      <div className="row">
        {me.organisationIds.length > 1 && (
          <label>
            {t('coach.organisation')}
            <select value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
              {me.organisationIds.map((id) => (
                <option key={id} value={id}>
                  {nameOfOrganisation(id)}
                </option>
              ))}
            </select>
          </label>
        )}
        {field('title')}
        {field('date', 'date')}
        {field('startTime', 'time')}
        {field('endTime', 'time')}
        {field('place')}
        {field('trainer')}
        {field('capacity', 'number')}
      </div>
      <CompetencyChoice
        catalogue={catalogue.data}
        chosen={codes}
        onChange={setCodes}
        legend={t('coach.onCompetencies')}
      />
      <button type="submit" disabled={plan.isPending}>
        {t('coach.planSession')}
      </button>
      {codes.length === 0 && <p className="hint">{t('coach.chooseCompetency')}</p>}
      <ProblemMessage error={plan.error} />
    </form>
  );
}
