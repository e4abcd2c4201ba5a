import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api';
import { SettingsPanel } from './SettingsPanel';
import type { Organisation } from './types';

interface TargetStep {
  fromTrajectoryMonth: number;
  hours: number;
}

/** The hours API's bounds of `flagAfterMonthsBelow`. */
const RULE_MIN = 1;
const RULE_MAX = 6;

/**
 * The monthly hours target rising over the trajectory, which the month close judges low hours by,
 * and after how many closed months in a row below target a participant is flagged (the rule).
 */
export function HoursTargets({ organisation, onDone }: { organisation: Organisation; onDone: () => void }) {
  const { t } = useTranslation();
  const path = `/hours/organisations/${encodeURIComponent(organisation.id)}/hours-targets`;
  const stored = useQuery({
    queryKey: ['hours-targets', organisation.id],
    queryFn: () =>
      api<{
        steps: TargetStep[];
        fallbackMonthlyTarget: number;
        flagAfterMonthsBelow: number;
        defaultFlagAfterMonthsBelow: number;
      }>(path),
  });
  const [steps, setSteps] = useState<TargetStep[] | null>(null);
  const [rule, setRule] = useState<number | null>(null);
  const shown = steps ?? stored.data?.steps ?? [];
  const shownRule = rule ?? stored.data?.flagAfterMonthsBelow ?? 2;
  const save = useMutation({
    mutationFn: () => post(path, { steps: shown, flagAfterMonthsBelow: shownRule }, 'PUT'),
    onSuccess: () => void stored.refetch(),
  });
  const change = (index: number, field: keyof TargetStep, value: number) =>
    setSteps(shown.map((step, i) => (i === index ? { ...step, [field]: value } : step)));
  const last = shown.at(-1);
  return (
    <SettingsPanel
      titleId="targets-title"
      title={t('targets.title', { name: organisation.name })}
      explain={t('targets.explain', { fallback: stored.data?.fallbackMonthlyTarget ?? 20 })}
      loadError={stored.error}
      onSave={() => save.mutate()}
      extraAction={
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setSteps([
              ...shown,
              { fromTrajectoryMonth: (last?.fromTrajectoryMonth ?? -2) + 3, hours: last?.hours ?? 20 },
            ])
          }
        >
          {t('targets.add')}
        </button>
      }
      submitText={t('targets.save')}
      submitDisabled={!stored.isSuccess}
      onDone={onDone}
      save={save}
      savedText={t('targets.saved')}
    >
      {shown.map((step, i) => (
        <fieldset key={i} className="choices">
          <legend>{t('targets.step', { n: i + 1 })}</legend>
          <label>
            {t('targets.from')}
            <input
              type="number"
              min={1}
              max={120}
              value={step.fromTrajectoryMonth}
              onChange={(e) => change(i, 'fromTrajectoryMonth', Number(e.target.value))}
            />
          </label>
          <label>
            {t('targets.hours')}
            <input
              type="number"
              min={1}
              max={60}
              value={step.hours}
              onChange={(e) => change(i, 'hours', Number(e.target.value))}
            />
          </label>
          <button
            type="button"
            className="secondary"
            onClick={() => setSteps(shown.filter((_, j) => j !== i))}
            aria-label={t('targets.removeOne', { n: i + 1 })}
          >
            {t('targets.remove')}
          </button>
        </fieldset>
      ))}
      <label>
        {t('targets.rule')}
        <input
          type="number"
          name="flagAfterMonthsBelow"
          min={RULE_MIN}
          max={RULE_MAX}
          step={1}
          required
          aria-describedby="targets-rule-help"
          value={shownRule}
          onChange={(e) => setRule(Number(e.target.value))}
        />
      </label>
      <p className="hint" id="targets-rule-help">
        {t('targets.ruleHelp', {
          min: RULE_MIN,
          max: RULE_MAX,
          default: stored.data?.defaultFlagAfterMonthsBelow ?? 2,
        })}
      </p>
    </SettingsPanel>
  );
}
