import {
  Allow,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { randomUUID } from 'node:crypto';

export const PRODUCERS = ['flow-through', 'hours', 'coaching', 'gateway'] as const;
export type ProducerName = (typeof PRODUCERS)[number];

/** The envelope around every event; `participantId` is also the Kafka key, keeping order per person. */
export interface EventEnvelope<T> {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  producer: ProducerName;
  participantId: string;
  correlationId: string;
  causationId: string | null;
  data: T;
}

export class EventEnvelopeShape implements EventEnvelope<unknown> {
  @IsUUID('4') eventId!: string;
  @Matches(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/, { message: 'type must look like "participant.enrolled"' })
  type!: string;
  @IsInt() @Min(1) version!: number;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsIn(PRODUCERS) producer!: ProducerName;
  @IsString() @IsNotEmpty() @MaxLength(100) participantId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) correlationId!: string;
  @IsOptional() @IsString() @MaxLength(100) causationId!: string | null;
  /** Checked separately against the payload class registered for type and version. */
  @Allow() data!: unknown;
}

export function createEnvelope<T>(input: {
  type: string;
  version: number;
  producer: ProducerName;
  participantId: string;
  correlationId: string;
  causationId?: string | null;
  data: T;
  occurredAt?: string;
  eventId?: string;
}): EventEnvelope<T> {
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
