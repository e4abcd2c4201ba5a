import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { recordAssessmentRequestAssessorKindValues } from '../generated/coaching';

/** The coaching service's answers as the coach's screens use them (see services/coaching/src/*\/interface). */

export interface RosterEntry {
  participantId: string;
  organisationId: string;
  regionId: string;
  displayName: string;
  coachId: string | null;
  trajectories: { trajectoryId: string; startedOn: string | null; endedOn: string | null }[];
  lowHours: { flagged: boolean; month: string; severity: string } | null;
}

export interface Catalogue {
  organisationId: string;
  version: number;
  targetLevel: number;
  scale: { level: number; nl: string; en: string }[];
  competencies: { code: string; nameNl: string; nameEn: string; definition?: string }[];
}

export interface Assessment {
  id: string;
  participantId: string;
  assessorKind: string;
  recordedBy: string;
  assessedOn: string;
  targetLevel: number;
  ratings: { competencyCode: string; level: number; note: string | null }[];
  changes?: { competencyCode: string; level: number; previousLevel: number | null; change: number | null }[];
}

export interface GapView {
  gapId: string;
  reasonCode: string;
  competencyCode: string | null;
  openedOn: string;
  closedOn: string | null;
  participantId: string;
  organisationId: string;
  coachId: string | null;
}

export interface AssignmentSummary {
  assignmentId: string;
  participantId: string;
  modality: 'GROUP' | 'ONE_ON_ONE' | 'PEER';
  competencyCodes: string[];
  active: boolean;
  startedOn: string;
  endedOn: string | null;
}

export interface ModalitySuggestion {
  modality: 'GROUP' | 'ONE_ON_ONE' | 'PEER';
  competencyCodes: string[];
  reasonCodes: string[];
  reason: string;
  reasonEn: string;
  addOn: boolean;
}

export interface PeerSuggestion {
  participantId: string;
  displayName: string;
  score: number;
  activeCoachees: number;
  explanation: string[];
  reasons: PeerReason[];
}

export type PeerReason =
  | { code: 'RATED_AT_OR_ABOVE_TARGET'; competencyCode: string; level: number; targetLevel: number }
  | { code: 'COACHEES'; activeCoachees: number; maxActiveCoachees: number }
  | { code: 'FINISHED_A_TRAJECTORY' };

export interface GroupSession {
  id: string;
  organisationId: string;
  title: string;
  competencyCodes: string[];
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  trainer: string;
  capacity: number;
  status: 'PLANNED' | 'HELD';
  attendanceRecordedOn: string | null;
  /** Only the participants with a seat; the waiting ones are in `waitingList`, in order. */
  enrolments: {
    participantId: string;
    status: 'ENROLLED';
    attended: boolean | null;
  }[];
  seatsLeft: number;
  waitingList: string[];
}

/** Gaps close by events after an assignment: the screens poll them so a closed one goes away by itself. */
export const GAP_REFRESH_MS = 2_000;

export const ASSESSOR_KINDS = recordAssessmentRequestAssessorKindValues;

export function useRoster() {
  return useQuery({ queryKey: ['coach', 'roster'], queryFn: () => api<RosterEntry[]>('/coaching/participants') });
}

export function useCatalogue(organisationId: string | undefined) {
  return useQuery({
    queryKey: ['coach', 'catalogue', organisationId],
    queryFn: () => api<Catalogue>(`/coaching/organisations/${encodeURIComponent(organisationId ?? '')}/catalogue`),
    enabled: Boolean(organisationId),
    staleTime: 5 * 60_000,
  });
}

/** The competency's name in the chosen language; a neutral word while the catalogue loads, never the code. */
export function useCompetencyName(catalogue: Catalogue | undefined): (code: string) => string {
  const { t, i18n } = useTranslation();
  return (code) => {
    const competency = catalogue?.competencies.find((c) => c.code === code);
    if (!competency) return catalogue ? t('coach.aCompetency') : '…';
    return i18n.language === 'en' ? competency.nameEn : competency.nameNl;
  };
}

export function GapReason({
  gap,
  nameOf,
}: {
  gap: Pick<GapView, 'reasonCode' | 'competencyCode'>;
  nameOf: (code: string) => string;
}) {
  const { t } = useTranslation();
  const reason = t(`coach.gapReasons.${gap.reasonCode}`, { defaultValue: t('coach.gapReasons.other') });
  return <>{gap.competencyCode ? `${reason}: ${nameOf(gap.competencyCode)}` : reason}</>;
}
