import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { SaveOutcome } from '../../lib/SaveOutcome';
import { IssuedLink } from './IssuedLink';
import { Scope, ScopeFields, scopeForRole } from './ScopeFields';
import type { Organisation, PasswordLink, User } from './types';

/** A new user by e-mail, name, role and scope; the answer's invitation link is shown once. */
export function CreateUser({ organisations }: { organisations: Organisation[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ email: '', displayName: '' });
  const [scope, setScope] = useState<Scope>({ role: 'ORGANISER', organisationIds: [], regionId: null });
  const create = useMutation({
    mutationFn: () =>
      post<User & { invitation?: PasswordLink }>('/admin/users', {
        ...form,
        role: scope.role,
        ...scopeForRole(scope),
      }),
    onSuccess: () => {
      setForm({ email: '', displayName: '' });
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">{t('users.create')}</h2>
      <p className="hint">{t('users.inviteHint')}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        {field('email', t('users.email'), 'email')}
        {field('displayName', t('users.displayName'))}
        <ScopeFields idPrefix="create" scope={scope} organisations={organisations} onChange={setScope} />
        <button type="submit">{t('users.create')}</button>
      </form>
      <SaveOutcome error={create.error} saved={create.isSuccess}>
        {t('users.created')}
      </SaveOutcome>
      {create.data?.invitation && <IssuedLink link={create.data.invitation} name={create.data.displayName} />}
    </section>
  );
}
