import { useTranslation } from 'react-i18next';
import type { Me } from '../../App';
import { useRegionName, useRegions } from '../../lib/regions';
import type { Organisation } from './types';

const ROLES: Me['role'][] = ['ORGANISER', 'COACH', 'REGIONAL_MANAGER', 'ADMIN'];

export interface Scope {
  role: Me['role'];
  organisationIds: string[];
  regionId: string | null;
}

/** The scope a role needs: staff pick wijk-werkorganisaties by name, a manager picks a region. */
export function ScopeFields({
  idPrefix,
  scope,
  organisations,
  onChange,
}: {
  idPrefix: string;
  scope: Scope;
  organisations: Organisation[];
  onChange: (scope: Scope) => void;
}) {
  const { t } = useTranslation();
  const wijkWerk = organisations.filter((o) => o.kind === 'WIJK_WERK');
  const regionName = useRegionName();
  const named = useRegions().data ?? [];
  const regions = [...new Set([...named.map((r) => r.id), ...organisations.map((o) => o.regionId)])].sort((a, b) =>
    regionName(a).localeCompare(regionName(b), 'nl'),
  );
  const staff = scope.role === 'ORGANISER' || scope.role === 'COACH';
  return (
    <>
      <label>
        {t('users.role')}
        <select
          value={scope.role}
          onChange={(e) => {
            const role = e.target.value as Me['role'];
            onChange({ role, organisationIds: scope.organisationIds, regionId: scope.regionId });
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`users.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {staff && (
        <fieldset className="choices">
          <legend>{t('users.organisations')}</legend>
          {wijkWerk.length === 0 && <p>{t('users.noOrganisations')}</p>}
          {wijkWerk.map((o) => (
            <label key={o.id} className="inline" htmlFor={`${idPrefix}-org-${o.id}`}>
              <input
                id={`${idPrefix}-org-${o.id}`}
                type="checkbox"
                checked={scope.organisationIds.includes(o.id)}
                onChange={(e) =>
                  onChange({
                    ...scope,
                    organisationIds: e.target.checked
                      ? [...scope.organisationIds, o.id]
                      : scope.organisationIds.filter((id) => id !== o.id),
                  })
                }
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      )}
      {scope.role === 'REGIONAL_MANAGER' && (
        <label>
          {t('users.region')}
          <select
            value={scope.regionId ?? ''}
            onChange={(e) => onChange({ ...scope, regionId: e.target.value || null })}
          >
            <option value="">{t('users.chooseRegion')}</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {regionName(r)}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

/** What the API needs for a role: no organisations for a manager, no region for staff. */
export function scopeForRole(scope: Scope): Pick<Scope, 'organisationIds' | 'regionId'> {
  if (scope.role === 'REGIONAL_MANAGER') return { organisationIds: [], regionId: scope.regionId };
  if (scope.role === 'ADMIN') return { organisationIds: [], regionId: null };
  return { organisationIds: scope.organisationIds, regionId: null };
}
