import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { post } from '../api';
import { ProblemMessage } from '../ProblemMessage';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => post('/auth/sign-in', { email, password }),
    onSuccess: () => {
      onSignedIn();
      navigate('/');
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
    </form>
  );
}
