import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api';
import { SettingsPanel } from './SettingsPanel';
import type { Organisation } from './types';

/** A number of days a service reads, with the bounds it accepts. */
interface DaySetting {
  name: string;
  min: number;
  max: number;
}

/**
 * An organisation's day windows as a service stores them (`GET|PUT path`, answering the values, the
 * `defaults` and `editedAt`): the coaching gap windows and the flow-through alert rules share it.
 */
function DaySettingsEditor({
  organisation,
  onDone,
  path,
  keyPrefix,
  settings,
}: {
  organisation: Organisation;
  onDone: () => void;
  path: string;
  /** The i18n key and the element ids: `gapSettings`, `alertRules`. */
  keyPrefix: string;
  settings: readonly DaySetting[];
}) {
  const { t } = useTranslation();
  type Values = Record<string, number>;
  const stored = useQuery({
    queryKey: [keyPrefix, organisation.id],
    queryFn: () => api<Values & { defaults: Values; editedAt: string | null }>(path),
  });
  const [values, setValues] = useState<Values | null>(null);
  const shown: Values | null =
    values ?? (stored.data ? Object.fromEntries(settings.map(({ name }) => [name, stored.data[name]])) : null);
  const save = useMutation({
    mutationFn: () => post(path, shown, 'PUT'),
    onSuccess: () => void stored.refetch(),
  });
  const bounds = { min: Math.min(...settings.map((s) => s.min)), max: Math.max(...settings.map((s) => s.max)) };
  return (
    <SettingsPanel
      titleId={`${keyPrefix}-title`}
      title={t(`${keyPrefix}.title`, { name: organisation.name })}
      explain={
        <>
          {t(`${keyPrefix}.explain`, bounds)} {stored.data && !stored.data.editedAt && t(`${keyPrefix}.usingDefaults`)}
        </>
      }
      loadError={stored.error}
      formShown={shown !== null}
      onSave={() => save.mutate()}
      submitText={t(`${keyPrefix}.save`)}
      onDone={onDone}
      save={save}
      savedText={t(`${keyPrefix}.saved`)}
    >
      {shown &&
        settings.map(({ name, min, max }) => (
          <div key={name}>
            <label>
              {t(`${keyPrefix}.${name}`)}
              <input
                type="number"
                min={min}
                max={max}
                step={1}
                required
                value={shown[name]}
                aria-describedby={`${keyPrefix}-${name}-hint`}
                onChange={(e) => setValues({ ...shown, [name]: Number(e.target.value) })}
              />
            </label>
            <p className="hint" id={`${keyPrefix}-${name}-hint`}>
              {t(`${keyPrefix}.${name}Hint`, { days: stored.data?.defaults[name], min, max })}
            </p>
          </div>
        ))}
    </SettingsPanel>
  );
}

/** Coaching's gap windows: whole days from 7 to 180 each. */
const GAP_WINDOWS: DaySetting[] = ['baselineDueDays', 'unaddressedDays', 'stalledDays'].map((name) => ({
  name,
  min: 7,
  max: 180,
}));

/** Flow-through's alert rules: days before the planned end, and before an evaluation. */
const ALERT_RULES: DaySetting[] = [
  { name: 'endingWithinDays', min: 7, max: 180 },
  { name: 'evaluationWithinDays', min: 1, max: 90 },
];

export function GapSettings({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  return (
    <DaySettingsEditor
      organisation={organisation}
      onDone={onDone}
      path={`/coaching/organisations/${encodeURIComponent(organisation.id)}/gap-settings`}
      keyPrefix="gapSettings"
      settings={GAP_WINDOWS}
    />
  );
}

export function AlertRulesEditor({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  return (
    <DaySettingsEditor
      organisation={organisation}
      onDone={onDone}
      path={`/flow-through/organisations/${encodeURIComponent(organisation.id)}/alert-rules`}
      keyPrefix="alertRules"
      settings={ALERT_RULES}
    />
  );
}
