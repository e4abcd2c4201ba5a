import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, post } from '../api';
import { ProblemMessage } from '../ProblemMessage';

/** The public route of the one-time invitation and reset links the admin hands over. */
export const SET_PASSWORD_ROUTE = '/wachtwoord-instellen';

const MIN = 12;
const MAX = 128;

/** What the password policy (and the repeat) says about what was typed, in the user's words; null when fine. */
function localProblem(password: string, repeat: string): { key: string; count?: number } | null {
  const length = [...password].length;
  if (length < MIN) return { key: 'setPassword.tooShort', count: length };
  if (length > MAX) return { key: 'setPassword.tooLong', count: length };
  if (password !== repeat) return { key: 'setPassword.mismatch' };
  return null;
}

export function SetPassword({ onSignedIn }: { onSignedIn: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Kept in the address: a reload still works; the page sends no Referer (helmet's no-referrer).
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const problem = checked ? localProblem(password, repeat) : null;
  const set = useMutation({
    mutationFn: () => post('/auth/password-link', { token, password }),
    onSuccess: async () => {
      await onSignedIn();
      navigate('/', { replace: true });
    },
  });
  const spent = set.error instanceof ApiError && /^AUTH\.INVITE_/.test(set.error.problem.code ?? '');
  return (
    <form
      className="signin"
      data-screen="set-password"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        if (!localProblem(password, repeat)) set.mutate();
      }}
    >
      <h1>{t('setPassword.title')}</h1>
      {!token ? (
        <p role="alert" className="problem">
          {t('setPassword.missing')}
        </p>
      ) : (
        <>
          <p className="hint" id="password-policy">
            {t('setPassword.policy')}
          </p>
          <label>
            {t('setPassword.password')}
            <input
              type="password"
              autoComplete="new-password"
              aria-describedby="password-policy"
              aria-invalid={problem && problem.key !== 'setPassword.mismatch' ? true : undefined}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <label>
            {t('setPassword.repeat')}
            <input
              type="password"
              autoComplete="new-password"
              aria-invalid={problem?.key === 'setPassword.mismatch' ? true : undefined}
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </label>
          {problem && (
            <p role="alert" className="problem">
              {t(problem.key, { count: problem.count })}
            </p>
          )}
          <ProblemMessage error={set.error} />
          <button type="submit" disabled={set.isPending || spent}>
            {t('setPassword.submit')}
          </button>
        </>
      )}
      {(spent || !token) && (
        <p>
          <Link to="/sign-in">{t('setPassword.toSignIn')}</Link>
        </p>
      )}
    </form>
  );
}
