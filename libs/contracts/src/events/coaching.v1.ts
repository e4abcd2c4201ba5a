import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../topics';
import { defineEvent } from './definition';
import { CalendarDate, CompetencyCode, Id } from './fields';

export const ASSESSOR_KINDS = ['COACH', 'ORGANISER', 'SELF', 'GEBRUIKER'] as const;
export const MODALITIES = ['GROUP', 'ONE_ON_ONE', 'PEER'] as const;
export type Modality = (typeof MODALITIES)[number];
export const GAP_REASONS = [
  'LOW_HOURS_NO_COACHING',
  'COMPETENCY_UNADDRESSED',
  'NO_BASELINE',
  'STALLED_ASSIGNMENT',
] as const;
export type GapReason = (typeof GAP_REASONS)[number];
export const COACHING_END_REASONS = ['COMPLETED', 'PARTICIPANT_LEFT', 'NO_SHOW', 'REPLACED', 'OTHER'] as const;

export class RatingLine {
  @CompetencyCode() competencyCode!: string;
  @IsInt() @Min(1) @Max(4) level!: number;
}

/** Ratings only: the assessor's notes stay in the coaching service. */
export class CompetencyAssessedV1 {
  @Id() assessmentId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @IsIn(ASSESSOR_KINDS) assessorKind!: (typeof ASSESSOR_KINDS)[number];
  @CalendarDate() assessedOn!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => RatingLine)
  ratings!: RatingLine[];
  @IsArray() @ArrayMaxSize(60) @CompetencyCode({ each: true }) belowTargetCodes!: string[];
}

export class CoachingAssignedV1 {
  @Id() assignmentId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @IsIn(MODALITIES) modality!: Modality;
  @IsArray() @ArrayMaxSize(60) @CompetencyCode({ each: true }) competencyCodes!: string[];
  @CalendarDate() startedOn!: string;
}

export class CoachingEndedV1 {
  @Id() assignmentId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @IsIn(MODALITIES) modality!: Modality;
  @CalendarDate() endedOn!: string;
  @IsIn(COACHING_END_REASONS) reasonCode!: (typeof COACHING_END_REASONS)[number];
}

export class CoachingGapDetectedV1 {
  @Id() gapId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(GAP_REASONS) reasonCode!: GapReason;
  @CalendarDate() openedOn!: string;
  @IsOptional() @CompetencyCode() competencyCode?: string;
}

export class CoachingGapClosedV1 {
  @Id() gapId!: string;
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @IsIn(GAP_REASONS) reasonCode!: GapReason;
  @CalendarDate() closedOn!: string;
}

const scope = { participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c', organisationId: 'org-neteland' };

export const coachingEvents = [
  defineEvent({
    type: 'competency.assessed',
    version: 1,
    topic: TOPICS.coaching,
    payload: CompetencyAssessedV1,
    example: {
      ...scope,
      assessmentId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
      assessorKind: 'COACH',
      assessedOn: '2026-04-10',
      ratings: [
        { competencyCode: 'STIPTHEID', level: 2 },
        { competencyCode: 'SAMENWERKEN', level: 3 },
      ],
      belowTargetCodes: ['STIPTHEID'],
    },
  }),
  defineEvent({
    type: 'coaching.assigned',
    version: 1,
    topic: TOPICS.coaching,
    payload: CoachingAssignedV1,
    example: {
      ...scope,
      assignmentId: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
      modality: 'GROUP',
      competencyCodes: ['STIPTHEID'],
      startedOn: '2026-04-20',
    },
  }),
  defineEvent({
    type: 'coaching.ended',
    version: 1,
    topic: TOPICS.coaching,
    payload: CoachingEndedV1,
    example: {
      ...scope,
      assignmentId: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
      modality: 'GROUP',
      endedOn: '2026-06-30',
      reasonCode: 'COMPLETED',
    },
  }),
  defineEvent({
    type: 'coaching.gap-detected',
    version: 1,
    topic: TOPICS.coaching,
    payload: CoachingGapDetectedV1,
    example: {
      ...scope,
      gapId: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7081',
      regionId: 'region-kempen',
      reasonCode: 'LOW_HOURS_NO_COACHING',
      openedOn: '2026-11-11',
    },
  }),
  defineEvent({
    type: 'coaching.gap-closed',
    version: 1,
    topic: TOPICS.coaching,
    payload: CoachingGapClosedV1,
    example: {
      ...scope,
      gapId: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7081',
      regionId: 'region-kempen',
      reasonCode: 'LOW_HOURS_NO_COACHING',
      closedOn: '2026-11-18',
    },
  }),
];
