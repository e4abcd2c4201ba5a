import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarMonth, Hours, Id, Instant } from '../fields';
import { MAX_COUNTED_HOURS_PER_MONTH } from './limits';

export const MONTH_CLOSED_BY = ['ORGANISER', 'AUTOMATIC'] as const;
export type MonthClosedBy = (typeof MONTH_CLOSED_BY)[number];

export class MonthClosedParticipantLineV1 {
  @Id() participantId!: string;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) countedHours!: number;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) targetHours!: number;
  @IsBoolean() belowTarget!: boolean;
}

/**
 * An organisation's month as a whole, for read models per organisation, told in parts of at most
 * 2,000 participant lines (one message of 15,000 lines passes Kafka's 1 MB limit): a consumer
 * merges the lines of every part of one close by participant (set semantics), never replaces
 * the month with one part.
 *
 * Keyed by the organisation: the envelope's `participantId` carries the `organisationId` for this
 * aggregate-wide event, so one organisation's closes stay in order. Consumers that follow
 * participants use `hours.participant-month-closed` instead, which is keyed by participant and
 * therefore ordered with that participant's other events.
 */
export class HoursMonthClosedV1 {
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @Instant() closedAt!: string;
  /** AUTOMATIC: the month closed itself some days after it ended because no organiser did. */
  @IsIn(MONTH_CLOSED_BY) closedBy!: MonthClosedBy;
  /** This part's participants (every participant active in the month, over all parts, including those with no hours). */
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => MonthClosedParticipantLineV1)
  participants!: MonthClosedParticipantLineV1[];
}

export const hoursMonthClosedV1Fixture: HoursMonthClosedV1 = {
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  month: '2026-10',
  closedAt: '2026-11-10T23:00:00.000Z',
  closedBy: 'AUTOMATIC',
  participants: [
    { participantId: EXAMPLE.participantId, countedHours: 14, targetHours: 20, belowTarget: true },
    { participantId: EXAMPLE.otherParticipantId, countedHours: 31, targetHours: 20, belowTarget: false },
  ],
};

export const HOURS_MONTH_CLOSED_V1 = defineEvent({
  type: 'hours.month-closed',
  version: 1,
  topic: TOPICS.hours,
  producer: 'hours',
  keyField: 'organisationId',
  payloadClass: HoursMonthClosedV1,
  fixture: hoursMonthClosedV1Fixture,
});
