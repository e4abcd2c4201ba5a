import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Instant } from './events/fields';

export const PRODUCERS = ['flow-through', 'hours', 'coaching', 'gateway'] as const;
export type ProducerName = (typeof PRODUCERS)[number];

/**
 * The envelope around every event. `participantId` is also the Kafka key, so one participant's
 * events stay in order on one partition.
 */
export interface EventEnvelope<T> {
  /** uuid v4; consumers remember it to apply a redelivered event only once. */
  eventId: string;
  /** e.g. `participant.enrolled` */
  type: string;
  /** Positive integer; a breaking change to the payload is a new version. */
  version: number;
  /** UTC instant, e.g. `2026-11-10T23:00:00.000Z`. */
  occurredAt: string;
  producer: ProducerName;
  participantId: string;
  /** Follows one user action or job through every service it touches. */
  correlationId: string;
  /** The eventId or request id that caused this event; null when nothing upstream did. */
  causationId: string | null;
  data: T;
}

/** The envelope's own fields as a validated class; `data` is checked against the registered payload class. */
export class EventEnvelopeShape implements EventEnvelope<unknown> {
  @IsUUID('4') eventId!: string;

  @Matches(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/, { message: '$property must look like "participant.enrolled"' })
  type!: string;

  @IsInt() @Min(1) version!: number;

  @Instant() occurredAt!: string;

  @IsIn(PRODUCERS) producer!: ProducerName;

  @IsString() @IsNotEmpty() @MaxLength(100) participantId!: string;

  @IsString() @IsNotEmpty() @MaxLength(100) correlationId!: string;

  @ValidateIf((_envelope, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  causationId!: string | null;

  @IsObject() data!: unknown;
}

export interface CreateEnvelopeInput<T> {
  type: string;
  version: number;
  producer: ProducerName;
  participantId: string;
  correlationId: string;
  causationId?: string | null;
  data: T;
  /** Defaults to now. */
  occurredAt?: string;
  /** Defaults to a fresh uuid v4; pass one only to rebuild an event that already exists. */
  eventId?: string;
}

export function createEnvelope<T>(input: CreateEnvelopeInput<T>): EventEnvelope<T> {
  return {
    eventId: input.eventId ?? randomUUID(),
    type: input.type,
    version: input.version,
    occurredAt: input.occurredAt ?? new Date().toISOString(),
    producer: input.producer,
    participantId: input.participantId,
    correlationId: input.correlationId,
    causationId: input.causationId ?? null,
    data: input.data,
  };
}
