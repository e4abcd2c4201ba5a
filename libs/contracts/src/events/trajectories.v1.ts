import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { TOPICS } from '../topics';
import { defineEvent } from './definition';
import { CalendarDate, Id } from './fields';

export const SUSPENSION_REASONS = ['ILLNESS', 'CARE', 'TRAINING', 'ADMINISTRATIVE', 'OTHER'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** Outflow destinations (BRIEF.md, "Flow-through outcomes"); which count as positive is configuration. */
export const DESTINATIONS = [
  'NEC_JOB',
  'TEMPORARY_WORK_EXPERIENCE',
  'ART_60',
  'SOCIAL_ECONOMY',
  'TRAINING',
  'IBO',
  'INTERNSHIP',
  'JOBCOACH',
  'WORK_CARE_TRAJECTORY',
  'SPECIALISED_CARE',
  'FOD_ALLOWANCE',
  'DROP_OUT',
  'MOVED',
  'HEALTH',
  'SANCTION',
  'END_WITHOUT_NEXT_STEP',
  'UNKNOWN',
] as const;
export type Destination = (typeof DESTINATIONS)[number];

export class TrajectoryStartedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarDate() startedOn!: string;
  /** Null for ex-PWA workers, who have no 12-month limit. */
  @IsOptional() @CalendarDate() plannedEndOn!: string | null;
  @IsBoolean() reReferral!: boolean;
}

export class TrajectorySuspendedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @CalendarDate() suspendedOn!: string;
  @IsIn(SUSPENSION_REASONS) reasonCode!: SuspensionReason;
}

export class TrajectoryResumedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @CalendarDate() resumedOn!: string;
}

export class TrajectoryExtendedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @CalendarDate() plannedEndOn!: string;
}

export class TrajectoryEndedV1 {
  @Id() trajectoryId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarDate() endedOn!: string;
  @IsIn(DESTINATIONS) destination!: Destination;
  @IsBoolean() positiveOutflow!: boolean;
}

const ids = {
  trajectoryId: 'a2b7c1d0-5e4f-4a3b-8c9d-0e1f2a3b4c5d',
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  organisationId: 'org-neteland',
};

export const trajectoryEvents = [
  defineEvent({
    type: 'trajectory.started',
    version: 1,
    topic: TOPICS.trajectories,
    payload: TrajectoryStartedV1,
    example: {
      ...ids,
      regionId: 'region-kempen',
      startedOn: '2026-03-02',
      plannedEndOn: '2027-03-01',
      reReferral: false,
    },
  }),
  defineEvent({
    type: 'trajectory.suspended',
    version: 1,
    topic: TOPICS.trajectories,
    payload: TrajectorySuspendedV1,
    example: { ...ids, suspendedOn: '2026-06-15', reasonCode: 'ILLNESS' },
  }),
  defineEvent({
    type: 'trajectory.resumed',
    version: 1,
    topic: TOPICS.trajectories,
    payload: TrajectoryResumedV1,
    example: { ...ids, resumedOn: '2026-07-06' },
  }),
  defineEvent({
    type: 'trajectory.extended',
    version: 1,
    topic: TOPICS.trajectories,
    payload: TrajectoryExtendedV1,
    example: { ...ids, plannedEndOn: '2027-04-05' },
  }),
  defineEvent({
    type: 'trajectory.ended',
    version: 1,
    topic: TOPICS.trajectories,
    payload: TrajectoryEndedV1,
    example: {
      ...ids,
      regionId: 'region-kempen',
      endedOn: '2027-02-26',
      destination: 'SOCIAL_ECONOMY',
      positiveOutflow: true,
    },
  }),
];
