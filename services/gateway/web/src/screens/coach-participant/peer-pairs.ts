import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

/** An organisation's peer coaches with their pairs (GET /organisations/{id}/peer-pairs). */
export interface PeerCoachPairs {
  peerCoachId: string;
  organisationId: string;
  pairs: { id: string; coacheeId: string; status: 'ACTIVE' | 'ENDED'; competencyCodes: string[] }[];
}

export function usePeerPairs(organisationId: string | undefined) {
  return useQuery({
    queryKey: ['coach', 'peer-pairs', organisationId],
    queryFn: () =>
      api<PeerCoachPairs[]>(`/coaching/organisations/${encodeURIComponent(organisationId ?? '')}/peer-pairs`),
    enabled: Boolean(organisationId),
  });
}
