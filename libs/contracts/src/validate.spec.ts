import { createEnvelope } from './envelope';
import type { EventDefinition } from './events/definition';
import { EVENT_DEFINITIONS, eventKey, findEventDefinition } from './registry';
import { validateEnvelope } from './validate';

type Data = Record<string, unknown>;

function definitionOf(type: string): EventDefinition {
  const definition = findEventDefinition(type, 1);
  if (!definition) throw new Error(`no contract for ${type}@v1`);
  return definition;
}

/** An envelope as the owning service would publish it: its producer, keyed by the key field. */
function publish(definition: EventDefinition, data: Data = definition.fixture as Data) {
  return createEnvelope({
    type: definition.type,
    version: definition.version,
    producer: definition.producer,
    participantId: String(data[definition.keyField] ?? (definition.fixture as Data)[definition.keyField]),
    correlationId: 'corr-1',
    causationId: null,
    data,
  });
}

function withData(type: string, change: Data): ReturnType<typeof publish> {
  const definition = definitionOf(type);
  return publish(definition, { ...(definition.fixture as Data), ...change });
}

function without(object: object, field: string): Data {
  const copy: Data = { ...object };
  delete copy[field];
  return copy;
}

const events = EVENT_DEFINITIONS.map(
  (definition) => [eventKey(definition.type, definition.version), definition] as const,
);

/** Fields a producer may leave out; every other field is required, even when it may be null. */
const OPTIONAL_FIELDS: Record<string, string[]> = { 'coaching.gap-detected@v1': ['competencyCode'] };

const requiredFields = events.flatMap(([key, definition]) =>
  Object.keys(definition.fixture)
    .filter((field) => !(OPTIONAL_FIELDS[key] ?? []).includes(field))
    .map((field) => [key, field, definition] as const),
);

describe('validateEnvelope: the payload of every event', () => {
  it.each(events)('accepts the fixture of %s inside an envelope', (_key, definition) => {
    const envelope = publish(definition);
    expect(validateEnvelope(envelope)).toEqual({ ok: true, envelope });
  });

  it.each(requiredFields)('refuses %s without %s, naming that field', (_key, field, definition) => {
    const result = validateEnvelope(publish(definition, without(definition.fixture as Data, field)));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(`data.${field}:`) });
  });

  it('says a required field is missing rather than listing every rule it breaks', () => {
    const definition = definitionOf('participant.enrolled');
    expect(validateEnvelope(publish(definition, without(definition.fixture, 'regionId')))).toEqual({
      ok: false,
      reason: 'data.regionId: is missing',
    });
  });

  it('reports a value of the wrong type once, without the rules that follow from it', () => {
    expect(validateEnvelope(withData('hours.barriers-recorded', { barriers: 'MOBILITY' }))).toEqual({
      ok: false,
      reason: 'data.barriers: must be an array',
    });
  });

  it.each(events)('refuses %s with a field the contract does not know', (_key, definition) => {
    const result = validateEnvelope(
      publish(definition, { ...(definition.fixture as Data), remark: 'belde niet terug' }),
    );
    expect(result).toEqual({ ok: false, reason: 'data.remark: should not exist' });
  });
});

