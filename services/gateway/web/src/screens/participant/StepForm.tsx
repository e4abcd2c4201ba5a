import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { DateField, Problem, todayInBrussels } from '../organiser-kit';
import { stepBody, TrajectoryStep } from '../organiser-rules';
import { DESTINATIONS, DROP_OFF_REASONS, participantKey, SUSPENSION_REASONS, TrajectoryDetail } from './types';

type Step = TrajectoryStep;

/** One step's form: its date (and reason or destination), checked here before it is sent. */
export function StepForm({
  participantId,
  step,
  trajectory,
  onDone,
  onCancel,
}: {
  participantId: string;
  step: Step;
  trajectory: TrajectoryDetail;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = todayInBrussels();
  const [on, setOn] = useState(step === 'extend' ? '' : today);
  const [reasonCode, setReasonCode] = useState('');
  const [destination, setDestination] = useState('');
  const [localError, setLocalError] = useState('');
  const change = useMutation({
    mutationFn: () =>
      post(
        `/flow-through/participants/${participantId}/trajectory/${step}`,
        stepBody(step, on, { reasonCode, destination }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: participantKey(participantId) });
      void client.invalidateQueries({ queryKey: ['participants'] });
      void client.invalidateQueries({ queryKey: ['grid'] });
      onDone();
    },
  });
  const needsReason = step === 'suspend' || step === 'drop-off';
  const reasons = step === 'suspend' ? SUSPENSION_REASONS : DROP_OFF_REASONS;
  const reasonKeys = step === 'suspend' ? 'suspensionReasons' : 'dropOffReasons';
  return (
    <form
      className="row step-form"
      noValidate
      aria-label={t(`organiser.steps.${step}.button`)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!on) return setLocalError(t('organiser.steps.dateMissing'));
        if (needsReason && !reasonCode) return setLocalError(t('organiser.steps.reasonMissing'));
        if (step === 'end' && !destination) return setLocalError(t('organiser.steps.destinationMissing'));
        setLocalError('');
        change.mutate();
      }}
    >
      <p className="hint full">{t(`organiser.steps.${step}.explain`)}</p>
      <DateField
        id={`step-${step}-date`}
        label={t(`organiser.steps.${step}.date`)}
        value={on}
        onChange={setOn}
        min={step === 'extend' ? (trajectory.plannedEndOn ?? undefined) : undefined}
        max={step === 'extend' ? undefined : today}
      />
      {needsReason && (
        <label>
          {t('organiser.steps.reason')}
          <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            <option value="">{t('organiser.choose')}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {t(`organiser.${reasonKeys}.${r}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {step === 'end' && (
        <label>
          {t('organiser.steps.destination')}
          <select value={destination} onChange={(e) => setDestination(e.target.value)}>
            <option value="">{t('organiser.choose')}</option>
            {DESTINATIONS.map((d) => (
              <option key={d} value={d}>
                {t(`organiser.destinations.${d}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={change.isPending}>
        {t(`organiser.steps.${step}.confirm`)}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('organiser.cancel')}
      </button>
      {localError && (
        <p role="alert" className="problem full">
          {localError}
        </p>
      )}
      <div className="full">
        <Problem error={change.error} />
      </div>
    </form>
  );
}
