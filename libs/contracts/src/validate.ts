import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EventEnvelope, EventEnvelopeShape } from './envelope';
import { findEventDefinition } from './registry';

export type EnvelopeValidation = { ok: true; envelope: EventEnvelope<unknown> } | { ok: false; reason: string };

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/**
 * Checks an incoming event: the envelope, then the payload against the class registered for its
 * type and version. A consumer dead-letters what fails, with `reason` as the explanation.
 */
export function validateEnvelope(raw: unknown): EnvelopeValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'the event is not a JSON object' };
  const envelopeErrors = validateSync(plainToInstance(EventEnvelopeShape, raw), OPTIONS);
  if (envelopeErrors.length > 0) return { ok: false, reason: describe(envelopeErrors) };
  const envelope = raw as EventEnvelope<unknown>;
  const definition = findEventDefinition(envelope.type, envelope.version);
  if (!definition) return { ok: false, reason: `unknown event type ${envelope.type}@v${envelope.version}` };
  if (typeof envelope.data !== 'object' || envelope.data === null)
    return { ok: false, reason: 'data: must be an object' };
  const payloadErrors = validateSync(plainToInstance(definition.payload, envelope.data), OPTIONS);
  if (payloadErrors.length > 0) return { ok: false, reason: describe(payloadErrors, 'data') };
  return { ok: true, envelope };
}

function describe(errors: ValidationError[], prefix = ''): string {
  return flatten(errors, prefix).join('; ');
}

function flatten(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
