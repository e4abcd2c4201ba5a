import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

/**
 * Display names of colleagues (a participant's coach, who changed an alert) by user id, from the
 * gateway's scoped lookup: only names, only of users in the caller's scope; an id it leaves out is
 * unknown to the caller. One request per set of ids, kept for five minutes.
 */
export function useColleagueNames(ids: readonly string[]): { names: Map<string, string>; pending: boolean } {
  const wanted = [...new Set(ids)].sort().slice(0, 100);
  const query = useQuery({
    queryKey: ['people', 'names', wanted.join(',')],
    queryFn: () =>
      api<{ items: Array<{ id: string; displayName: string }> }>(
        `/people/names?ids=${wanted.map(encodeURIComponent).join(',')}`,
      ),
    enabled: wanted.length > 0,
    staleTime: 5 * 60_000,
    // While another page's names load, the names already known stay.
    placeholderData: (previous) => previous,
  });
  const names = new Map((query.data?.items ?? []).map((n) => [n.id, n.displayName]));
  return { names, pending: wanted.length > 0 && (query.isPending || query.isPlaceholderData) };
}
