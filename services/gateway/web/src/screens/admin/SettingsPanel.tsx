import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveOutcome } from '../../lib/SaveOutcome';
import { ProblemMessage } from '../../ProblemMessage';

/**
 * One organisation's settings as the admin corrects them (hours targets, gap windows, alert rules):
 * a card with its title and explanation, the stored values' load failure, the form with its own
 * fields, "save" and "close", and what the save answered.
 */
export function SettingsPanel({
  titleId,
  title,
  explain,
  loadError,
  formShown = true,
  onSave,
  extraAction,
  submitText,
  submitDisabled,
  onDone,
  save,
  savedText,
  children,
}: {
  /** The heading's id, which names the card. */
  titleId: string;
  title: string;
  explain: ReactNode;
  loadError: unknown;
  /** False while there is nothing to edit yet (the stored values are still on their way). */
  formShown?: boolean;
  onSave: () => void;
  /** A button before "save" (e.g. "add a step"). */
  extraAction?: ReactNode;
  submitText: string;
  submitDisabled?: boolean;
  onDone: () => void;
  save: { error: unknown; isSuccess: boolean };
  savedText: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <p className="hint">{explain}</p>
      <ProblemMessage error={loadError} />
      {formShown && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }}
        >
          {children}
          <div className="row">
            {extraAction && <>{extraAction} </>}
            <button type="submit" disabled={submitDisabled}>
              {submitText}
            </button>{' '}
            <button type="button" className="secondary" onClick={onDone}>
              {t('users.closeEdit')}
            </button>
          </div>
        </form>
      )}
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {savedText}
      </SaveOutcome>
    </section>
  );
}
