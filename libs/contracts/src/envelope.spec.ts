import { createEnvelope } from './envelope';

const input = {
  type: 'participant.erased',
  version: 1,
  producer: 'flow-through' as const,
  participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c',
  correlationId: 'corr-7',
  data: { participantId: '6f1c2a9e-3c1b-4f7e-9a51-1d2f3e4a5b6c' },
};

describe('createEnvelope', () => {
  it('gives a new event a fresh uuid v4, the current UTC time and no cause', () => {
    const before = Date.now();
    const envelope = createEnvelope(input);

    expect(envelope.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(envelope.occurredAt).toMatch(/Z$/);
    expect(Date.parse(envelope.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(envelope.causationId).toBeNull();
  });

  it('gives two events two different ids', () => {
    expect(createEnvelope(input).eventId).not.toBe(createEnvelope(input).eventId);
  });

  it('keeps the id, time and cause it is given, to rebuild an event that already exists', () => {
    const envelope = createEnvelope({
      ...input,
      eventId: '0b7c3e0e-8f0a-4c8e-9d3a-6c1e2f3a4b5c',
      occurredAt: '2026-11-10T23:00:00.000Z',
      causationId: 'evt-earlier',
    });

    expect(envelope).toEqual({
      ...input,
      eventId: '0b7c3e0e-8f0a-4c8e-9d3a-6c1e2f3a4b5c',
      occurredAt: '2026-11-10T23:00:00.000Z',
      causationId: 'evt-earlier',
    });
  });
});
