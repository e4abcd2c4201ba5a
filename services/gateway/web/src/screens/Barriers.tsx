import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, post } from '../api';
import type { HoursSchemas } from '../api-types';
import { recordBarriersRequestBarriersValues } from '../generated/hours';
import { Loading } from '../lib/ScreenState';
import { fmtMonth } from '../i18n';
import { Problem } from './organiser-kit';

/** The barrier codes of the hours API (and of the `hours.barriers-recorded` contract). */
export const BARRIER_CODES = recordBarriersRequestBarriersValues;

type BarrierRecord = HoursSchemas['BarrierRecordView'];

/** What kept a flagged participant's hours low that month (drempels): codes, and a description with "other". */
export function Barriers({
  participantId,
  name,
  month,
  onDone,
}: {
  participantId: string;
  name: string;
  month: string;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const path = `/hours/participants/${participantId}/months/${month}/barriers`;
  const recorded = useQuery({
    queryKey: ['barriers', participantId, month],
    queryFn: async () => {
      try {
        return await api<BarrierRecord>(path);
      } catch (error) {
        if (error instanceof ApiError && error.problem.code === 'HOURS.BARRIERS_NOT_FOUND') return null;
        throw error;
      }
    },
  });
  if (recorded.isLoading) return <Loading />;
  return (
    <BarrierForm
      initial={recorded.data ?? null}
      name={name}
      month={month}
      loadError={recorded.error}
      save={(body) => post<BarrierRecord>(path, body, 'PUT')}
      onSaved={(record) => {
        client.setQueryData(['barriers', participantId, month], record);
      }}
      onCancel={onDone}
    />
  );
}

function BarrierForm({
  initial,
  name,
  month,
  loadError,
  save,
  onSaved,
  onCancel,
}: {
  initial: BarrierRecord | null;
  name: string;
  month: string;
  loadError: unknown;
  save: (body: { barriers: string[]; otherDescription?: string }) => Promise<BarrierRecord>;
  onSaved: (record: BarrierRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(initial?.barriers ?? []);
  const [other, setOther] = useState(initial?.otherDescription ?? '');
  const [localError, setLocalError] = useState('');
  const mutation = useMutation({ mutationFn: save, onSuccess: onSaved });
  const legendId = `barriers-${month}-legend`;
  return (
    <form
      className="barriers"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length === 0) return setLocalError(t('organiser.barriers.noneChosen'));
        if (chosen.includes('OTHER') && !other.trim()) return setLocalError(t('organiser.barriers.otherMissing'));
        setLocalError('');
        mutation.mutate({ barriers: chosen, ...(chosen.includes('OTHER') ? { otherDescription: other.trim() } : {}) });
      }}
    >
      <fieldset className="choices">
        <legend id={legendId}>{t('organiser.barriers.legend', { name, month: fmtMonth(month) })}</legend>
        {BARRIER_CODES.map((code) => (
          <label key={code} className="inline">
            <input
              type="checkbox"
              checked={chosen.includes(code)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
            />
            {t(`organiser.barriers.codes.${code}`)}
          </label>
        ))}
      </fieldset>
      {chosen.includes('OTHER') && (
        <label>
          {t('organiser.barriers.other')}
          <input value={other} maxLength={300} onChange={(e) => setOther(e.target.value)} />
        </label>
      )}
      <p className="hint">{t('organiser.barriers.privacy')}</p>
      <span className="actions">
        <button type="submit" disabled={mutation.isPending}>
          {t('organiser.barriers.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('organiser.cancel')}
        </button>
      </span>
      {localError && (
        <p role="alert" className="problem">
          {localError}
        </p>
      )}
      <Problem error={loadError ?? mutation.error} />
      {mutation.isSuccess && (
        <p role="status" className="ok">
          {t('organiser.barriers.saved', { name })}
        </p>
      )}
      {initial && !mutation.isSuccess && (
        <p className="hint">
          {t('organiser.barriers.recorded', {
            list: initial.barriers.map((c) => t(`organiser.barriers.codes.${c}`)).join(', '),
          })}
        </p>
      )}
    </form>
  );
}