/** At least one wrong value for every event: out of range, outside a list, or in the wrong format. */
const WRONG_VALUES: [what: string, type: string, change: Data, field: string][] = [
  ['a referral source outside the list', 'participant.enrolled', { referralSource: 'FOREM' }, 'data.referralSource'],
  [
    'a monthly target above the 60-hour cap',
    'participant.enrolled',
    { monthlyHoursTarget: 61 },
    'data.monthlyHoursTarget',
  ],
  [
    'an enrolment date with a time in it',
    'participant.enrolled',
    { enrolledOn: '2026-03-02T09:00:00Z' },
    'data.enrolledOn',
  ],
  ['an empty display name', 'participant.updated', { displayName: '' }, 'data.displayName'],
  ['a monthly target of zero hours', 'participant.updated', { monthlyHoursTarget: 0 }, 'data.monthlyHoursTarget'],
  ['an erasure time without a time of day', 'participant.erased', { erasedAt: '2031-04-01' }, 'data.erasedAt'],
  ['a start date written the Belgian way', 'trajectory.started', { startedOn: '02/03/2026' }, 'data.startedOn'],
  ['a suspension reason outside the list', 'trajectory.suspended', { reasonCode: 'BURN_OUT' }, 'data.reasonCode'],
  ['a resume date that does not exist', 'trajectory.resumed', { resumedOn: '2026-02-30' }, 'data.resumedOn'],
  ['an extension without a planned end', 'trajectory.extended', { plannedEndOn: null }, 'data.plannedEndOn'],
  ['a destination outside the outflow taxonomy', 'trajectory.ended', { destination: 'JOB' }, 'data.destination'],
  ['a positive outflow given as text', 'trajectory.ended', { positiveOutflow: 'yes' }, 'data.positiveOutflow'],
  ['a drop-off reason outside the list', 'trajectory.referral-dropped', { reasonCode: 'BORED' }, 'data.reasonCode'],
  ['a drop-off from a started trajectory', 'trajectory.referral-dropped', { stage: 'ACTIVE' }, 'data.stage'],
  [
    'an immediate result outside EECR01-04',
    'trajectory.follow-up-recorded',
    { immediateStatus: 'EECR05' },
    'data.immediateStatus',
  ],
  [
    'an immediate follow-up without a result',
    'trajectory.follow-up-recorded',
    { immediateStatus: null },
    'data.immediateStatus',
  ],
  [
    'a six-month follow-up without saying whether employed',
    'trajectory.follow-up-recorded',
    { checkpoint: 'SIX_MONTHS', immediateStatus: null, employed: null },
    'data.employed',
  ],
  [
    'a month close by someone other than an organiser or the clock',
    'hours.month-closed',
    { closedBy: 'ADMIN' },
    'data.closedBy',
  ],
  [
    'a close time with a local offset instead of UTC',
    'hours.month-closed',
    { closedAt: '2026-11-11T00:00:00+01:00' },
    'data.closedAt',
  ],
  ['a thirteenth month', 'hours.participant-month-closed', { month: '2026-13' }, 'data.month'],
  [
    'a year total above the 630-hour cap',
    'hours.participant-month-closed',
    { yearCountedHours: 631 },
    'data.yearCountedHours',
  ],
  ['a negative allowance', 'hours.participant-month-closed', { allowanceCents: -410 }, 'data.allowanceCents'],
  [
    'a flag with zero months below target',
    'participant.low-hours-flagged',
    { consecutiveMonthsBelow: 0 },
    'data.consecutiveMonthsBelow',
  ],
  [
    'a flag with an alert severity it cannot have',
    'participant.low-hours-flagged',
    { severity: 'LOW' },
    'data.severity',
  ],
  [
    'a fraction of an hour, which is counted per started hour',
    'participant.low-hours-cleared',
    { countedHours: 12.5 },
    'data.countedHours',
  ],
  ['negative counted hours', 'participant.low-hours-cleared', { countedHours: -1 }, 'data.countedHours'],
  ['a barrier outside the list', 'hours.barriers-recorded', { barriers: ['SCHULDEN'] }, 'data.barriers'],
  ['no barrier at all', 'hours.barriers-recorded', { barriers: [] }, 'data.barriers'],
  ['the same barrier twice', 'hours.barriers-recorded', { barriers: ['MOBILITY', 'MOBILITY'] }, 'data.barriers'],
  ['an assessor kind outside the list', 'competency.assessed', { assessorKind: 'PARENT' }, 'data.assessorKind'],
  [
    'a competency code in lower case',
    'competency.assessed',
    { belowTargetCodes: ['stiptheid'] },
    'data.belowTargetCodes',
  ],
  ['a coaching modality outside the list', 'coaching.assigned', { modality: 'ONLINE' }, 'data.modality'],
  ['a coaching end reason outside the list', 'coaching.ended', { reasonCode: 'BORED' }, 'data.reasonCode'],
  ['a gap reason outside the list', 'coaching.gap-detected', { reasonCode: 'NO_COACH' }, 'data.reasonCode'],
  ['a gap closed on a date that does not exist', 'coaching.gap-closed', { closedOn: '2026-04-31' }, 'data.closedOn'],
  ['an alert severity outside the list', 'alert.raised', { severity: 'CRITICAL' }, 'data.severity'],
  ['an alert kind outside the list', 'alert.resolved', { kind: 'LATE' }, 'data.kind'],
  ['an alert resolution outside the list', 'alert.resolved', { resolution: 'AUTO' }, 'data.resolution'],
];

