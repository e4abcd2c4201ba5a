import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { TOPICS } from '../../topics';
import { defineEvent } from '../definition';
import { EXAMPLE } from '../examples';
import { CalendarMonth, Distinct, Id } from '../fields';

/**
 * What keeps a participant's hours low (drempels). `HEALTH` only says that health is a barrier,
 * never what the condition is.
 */
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

/** Codes only: the organiser's explanation is free text and stays in the hours service. */
export class HoursBarriersRecordedV1 {
  @Id() participantId!: string;
  @Id() organisationId!: string;
  @Id() regionId!: string;
  @CalendarMonth() month!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BARRIERS.length)
  @Distinct()
  @IsIn(BARRIERS, { each: true })
  barriers!: Barrier[];
}

export const hoursBarriersRecordedV1Fixture: HoursBarriersRecordedV1 = {
  participantId: EXAMPLE.participantId,
  organisationId: EXAMPLE.organisationId,
  regionId: EXAMPLE.regionId,
  month: '2026-10',
  barriers: ['MOBILITY', 'CARE_DUTIES'],
};

export const HOURS_BARRIERS_RECORDED_V1 = defineEvent({
  type: 'hours.barriers-recorded',
  version: 1,
  topic: TOPICS.hours,
  producer: 'hours',
  keyField: 'participantId',
  payloadClass: HoursBarriersRecordedV1,
  fixture: hoursBarriersRecordedV1Fixture,
});
