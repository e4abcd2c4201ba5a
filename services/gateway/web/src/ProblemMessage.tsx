import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** A problem document in the user's language: a translation per stable code, the API's detail as fallback. */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  let text: string;
  if (error instanceof ApiError) {
    const { code, detail, status } = error.problem;
    const key = `problems.${code ?? ''}`;
    text = code && i18n.exists(key) ? t(key, error.problem) : (detail ?? t('problems.generic', { status }));
  } else text = String(error);
  return (
    <p role="alert" className="problem">
      {text}
    </p>
  );
}
