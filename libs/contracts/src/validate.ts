import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EventEnvelope, EventEnvelopeShape } from './envelope';
import type { EventDefinition } from './events/definition';
import { findEventDefinition } from './registry';

export type EnvelopeValidation = { ok: true; envelope: EventEnvelope<unknown> } | { ok: false; reason: string };

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** The reason travels in a Kafka header: a month close with thousands of bad lines must not blow it up. */
const MAX_PROBLEMS = 10;

/**
 * Checks an incoming event: the envelope, then the payload against the class registered for its
 * type and version, then that the right service sent it under the right key. A consumer
 * dead-letters what fails, with `reason` as the explanation, e.g.
 * `data.countedHours: must not be greater than 60`.
 */
export function validateEnvelope(raw: unknown): EnvelopeValidation {
  try {
    return check(raw);
  } catch (error) {
    // A throw here would make the consumer retry a message that will never pass.
    return { ok: false, reason: `the event could not be validated: ${String(error)}` };
  }
}

function check(raw: unknown): EnvelopeValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'the event is not a JSON object' };
  }
  const envelopeProblems = problems(validateSync(plainToInstance(EventEnvelopeShape, raw), OPTIONS));
  if (envelopeProblems.length > 0) return refuse(envelopeProblems);

  const envelope = raw as EventEnvelope<Record<string, unknown>>;
  const definition = findEventDefinition(envelope.type, envelope.version);
  if (!definition) return { ok: false, reason: `unknown event type ${envelope.type}@v${envelope.version}` };

  const payloadProblems = problems(
    validateSync(plainToInstance(definition.payloadClass, envelope.data), OPTIONS),
    'data',
  );
  if (payloadProblems.length > 0) return refuse(payloadProblems);

  const routingProblems = routing(envelope, definition);
  if (routingProblems.length > 0) return refuse(routingProblems);
  return { ok: true, envelope };
}

/** A wrong producer or key is a bug upstream that would otherwise go unnoticed and break ordering. */
function routing(envelope: EventEnvelope<Record<string, unknown>>, definition: EventDefinition): string[] {
  const name = `${definition.type}@v${definition.version}`;
  const found: string[] = [];
  if (envelope.producer !== definition.producer) {
    found.push(`producer: must be ${definition.producer} for ${name}, not ${envelope.producer}`);
  }
  if (envelope.participantId !== envelope.data[definition.keyField]) {
    found.push(`participantId: must equal data.${definition.keyField}, the key of ${name}`);
  }
  return found;
}

function refuse(found: string[]): EnvelopeValidation {
  const shown = found.slice(0, MAX_PROBLEMS);
  const more = found.length - shown.length;
  return { ok: false, reason: shown.join('; ') + (more > 0 ? `; and ${more} more` : '') };
}

/** One problem per field, the most basic first: "must be a string" says more than three follow-ups. */
function problems(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [`${path}: ${firstProblem(error, error.constraints)}`] : [];
    return [...own, ...problems(error.children ?? [], path)];
  });
}

/** When the value has the wrong type, what it would fail next is noise. */
const TYPE_CHECKS = ['isString', 'isInt', 'isBoolean', 'isArray', 'isObject', 'nestedValidation'];

function firstProblem(error: ValidationError, constraints: Record<string, string>): string {
  if (error.value === undefined && !constraints.whitelistValidation) return 'is missing';
  const [name, message] =
    Object.entries(constraints).find(([constraint]) => TYPE_CHECKS.includes(constraint)) ??
    Object.entries(constraints)[0];
  if (name === 'nestedValidation') return 'must be an object';
  return readable(message, error.property);
}

/** class-validator repeats the property name, which the path already shows. */
function readable(message: string, property: string): string {
  for (const start of [`property ${property} `, `${property} `]) {
    if (message.startsWith(start)) return message.slice(start.length);
  }
  return message.replace(`each value in ${property} `, 'each value ');
}
