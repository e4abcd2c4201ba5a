import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export interface Region {
  id: string;
  name: string;
}

/** The region directory the administrators keep (flow-through's GET /regions). */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => api<Region[]>('/flow-through/regions'),
    staleTime: 5 * 60_000,
  });
}

/** A region's name for screens; its id only until the directory has answered or when it has no name yet. */
export function useRegionName(): (id: string | null | undefined) => string {
  const regions = useRegions();
  return (id) => (id ? (regions.data?.find((r) => r.id === id)?.name ?? id) : '');
}
