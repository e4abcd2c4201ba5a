import { DomainError } from '@stapsteen/errors';
import { ParticipantState, displayNameOf } from './participant';

export interface ParticipantChanges {
  firstName?: string;
  lastName?: string;
  coachId?: string | null;
  monthlyHoursTarget?: number | null;
  exPwa?: boolean;
  referrerName?: string | null;
}

export interface ParticipantFact {
  type: 'participant.updated' | 'participant.erased';
  version: 1;
  participantId: string;
  data: Record<string, unknown>;
}

const MAX_MONTHLY_HOURS = 60;

function refuseIfErased(state: ParticipantState): void {
  if (state.anonymisedAt) {
    throw new DomainError('PARTICIPANT.ERASED', 'rule-violation', 'This participant’s personal data has been erased.');
  }
}

/**
 * Changes what other services rely on (display name, coach, hours target, ex-PWA) and announces
 * it; a change of private details only (the referrer) stays inside flow-through.
 */
export function changeParticipant(
  state: ParticipantState,
  changes: ParticipantChanges,
): { state: ParticipantState; events: ParticipantFact[] } {
  refuseIfErased(state);
  const target = changes.monthlyHoursTarget === undefined ? state.monthlyHoursTarget : changes.monthlyHoursTarget;
  if (target !== null && (target < 1 || target > MAX_MONTHLY_HOURS)) {
    throw new DomainError(
      'PARTICIPANT.TARGET_OUT_OF_RANGE',
      'validation',
      `A monthly target lies between 1 and ${MAX_MONTHLY_HOURS} hours.`,
    );
  }
  const next: ParticipantState = {
    ...state,
    firstName: changes.firstName?.trim() || state.firstName,
    lastName: changes.lastName?.trim() || state.lastName,
    coachId: changes.coachId === undefined ? state.coachId : changes.coachId,
    monthlyHoursTarget: target,
    exPwa: changes.exPwa ?? state.exPwa,
    referrerName: changes.referrerName === undefined ? state.referrerName : changes.referrerName?.trim() || null,
  };
  const shared = (s: ParticipantState) =>
    [displayNameOf(s.firstName, s.lastName), s.coachId, s.monthlyHoursTarget, s.exPwa].join('|');
  const events: ParticipantFact[] =
    shared(next) === shared(state)
      ? []
      : [
          {
            type: 'participant.updated',
            version: 1,
            participantId: state.id,
            data: {
              participantId: state.id,
              organisationId: state.organisationId,
              regionId: state.regionId,
              displayName: displayNameOf(next.firstName, next.lastName),
              coachId: next.coachId,
              monthlyHoursTarget: next.monthlyHoursTarget,
              exPwa: next.exPwa,
            },
          },
        ];
  return { state: next, events };
}

/**
 * Erases the personal data and keeps what the figures need (organisation, region, trajectories
 * with their dates and destinations), and tells the other services to drop what they hold.
 */
export function anonymiseParticipant(
  state: ParticipantState,
  at: string,
): { state: ParticipantState; events: ParticipantFact[] } {
  refuseIfErased(state);
  return {
    state: {
      ...state,
      firstName: 'Geanonimiseerd',
      lastName: '',
      dateOfBirth: null,
      nationalRegisterNumber: null,
      referrerName: null,
      coachId: null,
      anonymisedAt: at,
    },
    events: [
      {
        type: 'participant.erased',
        version: 1,
        participantId: state.id,
        data: { participantId: state.id, organisationId: state.organisationId, erasedAt: at },
      },
    ],
  };
}

/** Anonymised a configurable number of years after the last trajectory ended. */
export function dueForAnonymisation(state: ParticipantState, today: string, retentionYears: number): boolean {
  if (state.anonymisedAt) return false;
  const last = state.trajectories.at(-1);
  if (!last || last.status !== 'ENDED' || !last.endedOn) return false;
  const [y, m, d] = last.endedOn.split('-');
  return `${Number(y) + retentionYears}-${m}-${d}` <= today;
}
