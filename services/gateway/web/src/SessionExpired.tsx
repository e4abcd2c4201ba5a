import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from './api';
import { ProblemMessage } from './ProblemMessage';

/**
 * Asked over the screen the person was working on when the session could not be renewed: the
 * screen stays mounted underneath, so what was typed stays, and the calls that were waiting go
 * again once the same person has signed in (ADR 19). A modal <dialog>: the rest is inert meanwhile.
 */
export function SessionExpired({
  email,
  onSignedIn,
  onSignOut,
}: {
  email: string;
  /** With the id of whoever signed in: the app decides whether the waiting calls may go again. */
  onSignedIn: (userId: string) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => post<{ user: { id: string } }>('/auth/sign-in', { email, password }),
    onSuccess: (answer) => onSignedIn(answer.user.id),
  });
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="session-expired"
      aria-labelledby="session-expired-title"
      aria-describedby="session-expired-text"
      // Escape would leave the person with a screen that cannot save anything.
      onCancel={(e) => e.preventDefault()}
    >
      <form
        className="signin"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate();
        }}
      >
        <h2 id="session-expired-title">{t('session.expired.title')}</h2>
        <p id="session-expired-text">{t('session.expired.text')}</p>
        <label>
          {t('signIn.email')}
          <input type="email" autoComplete="username" value={email} readOnly />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ProblemMessage error={signIn.error} />
        <div className="row">
          <button type="submit" disabled={signIn.isPending}>
            {t('session.expired.submit')}
          </button>
          <button type="button" className="secondary" onClick={onSignOut}>
            {t('session.expired.signOut')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
