import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { useRegionName, useRegions } from '../../lib/regions';
import { SaveOutcome } from '../../lib/SaveOutcome';
import { AlertRulesEditor, GapSettings } from './DaySettings';
import { HoursTargets } from './HoursTargets';
import { KINDS, Organisation } from './types';

/** The organisations with their settings panels, and the form that adds or edits one. */
export function Organisations({ organisations }: { organisations: Organisation[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty: Organisation = { id: '', name: '', kind: 'WIJK_WERK', regionId: '' };
  const [form, setForm] = useState<Organisation>(empty);
  const [targetsOf, setTargetsOf] = useState<Organisation | null>(null);
  const [gapSettingsOf, setGapSettingsOf] = useState<Organisation | null>(null);
  const [alertRulesOf, setAlertRulesOf] = useState<Organisation | null>(null);
  const regions = useRegions();
  const regionName = useRegionName();
  const save = useMutation({
    mutationFn: () => post('/flow-through/organisations', form, 'PUT'),
    onSuccess: () => {
      setForm(empty);
      void client.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  return (
    <section className="card" aria-labelledby="organisations-title">
      <h2 id="organisations-title">{t('organisations.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('organisations.name')}</th>
            <th scope="col">{t('organisations.kind')}</th>
            <th scope="col">{t('organisations.region')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('organisations.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{t(`organisations.${o.kind}`)}</td>
              <td>{regionName(o.regionId)}</td>
              <td>
                <button
                  type="button"
                  onClick={() => setForm(o)}
                  aria-label={t('organisations.editOne', { name: o.name })}
                >
                  {t('organisations.edit')}
                </button>{' '}
                {o.kind === 'WIJK_WERK' && (
                  <>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setTargetsOf(o)}
                      aria-label={t('targets.openOne', { name: o.name })}
                    >
                      {t('targets.open')}
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setGapSettingsOf(o)}
                      aria-label={t('gapSettings.openOne', { name: o.name })}
                    >
                      {t('gapSettings.open')}
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setAlertRulesOf(o)}
                      aria-label={t('alertRules.openOne', { name: o.name })}
                    >
                      {t('alertRules.open')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {targetsOf && <HoursTargets key={targetsOf.id} organisation={targetsOf} onDone={() => setTargetsOf(null)} />}
      {gapSettingsOf && (
        <GapSettings key={gapSettingsOf.id} organisation={gapSettingsOf} onDone={() => setGapSettingsOf(null)} />
      )}
      {alertRulesOf && (
        <AlertRulesEditor key={alertRulesOf.id} organisation={alertRulesOf} onDone={() => setAlertRulesOf(null)} />
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('organisations.id')}
          <input
            value={form.id}
            pattern="[a-z0-9][a-z0-9\-]{1,62}"
            title={t('organisations.idHint')}
            onChange={(e) => setForm({ ...form, id: e.target.value })}
          />
        </label>
        <label>
          {t('organisations.name')}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('organisations.kind')}
          <select
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as Organisation['kind'] })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`organisations.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('organisations.region')}
          <select value={form.regionId} onChange={(e) => setForm({ ...form, regionId: e.target.value })}>
            <option value="">{t('users.chooseRegion')}</option>
            {[...new Set([...(regions.data ?? []).map((r) => r.id), ...organisations.map((o) => o.regionId)])].map(
              (id) => (
                <option key={id} value={id}>
                  {regionName(id)}
                </option>
              ),
            )}
          </select>
        </label>
        <button type="submit">{t('organisations.save')}</button>
      </form>
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {t('organisations.saved')}
      </SaveOutcome>
    </section>
  );
}
