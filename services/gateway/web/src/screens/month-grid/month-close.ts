import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api';

/** One participant's line in a closed month (the hours API's `ParticipantMonthResult`). */
export interface MonthResult {
  participantId: string;
  countedHours: number;
  targetHours: number;
  belowTarget: boolean;
  consecutiveMonthsBelow: number;
  fallingTrend: boolean;
  flagged: boolean;
}

/** `GET|POST /organisations/{org}/months/{month}/close`; the POST adds how many were flagged. */
export interface MonthClose {
  organisationId: string;
  month: string;
  closedAt: string;
  closedBy: 'ORGANISER' | 'AUTOMATIC';
  results: MonthResult[];
  /** The organisation's rule the close judged by: flagged after this many months in a row below target. */
  flagAfterMonthsBelow?: number;
  flagged?: number;
}

export function useMonthClose(organisationId: string, month: string) {
  return useQuery({
    queryKey: ['month-close', organisationId, month],
    queryFn: async () => {
      try {
        return await api<MonthClose>(`/hours/organisations/${organisationId}/months/${month}/close`);
      } catch (error) {
        if (error instanceof ApiError && error.problem.code === 'HOURS.MONTH_NOT_CLOSED') return null;
        throw error;
      }
    },
    enabled: !!organisationId,
  });
}
