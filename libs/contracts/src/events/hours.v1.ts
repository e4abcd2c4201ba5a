import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { TOPICS } from '../topics';
import { defineEvent } from './definition';
import { CalendarMonth, Id, Instant } from './fields';

export const BARRIERS = [
  'MOBILITY',
  'HEALTH',
  'CARE_DUTIES',
  'LANGUAGE',
  'DIGITAL_SKILLS',
  'NO_MATCHING_ACTIVITY',
  'LOW_DEMAND',
  'MOTIVATION',
  'ADMINISTRATIVE',
  'OTHER',
] as const;
export type Barrier = (typeof BARRIERS)[number];

/** One participant's counted hours in a closed month. */
export class ParticipantMonthClosedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @IsInt() @Min(0) @Max(744) countedHours!: number;
  @IsInt() @Min(0) @Max(744) targetHours!: number;
  @IsInt() @Min(0) @Max(8784) yearCountedHours!: number;
  @IsInt() @Min(0) allowanceCents!: number;
}

export class MonthTotalLine {
  @Id() participantId!: string;
  @IsInt() @Min(0) @Max(744) countedHours!: number;
  @IsInt() @Min(0) @Max(744) targetHours!: number;
  @IsBoolean() belowTarget!: boolean;
}

/**
 * The organisation's month as a whole, for read models per organisation. The envelope's
 * participantId carries the organisationId for this event: it is about the organisation, and the
 * key keeps one organisation's closes in order. Per-participant consumers use
 * `hours.participant-month-closed`.
 */
export class MonthClosedV1 {
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @Instant() closedAt!: string;
  @IsIn(['ORGANISER', 'AUTOMATIC']) closedBy!: 'ORGANISER' | 'AUTOMATIC';
  @IsArray()
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => MonthTotalLine)
  participants!: MonthTotalLine[];
}

export class LowHoursFlaggedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @IsInt() @Min(0) @Max(744) countedHours!: number;
  @IsInt() @Min(1) @Max(744) targetHours!: number;
  @IsInt() @Min(1) @Max(600) consecutiveMonthsBelow!: number;
  @IsBoolean() fallingTrend!: boolean;
  @IsIn(['MEDIUM', 'HIGH']) severity!: 'MEDIUM' | 'HIGH';
}

export class LowHoursClearedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @IsInt() @Min(0) @Max(744) countedHours!: number;
  @IsInt() @Min(0) @Max(744) targetHours!: number;
}

/** Barrier codes only: the organiser's explanation stays in the hours service. */
export class BarriersRecordedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BARRIERS.length) @IsIn(BARRIERS, { each: true }) barriers!: Barrier[];
}

const scope = {
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  organisationId: 'org-neteland',
  regionId: 'region-kempen',
};

export const hoursEvents = [
  defineEvent({
    type: 'hours.participant-month-closed',
    version: 1,
    topic: TOPICS.hours,
    payload: ParticipantMonthClosedV1,
    example: {
      ...scope,
      month: '2026-10',
      countedHours: 14,
      targetHours: 20,
      yearCountedHours: 131,
      allowanceCents: 5740,
    },
  }),
  defineEvent({
    type: 'hours.month-closed',
    version: 1,
    topic: TOPICS.hours,
    payload: MonthClosedV1,
    example: {
      organisationId: 'org-neteland',
      regionId: 'region-kempen',
      month: '2026-10',
      closedAt: '2026-11-10T23:00:00.000Z',
      closedBy: 'AUTOMATIC',
      participants: [
        { participantId: scope.participantId, countedHours: 14, targetHours: 20, belowTarget: true },
        {
          participantId: 'b8e0f3a1-2c4d-4e6f-8a9b-0c1d2e3f4a5b',
          countedHours: 31,
          targetHours: 20,
          belowTarget: false,
        },
      ],
    },
  }),
  defineEvent({
    type: 'participant.low-hours-flagged',
    version: 1,
    topic: TOPICS.hours,
    payload: LowHoursFlaggedV1,
    example: {
      ...scope,
      month: '2026-10',
      countedHours: 14,
      targetHours: 20,
      consecutiveMonthsBelow: 2,
      fallingTrend: true,
      severity: 'HIGH',
    },
  }),
  defineEvent({
    type: 'participant.low-hours-cleared',
    version: 1,
    topic: TOPICS.hours,
    payload: LowHoursClearedV1,
    example: { ...scope, month: '2026-11', countedHours: 22, targetHours: 20 },
  }),
  defineEvent({
    type: 'hours.barriers-recorded',
    version: 1,
    topic: TOPICS.hours,
    payload: BarriersRecordedV1,
    example: { ...scope, month: '2026-10', barriers: ['MOBILITY', 'CARE_DUTIES'] },
  }),
];
