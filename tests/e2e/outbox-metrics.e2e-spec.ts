import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { TOPICS } from '@stapsteen/contracts';
import { OutboxEntry, OutboxRelay } from '@stapsteen/messaging';
import { closeApps, createTestKeyPair, eventually, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { BARRIERS_COLLECTION } from '../../services/hours/src/barriers/infrastructure/mongo-barriers';
import { MONTH_CLOSE_EVENTS_COLLECTION } from '../../services/hours/src/month-close/infrastructure/close-event-chunks';

const AGE = 'stapsteen_outbox_oldest_pending_seconds';
const EVENTS = 'stapsteen_outbox_pending_events';

/** The value of `metric{collection="<collection>"}` in a Prometheus exposition, or null when absent. */
function gauge(exposition: string, metric: string, collection: string): number | null {
  const line = exposition.split('\n').find((l) => l.startsWith(`${metric}{collection="${collection}"} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * The outbox-age gauges on the real services' /metrics: one series per outbox collection the
 * service declares (and hours' month-close chunks), 0 while nothing waits, and an event the broker
 * refuses (a single record over its 1 MB limit) shown with its real age until it is gone.
 */
describe('outbox age on each service’s /metrics', () => {
  const keys = createTestKeyPair();
  const services = {
    hours: HOURS_SERVICE_FOR_TESTS,
    coaching: COACHING_SERVICE_FOR_TESTS,
    'flow-through': FLOW_THROUGH_SERVICE_FOR_TESTS,
  };
  const apps: Record<string, INestApplication> = {};

  beforeAll(async () => {
    apps.hours = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem);
    apps.coaching = await startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem);
    apps['flow-through'] = await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem);
  });

  afterAll(async () => {
    await closeApps(apps);
  });

  const scrape = async (name: string) => (await request(apps[name].getHttpServer()).get('/metrics').expect(200)).text;

  it.each(Object.keys(services))('%s shows each of its outbox collections, 0 while nothing waits', async (name) => {
    const collections = services[name as keyof typeof services].meta.outboxCollections;
    expect(collections.length).toBeGreaterThan(0);
    const text = await eventually(
      () => scrape(name),
      (t) => collections.every((c) => gauge(t, AGE, c) === 0),
      { what: `${name}'s start-up sweep to have drained` },
    );
    expect(text).toContain(`# TYPE ${AGE} gauge`);
    expect(text).toContain(`# TYPE ${EVENTS} gauge`);
    for (const collection of collections) expect(gauge(text, EVENTS, collection)).toBe(0);
    if (name === 'hours') {
      expect(gauge(text, AGE, MONTH_CLOSE_EVENTS_COLLECTION)).toBe(0);
      // The month-close relay reads one chunk at a time: it cannot count what waits without reading more.
      expect(gauge(text, EVENTS, MONTH_CLOSE_EVENTS_COLLECTION)).toBeNull();
    } else expect(gauge(text, AGE, MONTH_CLOSE_EVENTS_COLLECTION)).toBeNull();
  });

  it('shows the age of an event the broker refuses, from its createdAt, and 0 once it is gone', async () => {
    const hours = apps.hours;
    const barriers = hours.get<Connection>(getConnectionToken()).collection(BARRIERS_COLLECTION);
    const id = `outbox-age-${randomUUID()}`;
    const tooLarge: OutboxEntry = {
      eventId: randomUUID(),
      topic: TOPICS.hours,
      key: randomUUID(),
      type: 'test.too-large@v1',
      correlationId: randomUUID(),
      value: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }),
      createdAt: new Date(Date.now() - 3_600_000),
    };
    await barriers.insertOne({ _id: id as never, outbox: [tooLarge] });
    hours.get(OutboxRelay).nudge({ collection: BARRIERS_COLLECTION, id });

    const waiting = await eventually(
      () => scrape('hours'),
      (t) => (gauge(t, EVENTS, BARRIERS_COLLECTION) ?? 0) >= 1,
      { what: 'the refused event to show as pending' },
    );
    expect(gauge(waiting, AGE, BARRIERS_COLLECTION)).toBeGreaterThanOrEqual(3600);
    expect(gauge(waiting, AGE, BARRIERS_COLLECTION)).toBeLessThan(3600 + 600);
    expect(gauge(waiting, EVENTS, BARRIERS_COLLECTION)).toBe(1);

    await barriers.deleteOne({ _id: id as never });
    await eventually(
      () => scrape('hours'),
      (t) => gauge(t, AGE, BARRIERS_COLLECTION) === 0 && gauge(t, EVENTS, BARRIERS_COLLECTION) === 0,
      { what: 'the gauges to return to 0 once nothing waits' },
    );
  });
});
