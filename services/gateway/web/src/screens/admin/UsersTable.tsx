import { useTranslation } from 'react-i18next';
import { useRegionName } from '../../lib/regions';
import type { Organisation, User } from './types';

/** Every user with their role, scope and status, each with a button that opens them for editing. */
export function UsersTable({
  users,
  organisations,
  onEdit,
}: {
  users: User[];
  organisations: Organisation[];
  onEdit: (userId: string) => void;
}) {
  const { t } = useTranslation();
  const regionName = useRegionName();
  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  return (
    <table>
      <caption className="visually-hidden">{t('users.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('users.displayName')}</th>
          <th scope="col">{t('users.email')}</th>
          <th scope="col">{t('users.role')}</th>
          <th scope="col">{t('users.scope')}</th>
          <th scope="col">{t('users.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('organisations.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>{u.displayName}</td>
            <td>{u.email}</td>
            <td>{t(`users.${u.role}`)}</td>
            <td>{u.organisationIds.map(nameOf).join(', ') || regionName(u.regionId) || t('users.everything')}</td>
            <td>{!u.active ? t('users.blocked') : u.passwordSet === false ? t('users.invited') : t('users.active')}</td>
            <td>
              <button
                type="button"
                onClick={() => onEdit(u.id)}
                aria-label={t('users.editOne', { name: u.displayName })}
              >
                {t('users.edit')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
