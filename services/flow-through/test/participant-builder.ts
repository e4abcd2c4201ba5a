import { EnrolParticipant, ParticipantState, enrolParticipant } from '../src/participants/domain/participant';
import { DEFAULT_TRAJECTORY_POLICY } from '../src/participants/domain/trajectory';
import { changeTrajectory } from '../src/participants/domain/trajectory-commands';

/** Sofie, referred by VDAB to a Neteland trajectory: the participant the domain specs act on. */
export function enrolledParticipant(
  overrides: Partial<EnrolParticipant> = {},
  today = overrides.enrolledOn ?? '2026-01-05',
): ParticipantState {
  return enrolParticipant(
    {
      id: 'p-1',
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      firstName: 'Sofie',
      lastName: 'Verbeeck',
      dateOfBirth: '1987-04-12',
      referralSource: 'VDAB',
      enrolledOn: '2026-01-05',
      enrolledBy: 'organiser',
      trajectoryId: 't-1',
      ...overrides,
    },
    today,
  ).state;
}

/** The same participant with the trajectory started on `on` (the wijk-werkovereenkomst signed). */
export function startedParticipant(
  on: string,
  overrides: Partial<EnrolParticipant> = {},
  today = '2029-12-31',
): ParticipantState {
  const enrolledOn = overrides.enrolledOn ?? (on < '2026-01-05' ? on : '2026-01-05');
  return changeTrajectory(
    enrolledParticipant({ enrolledOn, ...overrides }, today),
    { kind: 'start', on },
    today,
    DEFAULT_TRAJECTORY_POLICY,
  ).state;
}
