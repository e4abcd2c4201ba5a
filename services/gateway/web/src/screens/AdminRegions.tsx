import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api';
import { useRegions } from '../lib/regions';
import { SaveOutcome } from '../lib/SaveOutcome';
import { ProblemMessage } from '../ProblemMessage';

/** The region directory: every region's name, as managers, the dashboard and the user forms show it. */
export function AdminRegions({ usedIds }: { usedIds: string[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const regions = useRegions();
  const [form, setForm] = useState({ id: '', name: '' });
  const save = useMutation({
    mutationFn: () => post('/flow-through/regions', { id: form.id.trim(), name: form.name.trim() }, 'PUT'),
    onSuccess: () => {
      setForm({ id: '', name: '' });
      void client.invalidateQueries({ queryKey: ['regions'] });
    },
  });
  const named = regions.data ?? [];
  // Regions organisations already use but nobody named yet: offered first, so no id stays on a screen.
  const unnamed = [...new Set(usedIds)].filter((id) => !named.some((r) => r.id === id)).sort();
  return (
    <section className="card" aria-labelledby="regions-title">
      <h2 id="regions-title">{t('regions.title')}</h2>
      <ProblemMessage error={regions.error} />
      <table>
        <caption className="visually-hidden">{t('regions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('regions.name')}</th>
            <th scope="col">{t('regions.id')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('organisations.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {named.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>
                <code>{r.id}</code>
              </td>
              <td>
                <button type="button" onClick={() => setForm(r)} aria-label={t('regions.renameOne', { name: r.name })}>
                  {t('regions.rename')}
                </button>
              </td>
            </tr>
          ))}
          {unnamed.map((id) => (
            <tr key={id}>
              <td>
                <em>{t('regions.noName')}</em>
              </td>
              <td>
                <code>{id}</code>
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => setForm({ id, name: '' })}
                  aria-label={t('regions.nameOne', { id })}
                >
                  {t('regions.giveName')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        aria-label={t('regions.formTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('regions.id')}
          <input
            value={form.id}
            pattern="[a-z0-9][a-z0-9\-]{1,62}"
            title={t('organisations.idHint')}
            onChange={(e) => setForm({ ...form, id: e.target.value })}
          />
        </label>
        <label>
          {t('regions.name')}
          <input value={form.name} maxLength={80} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <button type="submit" disabled={save.isPending}>
          {t('regions.save')}
        </button>
      </form>
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {t('regions.saved')}
      </SaveOutcome>
    </section>
  );
}
