import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STEPS_FROM, TrajectoryStep } from '../organiser-rules';
import { StepForm } from './StepForm';
import type { TrajectoryDetail } from './types';

type Step = TrajectoryStep;

/** One step at a time: choose it, fill in its date (and reason or destination), confirm. */
export function TrajectorySteps({
  participantId,
  trajectory,
}: {
  participantId: string;
  trajectory: TrajectoryDetail;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step | null>(null);
  const [done, setDone] = useState<Step | null>(null);
  const steps = STEPS_FROM[trajectory.status];
  return (
    <section aria-labelledby="steps-title" className="card">
      <h2 id="steps-title">{t('organiser.trajectory.stepsTitle')}</h2>
      <div className="actions" role="group" aria-labelledby="steps-title">
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            className={step === s ? undefined : 'secondary'}
            aria-pressed={step === s}
            onClick={() => {
              setDone(null);
              setStep(step === s ? null : s);
            }}
          >
            {t(`organiser.steps.${s}.button`)}
          </button>
        ))}
      </div>
      {done && (
        <p role="status" className="ok">
          {t(`organiser.steps.${done}.done`)}
        </p>
      )}
      {step && (
        <StepForm
          key={step}
          participantId={participantId}
          step={step}
          trajectory={trajectory}
          onDone={() => {
            setDone(step);
            setStep(null);
          }}
          onCancel={() => setStep(null)}
        />
      )}
    </section>
  );
}
