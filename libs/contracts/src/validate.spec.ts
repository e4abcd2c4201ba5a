import { getMetadataStorage } from 'class-validator';
import { createEnvelope } from './envelope';
import { EVENT_DEFINITIONS } from './registry';
import { ALL_TOPICS, TOPICS, deadLetterTopic } from './topics';
import { validateEnvelope } from './validate';

const wrap = (type: string, version: number, data: unknown, participantId = 'p-1') =>
  createEnvelope({ type, version, producer: 'flow-through', participantId, correlationId: 'corr-1', data });

const definitions = EVENT_DEFINITIONS.map((d) => [`${d.type}@v${d.version}`, d] as const);

describe('event contracts', () => {
  it.each(definitions)('accepts the example of %s inside an envelope', (_, definition) => {
    const result = validateEnvelope(wrap(definition.type, definition.version, definition.example));
    expect(result).toEqual({ ok: true, envelope: expect.objectContaining({ type: definition.type }) });
  });

  it.each(definitions)('refuses %s without its first field, naming that field', (_, definition) => {
    const [firstField] = Object.keys(definition.example);
    const { [firstField]: _removed, ...incomplete } = definition.example as Record<string, unknown>;

    const result = validateEnvelope(wrap(definition.type, definition.version, incomplete));

    expect(result).toEqual({ ok: false, reason: expect.stringContaining(`data.${firstField}`) });
  });

  it.each(definitions)('refuses %s with a field the contract does not know', (_, definition) => {
    const result = validateEnvelope(wrap(definition.type, definition.version, { ...definition.example, notes: 'x' }));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('data.notes') });
  });

  it('refuses counted hours above what a month can hold', () => {
    const closed = EVENT_DEFINITIONS.find((d) => d.type === 'hours.participant-month-closed')!;
    const result = validateEnvelope(wrap(closed.type, 1, { ...closed.example, countedHours: 800 }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/data\.countedHours: .*744/) });
  });

  it('refuses a referral source outside the list', () => {
    const enrolled = EVENT_DEFINITIONS.find((d) => d.type === 'participant.enrolled')!;
    const result = validateEnvelope(wrap(enrolled.type, 1, { ...enrolled.example, referralSource: 'FOREM' }));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('data.referralSource') });
  });

  it('refuses a rating outside the 1 to 4 scale inside a nested list', () => {
    const assessed = EVENT_DEFINITIONS.find((d) => d.type === 'competency.assessed')!;
    const data = { ...assessed.example, ratings: [{ competencyCode: 'STIPTHEID', level: 5 }] };
    expect(validateEnvelope(wrap(assessed.type, 1, data))).toEqual({
      ok: false,
      reason: expect.stringContaining('data.ratings.0.level'),
    });
  });

  it('refuses an unknown event type or version', () => {
    expect(validateEnvelope(wrap('participant.enrolled', 2, {}))).toEqual({
      ok: false,
      reason: 'unknown event type participant.enrolled@v2',
    });
  });

  it('refuses an envelope whose event id is not a uuid', () => {
    const enrolled = EVENT_DEFINITIONS[0];
    const envelope = { ...wrap(enrolled.type, 1, enrolled.example), eventId: 'evt-1' };
    expect(validateEnvelope(envelope)).toEqual({ ok: false, reason: expect.stringContaining('eventId') });
  });

  it('refuses an envelope without the participant id that keys it', () => {
    const enrolled = EVENT_DEFINITIONS[0];
    const { participantId: _p, ...envelope } = wrap(enrolled.type, 1, enrolled.example);
    expect(validateEnvelope(envelope)).toEqual({ ok: false, reason: expect.stringContaining('participantId') });
  });

  it('refuses something that is not an object at all', () => {
    expect(validateEnvelope('participant.enrolled')).toEqual({ ok: false, reason: 'the event is not a JSON object' });
  });

  it('registers every event on one of our topics, each with its dead-letter topic', () => {
    const topics = Object.values(TOPICS) as string[];
    for (const definition of EVENT_DEFINITIONS) expect(topics).toContain(definition.topic);
    for (const topic of topics) expect(ALL_TOPICS).toContain(deadLetterTopic(topic));
  });

  it('carries no national register number, contact details, health details or free-text notes', () => {
    const forbidden =
      /insz|rijksregister|nationalregister|ssn|note|remark|comment|health|medical|address|street|phone|email|birth/i;
    const properties = EVENT_DEFINITIONS.flatMap((definition) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(definition.payload, '', true, false)
        .map((metadata) => `${definition.type}.${metadata.propertyName}`),
    );
    expect(properties.length).toBeGreaterThan(50);
    expect(properties.filter((p) => forbidden.test(p.split('.').pop() ?? ''))).toEqual([]);
  });
});
