import { IsInt, Min } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarMonth, Hours, Id } from '../fields';
import { MAX_COUNTED_HOURS_PER_MONTH, MAX_COUNTED_HOURS_PER_YEAR } from './limits';

/**
 * One participant's closed month: what per-participant consumers should use, rather than picking
 * their line out of the organisation-wide `hours.month-closed`.
 */
export class HoursParticipantMonthClosedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) countedHours!: number;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) targetHours!: number;
  /** Counted in the calendar year up to and including this month. */
  @Hours(0, MAX_COUNTED_HOURS_PER_YEAR) yearCountedHours!: number;
  /** The month's allowance (hours and travel), in euro cents to avoid rounding. */
  @IsInt() @Min(0) allowanceCents!: number;
}

export const hoursParticipantMonthClosedV1Fixture: HoursParticipantMonthClosedV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  month: '2026-10',
  countedHours: 14,
  targetHours: 20,
  yearCountedHours: 131,
  allowanceCents: 5890,
};

export const HOURS_PARTICIPANT_MONTH_CLOSED_V1 = defineEvent({
  type: 'hours.participant-month-closed',
  version: 1,
  topic: TOPICS.hours,
  producer: 'hours',
  keyField: 'participantId',
  payloadClass: HoursParticipantMonthClosedV1,
  fixture: hoursParticipantMonthClosedV1Fixture,
});
