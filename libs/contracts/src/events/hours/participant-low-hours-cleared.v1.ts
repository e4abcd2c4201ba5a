import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarMonth, Hours, Id } from '../fields';
import { MAX_COUNTED_HOURS_PER_MONTH } from './limits';

/** The first closed month without a flag after a flagged one; consumers close what the flag opened. */
export class ParticipantLowHoursClearedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) countedHours!: number;
  @Hours(0, MAX_COUNTED_HOURS_PER_MONTH) targetHours!: number;
}

export const participantLowHoursClearedV1Fixture: ParticipantLowHoursClearedV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  month: '2026-11',
  countedHours: 22,
  targetHours: 20,
};

export const PARTICIPANT_LOW_HOURS_CLEARED_V1 = defineEvent({
  type: 'participant.low-hours-cleared',
  version: 1,
  topic: TOPICS.hours,
  producer: 'hours',
  keyField: 'participantId',
  payloadClass: ParticipantLowHoursClearedV1,
  fixture: participantLowHoursClearedV1Fixture,
});
