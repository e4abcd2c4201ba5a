import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { createEnvelope } from './envelope';
import { HOURS_BARRIERS_RECORDED_V1 } from './events/hours/hours-barriers-recorded.v1';
import { DISPLAY_NAME_FORM, PERSONAL_DATA_IN_EVENTS, mayCarryPersonalData } from './personal-data';
import { EVENT_DEFINITIONS } from './registry';
import { validateEnvelope } from './validate';

/** docs/architecture.md, "Services and their data": no national register number, health details, free-text notes or contact details. */
const FORBIDDEN_NAME =
  /insz|rijksregister|nationalRegister|ssn|note|remark|comment|health|medical|address|street|phone|email|birth/i;

type Data = Record<string, unknown>;
type Class = new (...args: never[]) => object;

/** Property names of an object and everything nested in it, as paths like `ratings.level`. */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => fieldPaths(item, prefix));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Data).flatMap(([key, nested]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(nested, path)];
  });
}

/** Every validated class reachable from a payload: the payload's and those of its nested lines. */
function classesIn(value: unknown, found = new Set<Class>()): Set<Class> {
  if (Array.isArray(value)) value.forEach((item) => classesIn(item, found));
  else if (typeof value === 'object' && value !== null) {
    if (value.constructor !== Object) found.add(value.constructor as Class);
    Object.values(value).forEach((nested) => classesIn(nested, found));
  }
  return found;
}

function declaredProperties(target: Class): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .map((metadata) => metadata.propertyName);
}

const events = EVENT_DEFINITIONS.map(
  (definition) => [`${definition.type}@v${definition.version}`, definition] as const,
);

describe('privacy of the event payloads', () => {
  it.each(events)('%s has no field for personal data other services must not hold', (_key, definition) => {
    const instance = plainToInstance(definition.payloadClass, definition.fixture);
    const declared = [...classesIn(instance)].flatMap((target) => declaredProperties(target));
    const names = [...declared, ...fieldPaths(definition.fixture).map((path) => path.split('.').pop()!)];

    expect(declared.length).toBeGreaterThan(0);
    expect(names.filter((name) => FORBIDDEN_NAME.test(name))).toEqual([]);
  });

  it.each(events)('%s shows every field of its payload in its fixture, so the walk above misses none', (_k, d) => {
    expect(Object.keys(d.fixture).sort()).toEqual([...new Set(declaredProperties(d.payloadClass))].sort());
  });

  it('walks the nested lines as well as the payloads', () => {
    const closed = EVENT_DEFINITIONS.find((definition) => definition.type === 'hours.month-closed')!;
    const classes = [...classesIn(plainToInstance(closed.payloadClass, closed.fixture))].map((target) => target.name);
    expect(classes).toEqual(['HoursMonthClosedV1', 'MonthClosedParticipantLineV1']);
  });

  it('allows HEALTH as a coded barrier, because the code says nothing about the condition', () => {
    const barriers = HOURS_BARRIERS_RECORDED_V1;
    const data = { ...barriers.fixture, barriers: ['HEALTH'] };
    const envelope = createEnvelope({
      type: barriers.type,
      version: barriers.version,
      producer: barriers.producer,
      participantId: data.participantId,
      correlationId: 'corr-1',
      data,
    });
    expect(validateEnvelope(envelope).ok).toBe(true);
  });

  it('names participants only by first name and last-name initial', () => {
    const names = EVENT_DEFINITIONS.flatMap((definition) =>
      'displayName' in definition.fixture ? [(definition.fixture as { displayName: string }).displayName] : [],
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\S+ [A-Z]\.$/);
  });

  it('lists every field that carries a name in the allow-list of personal data, with its reason', () => {
    const named = EVENT_DEFINITIONS.flatMap((definition) =>
      Object.keys(definition.fixture)
        .filter((field) => /name/i.test(field))
        .map((field) => ({ type: definition.type, version: definition.version, field })),
    );
    expect(named.filter(({ type, version, field }) => !mayCarryPersonalData(type, version, field))).toEqual([]);
    for (const allowed of PERSONAL_DATA_IN_EVENTS) {
      const definition = EVENT_DEFINITIONS.find((d) => d.type === allowed.type && d.version === allowed.version);
      expect(definition && Object.keys(definition.fixture)).toContain(allowed.field);
      expect(allowed.reason.length).toBeGreaterThan(20);
      const value = (definition!.fixture as Record<string, unknown>)[allowed.field];
      expect(value).toMatch(DISPLAY_NAME_FORM);
    }
  });
});