describe('validateEnvelope: one wrong value per event', () => {
  it('has a wrong-value case for every registered event', () => {
    const covered = new Set(WRONG_VALUES.map(([, type]) => type));
    expect(EVENT_DEFINITIONS.filter((definition) => !covered.has(definition.type))).toEqual([]);
  });

  it.each(WRONG_VALUES)('refuses %s (%s)', (_what, type, change, field) => {
    expect(validateEnvelope(withData(type, change))).toEqual({
      ok: false,
      reason: expect.stringContaining(`${field}:`),
    });
  });

  it('explains counted hours above the monthly cap in one readable line', () => {
    const result = validateEnvelope(withData('hours.participant-month-closed', { countedHours: 61 }));
    expect(result).toEqual({ ok: false, reason: 'data.countedHours: must not be greater than 60' });
  });

  it('names the line of a month close whose hours are above the cap', () => {
    const closed = definitionOf('hours.month-closed').fixture as { participants: Data[] };
    const participants = [closed.participants[0], { ...closed.participants[1], countedHours: 61 }];
    expect(validateEnvelope(withData('hours.month-closed', { participants }))).toEqual({
      ok: false,
      reason: 'data.participants.1.countedHours: must not be greater than 60',
    });
  });

  it('names the rating outside the 1 to 4 scale', () => {
    const ratings = [{ competencyCode: 'STIPTHEID', level: 5 }];
    expect(validateEnvelope(withData('competency.assessed', { ratings }))).toEqual({
      ok: false,
      reason: 'data.ratings.0.level: must not be greater than 4',
    });
  });

  it('refuses a competency rated twice in one assessment', () => {
    const ratings = [
      { competencyCode: 'STIPTHEID', level: 2 },
      { competencyCode: 'STIPTHEID', level: 3 },
    ];
    expect(validateEnvelope(withData('competency.assessed', { ratings }))).toEqual({
      ok: false,
      reason: 'data.ratings: must rate each competency once',
    });
  });

  it('refuses a field of a month-close line that the contract does not know', () => {
    const closed = definitionOf('hours.month-closed').fixture as { participants: Data[] };
    const participants = [{ ...closed.participants[0], displayName: 'Sofie V.' }];
    expect(validateEnvelope(withData('hours.month-closed', { participants }))).toEqual({
      ok: false,
      reason: 'data.participants.0.displayName: should not exist',
    });
  });

  it('accepts exactly the monthly and yearly caps', () => {
    const envelope = withData('hours.participant-month-closed', { countedHours: 60, yearCountedHours: 630 });
    expect(validateEnvelope(envelope).ok).toBe(true);
  });

  it('accepts a participant without a coach or own target yet', () => {
    expect(validateEnvelope(withData('participant.enrolled', { coachId: null, monthlyHoursTarget: null })).ok).toBe(
      true,
    );
  });

  it('accepts an ex-PWA trajectory without a planned end', () => {
    expect(validateEnvelope(withData('trajectory.started', { plannedEndOn: null })).ok).toBe(true);
  });

  it('accepts a coaching gap that is not about one competency', () => {
    const definition = definitionOf('coaching.gap-detected');
    const data = { ...without(definition.fixture as Data, 'competencyCode'), reasonCode: 'NO_BASELINE' };
    expect(validateEnvelope(publish(definition, data)).ok).toBe(true);
  });

  it('lists at most ten problems, so the reason fits in a dead-letter header', () => {
    const participants = Array.from({ length: 15 }, (_, i) => ({
      participantId: `p-${i}`,
      countedHours: 61,
      targetHours: 20,
      belowTarget: false,
    }));
    const result = validateEnvelope(withData('hours.month-closed', { participants }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason.split('; ')).toHaveLength(11);
    expect(result.reason).toMatch(/; and 5 more$/);
  });
});

describe('validateEnvelope: the envelope', () => {
  const enrolled = () => publish(definitionOf('participant.enrolled'));

  it('refuses an event id that is not a uuid', () => {
    expect(validateEnvelope({ ...enrolled(), eventId: 'evt-1' })).toEqual({
      ok: false,
      reason: 'eventId: must be a UUID',
    });
  });

  it('refuses an envelope without the participant id that keys it', () => {
    const envelope = without(enrolled(), 'participantId');
    expect(validateEnvelope(envelope)).toEqual({ ok: false, reason: expect.stringContaining('participantId:') });
  });

  it('refuses an unknown event type', () => {
    expect(validateEnvelope({ ...enrolled(), type: 'participant.promoted' })).toEqual({
      ok: false,
      reason: 'unknown event type participant.promoted@v1',
    });
  });

  it('refuses a version of a known event that does not exist', () => {
    expect(validateEnvelope({ ...enrolled(), version: 2 })).toEqual({
      ok: false,
      reason: 'unknown event type participant.enrolled@v2',
    });
  });

  it('refuses a version that is not a positive whole number', () => {
    expect(validateEnvelope({ ...enrolled(), version: 0 })).toEqual({
      ok: false,
      reason: expect.stringContaining('version:'),
    });
  });

  it('refuses a time of occurrence that is not a UTC instant', () => {
    expect(validateEnvelope({ ...enrolled(), occurredAt: '2026-11-11T00:00:00+01:00' })).toEqual({
      ok: false,
      reason: expect.stringContaining('occurredAt:'),
    });
  });

  it('refuses a producer that is not one of the services', () => {
    expect(validateEnvelope({ ...enrolled(), producer: 'vdab' })).toEqual({
      ok: false,
      reason: expect.stringContaining('producer:'),
    });
  });

  it('refuses an envelope that leaves out the cause, rather than saying there is none', () => {
    expect(validateEnvelope(without(enrolled(), 'causationId'))).toEqual({
      ok: false,
      reason: expect.stringContaining('causationId:'),
    });
  });

  it('accepts the event or request that caused it as the cause', () => {
    expect(validateEnvelope({ ...enrolled(), causationId: 'req-4f2a' }).ok).toBe(true);
  });

  it('refuses a field the envelope does not know', () => {
    expect(validateEnvelope({ ...enrolled(), tenant: 'neteland' })).toEqual({
      ok: false,
      reason: 'tenant: should not exist',
    });
  });

  it('refuses data that is not an object', () => {
    expect(validateEnvelope({ ...enrolled(), data: ['Sofie V.'] })).toEqual({
      ok: false,
      reason: 'data: must be an object',
    });
  });

  it('refuses something that is not an object at all', () => {
    expect(validateEnvelope('participant.enrolled')).toEqual({ ok: false, reason: 'the event is not a JSON object' });
    expect(validateEnvelope(null)).toEqual({ ok: false, reason: 'the event is not a JSON object' });
  });

  it('refuses an event published by a service that does not own it', () => {
    expect(validateEnvelope({ ...enrolled(), producer: 'hours' })).toEqual({
      ok: false,
      reason: 'producer: must be flow-through for participant.enrolled@v1, not hours',
    });
  });

  it('refuses an event keyed by someone other than the participant it is about', () => {
    expect(validateEnvelope({ ...enrolled(), participantId: 'b8e0f3a1-2c4d-4e6f-8a9b-0c1d2e3f4a5b' })).toEqual({
      ok: false,
      reason: 'participantId: must equal data.participantId, the key of participant.enrolled@v1',
    });
  });

  it('accepts the organisation-wide month close keyed by its organisation', () => {
    const definition = definitionOf('hours.month-closed');
    const envelope = publish(definition);
    expect(envelope.participantId).toBe('org-neteland');
    expect(validateEnvelope(envelope).ok).toBe(true);
  });

  it('leaves the event it checks unchanged', () => {
    const envelope = enrolled();
    const copy = structuredClone(envelope);
    validateEnvelope(envelope);
    expect(envelope).toEqual(copy);
  });
});
