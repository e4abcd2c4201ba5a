import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api';

interface ParticipantName {
  id: string;
  firstName: string;
  lastName: string;
  coachId: string | null;
}

/** A participant as an inbox row shows them: the name and their coach's user id (null: no coach). */
export interface RowParticipant {
  name: string;
  coachId: string | null;
}

export const participantNamesQuery = {
  queryKey: ['alerts', 'names'],
  queryFn: () => api<{ items: ParticipantName[] }>('/flow-through/participants?limit=200'),
  staleTime: 60_000,
};

const asRow = (p: ParticipantName): RowParticipant => ({ name: `${p.firstName} ${p.lastName}`, coachId: p.coachId });

/** Names and coaches of the participants on the page: the newest 200 in one call, the others one by one (by id). */
export function useParticipantNames(ids: string[]): { known: Map<string, RowParticipant>; pending: boolean } {
  const listed = useQuery(participantNamesQuery);
  const known = new Map((listed.data?.items ?? []).map((p) => [p.id, asRow(p)]));
  const missing = listed.isSuccess ? [...new Set(ids)].filter((id) => !known.has(id)) : [];
  const single = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['participant-name', id],
      queryFn: () => api<ParticipantName>(`/flow-through/participants/${id}`),
      staleTime: 5 * 60_000,
    })),
  });
  for (const q of single) if (q.data) known.set(q.data.id, asRow(q.data));
  return { known, pending: listed.isPending || single.some((q) => q.isPending) };
}
