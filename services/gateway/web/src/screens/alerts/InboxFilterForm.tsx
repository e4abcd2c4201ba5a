import { useTranslation } from 'react-i18next';
import { useOrganisationDirectory } from '../../lib/directory';
import { AGES, ALERT_KINDS, InboxFilters, SEVERITIES, SORTS, STATUSES } from './inbox-query';

/** The inbox's filters: status, kind, severity, organisation, age and order, each kept in the address. */
export function InboxFilterForm({
  filters,
  set,
}: {
  filters: InboxFilters;
  set: (changes: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const organisations = useOrganisationDirectory();
  const select = (name: keyof typeof filters, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select value={filters[name]} onChange={(e) => set({ [name]: e.target.value })}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="row filters" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
      {select(
        'status',
        t('alerts.status'),
        STATUSES.map((s) => [s, s ? t(`alerts.${s}`) : t('alerts.unresolved')]),
      )}
      {select('kind', t('alerts.kind'), [
        ['', t('alerts.allKinds')],
        ...ALERT_KINDS.map((k): [string, string] => [k, t(`alerts.${k}`)]),
      ])}
      {select('severity', t('drill.severity'), [
        ['', t('alerts.allSeverities')],
        ...SEVERITIES.map((s): [string, string] => [s, t(`drill.severities.${s}`)]),
      ])}
      {select('organisationId', t('alerts.organisation'), [
        ['', t('alerts.allOrganisations')],
        ...(organisations.data ?? [])
          .filter((o) => o.kind === 'WIJK_WERK')
          .map((o): [string, string] => [o.id, o.name]),
      ])}
      {select(
        'olderThanDays',
        t('alerts.age'),
        AGES.map((a) => [a, a ? t('alerts.olderThan', { days: a }) : t('alerts.anyAge')]),
      )}
      {select(
        'sort',
        t('alerts.sort'),
        SORTS.map((s) => [s, t(`alerts.sorts.${s}`)]),
      )}
    </form>
  );
}
