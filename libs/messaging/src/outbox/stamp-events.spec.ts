import { TRAJECTORY_STARTED_V1, trajectoryStartedV1Fixture } from '@stapsteen/contracts';
import { InvalidEventError, stampForOutbox } from './stamp-events';

const started = (data: Record<string, unknown>) => ({
  type: TRAJECTORY_STARTED_V1.type,
  version: TRAJECTORY_STARTED_V1.version,
  participantId: trajectoryStartedV1Fixture.participantId,
  data: { ...trajectoryStartedV1Fixture, ...data },
});

function refusal(run: () => unknown): InvalidEventError {
  try {
    run();
  } catch (error) {
    return error as InvalidEventError;
  }
  throw new Error('expected stampForOutbox to refuse the event');
}

describe('stampForOutbox', () => {
  it('stamps an event that its contract accepts', () => {
    const [entry] = stampForOutbox([started({})], 'flow-through');
    expect(entry.type).toBe('trajectory.started@v1');
    expect(JSON.parse(entry.value)).toMatchObject({ data: { startedOn: '2026-03-02' } });
  });

  it('refuses an event with a date that does not exist, naming the field but not the value', () => {
    const error = refusal(() => stampForOutbox([started({ startedOn: '2026-02-31' })], 'flow-through'));
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error.getStatus()).toBe(500);
    expect(error.getResponse()).toMatchObject({ code: 'EVENT.INVALID', eventType: 'trajectory.started@v1' });
    expect(error.reason).toMatch(/^data\.startedOn: must be a date that exists/);
    expect(JSON.stringify(error.getResponse())).not.toContain('2026-02-31');
  });

  it('refuses the whole batch when one of its events is invalid', () => {
    const error = refusal(() => stampForOutbox([started({}), started({ plannedEndOn: '2026-13-01' })], 'flow-through'));
    expect(error.reason).toContain('data.plannedEndOn');
  });

  it('refuses an event whose payload carries a prototype key, which the contract whitelist lets through', () => {
    const error = refusal(() => stampForOutbox([started(JSON.parse('{"__proto__": {"x": 1}}'))], 'flow-through'));
    expect(error.reason).toBe('data.__proto__: should not exist');
  });

  it('checks the event as a consumer will read it: after JSON, with the producer and key rules', () => {
    const undefinedField = refusal(() => stampForOutbox([started({ reReferral: undefined })], 'flow-through'));
    expect(undefinedField.reason).toContain('data.reReferral');
    const wrongProducer = refusal(() => stampForOutbox([started({})], 'hours'));
    expect(wrongProducer.reason).toContain('producer: must be flow-through');
  });
});
