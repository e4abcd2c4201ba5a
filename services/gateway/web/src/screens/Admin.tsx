import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ProblemMessage } from '../ProblemMessage';
import { AdminRegions } from './AdminRegions';
import { CreateUser } from './admin/CreateUser';
import { EditUser } from './admin/EditUser';
import { Organisations } from './admin/Organisations';
import type { Organisation, User } from './admin/types';
import { UsersTable } from './admin/UsersTable';

export type { Organisation, PasswordLink } from './admin/types';

/** The admin's screen: users (create, list, edit), the region directory and the organisations. */
export function Admin() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<User[]>('/admin/users') });
  const organisationsQuery = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api<Organisation[]>('/flow-through/organisations'),
  });
  const organisations = organisationsQuery.data ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const list = users.data ?? [];
  const editedUser = list.find((u) => u.id === editing);
  return (
    <>
      <h1>{t('users.title')}</h1>
      <CreateUser organisations={organisations} />
      {editedUser && (
        <EditUser key={editedUser.id} user={editedUser} organisations={organisations} onDone={() => setEditing(null)} />
      )}
      <ProblemMessage error={users.error} />
      <UsersTable users={list} organisations={organisations} onEdit={setEditing} />
      <ProblemMessage error={organisationsQuery.error} />
      <AdminRegions usedIds={organisations.map((o) => o.regionId)} />
      <Organisations organisations={organisations} />
    </>
  );
}
