import { IsBoolean, IsIn, IsInt, Min } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarMonth, Hours, Id } from '../fields';
import { MAX_COUNTED_HOURS_PER_MONTH } from './limits';

export const LOW_HOURS_SEVERITIES = ['MEDIUM', 'HIGH'] as const;
export type LowHoursSeverity = (typeof LOW_HOURS_SEVERITIES)[number];

/**
 * A closed month below the participant's target, or the third falling month in a row even when
 * still on target; sent again for every closed month in which that holds.
 */
export class ParticipantLowHoursFlaggedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) countedHours!: number;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) targetHours!: number;
  /** Including this month; at least 1 even for a flag raised by the trend alone. */
  @IsInt() @Min(1) consecutiveMonthsBelow!: number;
  /** Three closed months in a row, each with fewer counted hours than the one before. */
  @IsBoolean() fallingTrend!: boolean;
  @IsIn(LOW_HOURS_SEVERITIES) severity!: LowHoursSeverity;
}

export const participantLowHoursFlaggedV1Fixture: ParticipantLowHoursFlaggedV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  month: '2026-10',
  countedHours: 14,
  targetHours: 20,
  consecutiveMonthsBelow: 2,
  fallingTrend: true,
  severity: 'HIGH',
};

export const PARTICIPANT_LOW_HOURS_FLAGGED_V1 = defineEvent({
  type: 'participant.low-hours-flagged',
  version: 1,
  topic: TOPICS.hours,
  producer: 'hours',
  keyField: 'participantId',
  payloadClass: ParticipantLowHoursFlaggedV1,
  fixture: participantLowHoursFlaggedV1Fixture,
});
