import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { SaveOutcome } from '../../lib/SaveOutcome';
import { ProblemMessage } from '../../ProblemMessage';
import { IssuedLink } from './IssuedLink';
import { Scope, ScopeFields, scopeForRole } from './ScopeFields';
import type { Organisation, PasswordLink, User } from './types';

/** One user's name, role, scope and access, and a new password link for them. */
export function EditUser({
  user,
  organisations,
  onDone,
}: {
  user: User;
  organisations: Organisation[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [active, setActive] = useState(user.active);
  const [scope, setScope] = useState<Scope>({
    role: user.role,
    organisationIds: user.organisationIds,
    regionId: user.regionId,
  });
  const save = useMutation({
    mutationFn: () =>
      post(
        `/admin/users/${encodeURIComponent(user.id)}`,
        { displayName, role: scope.role, active, ...scopeForRole(scope) },
        'PATCH',
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const reset = useMutation({
    mutationFn: () => post<PasswordLink>(`/admin/users/${encodeURIComponent(user.id)}/password-link`, {}),
  });
  return (
    <section className="card" aria-labelledby="edit-title">
      <h2 id="edit-title">{t('users.editTitle', { name: user.displayName })}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          {t('users.displayName')}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <ScopeFields idPrefix="edit" scope={scope} organisations={organisations} onChange={setScope} />
        <label className="inline">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('users.activeLabel')}
        </label>
        <button type="submit">{t('users.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('users.closeEdit')}
        </button>
      </form>
      <p className="hint">{t('users.scopeChangeHint')}</p>
      <SaveOutcome error={save.error} saved={save.isSuccess}>
        {t('users.saved')}
      </SaveOutcome>
      <p>
        <button type="button" className="secondary" onClick={() => reset.mutate()} disabled={reset.isPending}>
          {user.passwordSet === false ? t('users.inviteAgain') : t('users.resetLink')}
        </button>
      </p>
      <p className="hint">{t('users.resetLinkHint')}</p>
      <ProblemMessage error={reset.error} />
      {reset.data && <IssuedLink link={reset.data} name={user.displayName} />}
    </section>
  );
}
