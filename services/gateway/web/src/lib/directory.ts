import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

/** The organisations the caller may see, with their names, and query strings for the screens' filters. */

export interface OrganisationEntry {
  id: string;
  name: string;
  kind: string;
  regionId: string;
}

export const organisationsQuery = {
  queryKey: ['organisations'],
  queryFn: () => api<OrganisationEntry[]>('/flow-through/organisations'),
  staleTime: 5 * 60_000,
};

export function useOrganisationDirectory() {
  return useQuery(organisationsQuery);
}

export function useOrganisationNameOf(): (id: string) => string {
  const organisations = useOrganisationDirectory();
  return (id) => organisations.data?.find((o) => o.id === id)?.name ?? id;
}

/** A query string from the set values only. */
export function queryString(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
