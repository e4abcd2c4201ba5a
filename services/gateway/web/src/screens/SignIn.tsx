import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { post } from '../api';
import { returnPath, wasSignedIn } from '../lib/session-memory';
import { ProblemMessage } from '../ProblemMessage';

export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  // Sent here from a screen, in a tab where someone was signed in: the session expired.
  const [expired] = useState(() => from !== undefined && wasSignedIn());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => post('/auth/sign-in', { email, password }),
    onSuccess: async () => {
      await onSignedIn();
      // Back to where the person was, not the home page.
      navigate(returnPath(from), { replace: true });
    },
  });
  return (
    <form
      className="signin"
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate();
      }}
    >
      <h1>{t('signIn.title')}</h1>
      {expired && (
        <p role="status" className="notice">
          {t('session.expired.afterReload')}
        </p>
      )}
      <label>
        {t('signIn.email')}
        <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t('signIn.password')}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ProblemMessage error={signIn.error} />
      <button type="submit" disabled={signIn.isPending}>
        {t('signIn.submit')}
      </button>
      <p className="hint">{t('signIn.forgot')}</p>
    </form>
  );
}
