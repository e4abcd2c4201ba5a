import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api';
import type { Me } from '../App';
import { ProblemMessage } from '../ProblemMessage';

const ROLES: Me['role'][] = ['ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN'];

export function Admin() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<Me[] | { items: Me[] }>('/admin/users') });
  const [form, setForm] = useState({
    email: '',
    displayName: '',
    password: '',
    role: 'ORGANISER',
    orgs: '',
    regionId: '',
  });
  const create = useMutation({
    mutationFn: () =>
      post('/admin/users', {
        email: form.email,
        displayName: form.displayName,
        password: form.password,
        role: form.role,
        organisationIds: form.orgs
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        regionId: form.regionId || null,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const list = Array.isArray(users.data) ? users.data : (users.data?.items ?? []);
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <>
      <h1>{t('users.title')}</h1>
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{t('users.create')}</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          {field('email', t('users.email'), 'email')}
          {field('displayName', t('users.displayName'))}
          {field('password', t('users.password'), 'password')}
          <label>
            {t('users.role')}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`users.${r}`)}
                </option>
              ))}
            </select>
          </label>
          {field('orgs', t('users.organisations'))}
          {field('regionId', t('users.region'))}
          <button type="submit">{t('users.create')}</button>
        </form>
        <ProblemMessage error={create.error} />
        {create.isSuccess && (
          <p role="status" className="ok">
            {t('users.created')}
          </p>
        )}
      </section>
      <ProblemMessage error={users.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('users.displayName')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.organisations')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{t(`users.${u.role}`)}</td>
              <td>{u.organisationIds.join(', ') || u.regionId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
