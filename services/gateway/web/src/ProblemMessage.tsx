import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { fmtMonth } from './i18n';
import { problemText, Translator } from './lib/problem-text';

/** The problem translator of the chosen language: stable codes and facts to the user's words. */
export function useTranslator(): Translator {
  const { t, i18n } = useTranslation();
  const fieldNames = (t('fieldNames', { returnObjects: true }) ?? {}) as Record<string, string>;
  return {
    t: (key, options) => t(key, options ?? {}),
    exists: (key) => i18n.exists(key),
    fieldNames: typeof fieldNames === 'object' ? fieldNames : {},
    month: fmtMonth,
  };
}

/** Any failure in the user's words; `prefixes` name a screen's own wording to try first. */
export function useErrorText(prefixes: string[] = []): (error: unknown) => string {
  const tr = useTranslator();
  return (error) => {
    if (!error) return '';
    if (error instanceof ApiError) return problemText(error.problem, tr, prefixes);
    // A network failure or a bug: never the browser's English text on a Dutch screen.
    return tr.t('problems.status.503');
  };
}

/** A problem document in the user's language, from its stable code and facts. */
export function ProblemMessage({ error }: { error: unknown }) {
  const text = useErrorText()(error);
  if (!error) return null;
  return (
    <p role="alert" className="problem">
      {text}
    </p>
  );
}
