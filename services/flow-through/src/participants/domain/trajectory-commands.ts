import { DomainError } from '@stapsteen/errors';
import type { ParticipantState } from './participant';
import {
  Destination,
  DropOffReason,
  SuspensionReason,
  Trajectory,
  TrajectoryPolicy,
  dropOffReferral,
  endTrajectory,
  extendTrajectory,
  newTrajectory,
  recordIntake,
  resumeTrajectory,
  startTrajectory,
  suspendTrajectory,
} from './trajectory';

export type TrajectoryCommand =
  | { kind: 'intake'; on: string }
  | { kind: 'start'; on: string }
  | { kind: 'suspend'; on: string; reasonCode: SuspensionReason }
  | { kind: 'resume'; on: string }
  | { kind: 'extend'; plannedEndOn: string }
  | { kind: 'end'; on: string; destination: Destination }
  | { kind: 'drop-off'; on: string; reasonCode: DropOffReason }
  | { kind: 're-refer'; on: string; trajectoryId: string };

export interface TrajectoryFact {
  type: string;
  version: 1;
  participantId: string;
  data: Record<string, unknown>;
}

/**
 * Applies one step of the trajectory lifecycle to the participant's current trajectory and says
 * what happened, for the other services: hours accepts prestations only in an active trajectory.
 */
export function changeTrajectory(
  participant: ParticipantState,
  command: TrajectoryCommand,
  today: string,
  policy: TrajectoryPolicy,
): { state: ParticipantState; events: TrajectoryFact[] } {
  const current = participant.trajectories.at(-1);
  if (!current) throw new DomainError('TRAJECTORY.NOT_FOUND', 'not-found', 'This participant has no trajectory.');
  const base = { participantId: participant.id, organisationId: participant.organisationId };
  const fact = (type: string, data: Record<string, unknown>): TrajectoryFact => ({
    type,
    version: 1,
    participantId: participant.id,
    data: { trajectoryId: next.id, ...base, ...data },
  });
  let next: Trajectory;
  const events: TrajectoryFact[] = [];

  switch (command.kind) {
    case 'intake':
      next = recordIntake(current, command.on, today);
      break;
    case 'start':
      next = startTrajectory(current, command.on, today, participant.exPwa, policy);
      events.push(
        fact('trajectory.started', {
          regionId: participant.regionId,
          startedOn: next.startedOn,
          plannedEndOn: next.plannedEndOn,
          reReferral: next.reReferral,
        }),
      );
      break;
    case 'suspend':
      next = suspendTrajectory(current, command.on, today, command.reasonCode);
      events.push(fact('trajectory.suspended', { suspendedOn: command.on, reasonCode: command.reasonCode }));
      break;
    case 'resume':
      next = resumeTrajectory(current, command.on, today);
      events.push(fact('trajectory.resumed', { resumedOn: command.on }));
      break;
    case 'extend':
      next = extendTrajectory(current, command.plannedEndOn);
      events.push(fact('trajectory.extended', { plannedEndOn: command.plannedEndOn }));
      break;
    case 'end':
      next = endTrajectory(current, command.on, today, command.destination, policy);
      events.push(
        fact('trajectory.ended', {
          regionId: participant.regionId,
          endedOn: command.on,
          destination: command.destination,
          positiveOutflow: next.positiveOutflow,
        }),
      );
      break;
    case 'drop-off':
      next = dropOffReferral(current, command.on, today, command.reasonCode);
      events.push(
        fact('trajectory.referral-dropped', {
          regionId: participant.regionId,
          referredOn: next.referredOn,
          droppedOn: command.on,
          stage: next.dropOff!.stage,
          reasonCode: command.reasonCode,
        }),
      );
      break;
    case 're-refer': {
      if (current.status !== 'ENDED') {
        throw new DomainError(
          'TRAJECTORY.STILL_OPEN',
          'rule-violation',
          'End the current trajectory before a new referral.',
          {
            currentStatus: current.status,
          },
        );
      }
      if (current.endedOn && command.on < current.endedOn) {
        throw new DomainError(
          'TRAJECTORY.DATE_BEFORE_PREVIOUS_STEP',
          'rule-violation',
          `A new referral cannot lie before ${current.endedOn}.`,
        );
      }
      if (command.on > today)
        throw new DomainError(
          'TRAJECTORY.DATE_IN_FUTURE',
          'rule-violation',
          'This step cannot be dated in the future.',
        );
      next = newTrajectory(command.trajectoryId, command.on, true);
      return { state: { ...participant, trajectories: [...participant.trajectories, next] }, events };
    }
  }
  return { state: { ...participant, trajectories: [...participant.trajectories.slice(0, -1), next] }, events };
}
