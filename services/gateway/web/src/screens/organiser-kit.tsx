import { useQuery } from '@tanstack/react-query';
import { Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useErrorText } from '../ProblemMessage';
import type { Me } from '../App';
import { locale } from '../i18n';
import { asDuration, belgianDate as formatBelgianDate } from './organiser-rules';

/** Shared pieces of the organiser's screens: organisation names, Belgian dates, problems in Dutch. */

export interface OrganisationEntry {
  id: string;
  name: string;
  kind: string;
  regionId: string;
}

export function useOrganisations() {
  return useQuery({
    queryKey: ['organisations'],
    queryFn: () => api<OrganisationEntry[]>('/flow-through/organisations'),
    staleTime: 5 * 60_000,
  });
}

/** The organisation's name from the directory; its code only while the directory is loading or lacks it. */
export function useOrganisationName(): (id: string) => string {
  const organisations = useOrganisations();
  return (id) => organisations.data?.find((o) => o.id === id)?.name ?? id;
}

const CHOSEN_ORGANISATION = 'organiser.organisation';

/** The organisation the organiser works on, remembered across screens for this browser tab. */
export function useChosenOrganisation(me: Me): [string, (id: string) => void] {
  const remembered = sessionStorage.getItem(CHOSEN_ORGANISATION);
  const initial = remembered && me.organisationIds.includes(remembered) ? remembered : (me.organisationIds[0] ?? '');
  const [organisationId, setOrganisationId] = useState(initial);
  return [
    organisationId,
    (id: string) => {
      sessionStorage.setItem(CHOSEN_ORGANISATION, id);
      setOrganisationId(id);
    },
  ];
}

export function OrganisationPicker({ me, value, onChange }: { me: Me; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const nameOf = useOrganisationName();
  return (
    <label>
      {t('organiser.organisation')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {me.organisationIds.map((id) => (
          <option key={id} value={id}>
            {nameOf(id)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "2026-12-01" → "di 1/12/2026" in nl-BE (Chromium shows date inputs in the browser's own format). */
export const belgianDate = (iso: string) => formatBelgianDate(iso, locale());

export { todayInBrussels } from '../lib/clock';

export { asDuration };

/**
 * A date input with the chosen date written out in the Belgian way next to it, read out as the
 * input's description, so nobody has to guess whether 12/01 means January or December.
 */
export function DateField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  error,
  describedBy,
  inputRef,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  error?: string;
  /** Another element explaining this field, e.g. the refusal of the form it is in. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const shown = belgianDate(value);
  const described = [`${id}-shown`, error ? `${id}-error` : '', describedBy ?? ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="date"
        value={value}
        min={min}
        max={max}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={described}
        aria-invalid={error || describedBy ? true : undefined}
      />
      <span id={`${id}-shown`} className="date-shown">
        {shown}
      </span>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The problem in the user's language: the organiser screens' own wording, then the app's, never the API's English. */
export function useProblemText(): (error: unknown) => string {
  return useErrorText(['organiser.problems.']);
}

/** An API problem shown where it happened; the id lets a field point at it with aria-describedby. */
export function Problem({ error, id }: { error: unknown; id?: string }) {
  const text = useProblemText()(error);
  if (!text) return null;
  return (
    <p role="alert" className="problem" id={id}>
      {text}
    </p>
  );
}

/** The per-field problems of a REQUEST.INVALID answer, keyed by the field's name. */
export function fieldProblems(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || !Array.isArray(error.problem.errors)) return {};
  const byField: Record<string, string[]> = {};
  for (const entry of error.problem.errors as Array<{ field?: unknown; problems?: unknown }>) {
    if (typeof entry.field !== 'string') continue;
    byField[entry.field] = Array.isArray(entry.problems) ? entry.problems.map(String) : [];
  }
  return byField;
}

export const problemCode = (error: unknown) => (error instanceof ApiError ? error.problem.code : undefined);
