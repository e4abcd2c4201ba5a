import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { TOPICS, createEnvelope } from '@stapsteen/contracts';
import { toOutboxEntry } from '@stapsteen/messaging';
import {
  createTestKeyPair,
  eventually,
  feedParticipant,
  mintToken,
  startTestService,
  testToday,
} from '@stapsteen/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { HOURS_SERVICE_FOR_TESTS } from '../app.module';
import { MONTH_CLOSE_EVENTS_COLLECTION } from './infrastructure/close-event-chunks';
import { MONTH_CLOSES_COLLECTION, MongoMonthCloses } from './infrastructure/mongo-month-closes';

/** Last year of the services' calendar, so every month of it is over. */
const YEAR = Number(testToday().slice(0, 4)) - 1;
const MONTH = `${YEAR}-09`;
const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const database = `test-hours-close-events-${suffix}`;
/** Small chunks, so a close of a handful of participants spans several chunk documents. */
const SMALL_CHUNKS = { maxEntries: 4, maxBytes: 1024 * 1024 };

interface Read {
  key: string | null;
  eventId: string;
  type: string;
  participantId: string;
  organisationId: string;
  month: string;
}

/** Every message of the hours topic from the beginning up to its end as it is now: no waiting on silence. */
async function hoursEventsUpToNow(keep: (event: Read) => boolean): Promise<Read[]> {
  const kafka = new Kafka({
    clientId: 'close-events-test',
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(TOPICS.hours);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]),
  );
  const found: Read[] = [];
  if (remaining.size === 0) return found;
  const consumer = kafka.consumer({
    groupId: `close-events-test-${randomUUID()}`,
    maxWaitTimeInMs: 100,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPICS.hours, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the hours topic was not read to its end in 50 s')), 50_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined) return;
            const offset = Number(message.offset);
            if (offset < end) {
              const envelope = JSON.parse(message.value?.toString() ?? '{}');
              const read: Read = {
                key: message.key?.toString() ?? null,
                eventId: envelope.eventId,
                type: envelope.type,
                participantId: envelope.participantId,
                organisationId: envelope.data?.organisationId,
                month: envelope.data?.month,
              };
              if (keep(read)) found.push(read);
            }
            if (offset >= end - 1) {
              remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

describe('the events of a month close, in chunk documents decided by the close (ADR 25)', () => {
  const keys = createTestKeyPair();
  let app: INestApplication;
  let admin: string;
  const organiserOf: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const start = async () => {
    app = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem, { MONGODB_DB: database });
    app.get(MongoMonthCloses).chunkLimits = SMALL_CHUNKS;
  };
  const restart = async () => {
    await app.close();
    await start();
  };
  const db = () => app.get<Connection>(getConnectionToken());
  const draftsOf = (closeId: string) =>
    db()
      .collection(MONTH_CLOSE_EVENTS_COLLECTION)
      .find({ closeId }, { projection: { outbox: 0 } })
      .toArray();
  const organisationWith = async (participants: number) => {
    const organisationId = `org-${randomUUID().slice(0, 8)}`;
    organiserOf[organisationId] = await mintToken(keys.privateKeyPem, {
      sub: `organiser-${organisationId}`,
      role: 'ORGANISER',
      orgIds: [organisationId],
      regionId: region,
    });
    const ids = await Promise.all(
      Array.from({ length: participants }, () =>
        feedParticipant(app, admin, {
          organisationId,
          regionId: region,
          startedOn: `${YEAR}-08-01`,
          monthlyHoursTarget: 20,
        }),
      ),
    );
    return { organisationId, ids };
  };
  const close = (organisationId: string) =>
    http()
      .post(`/organisations/${organisationId}/months/${MONTH}/close`)
      .set({ Authorization: `Bearer ${organiserOf[organisationId]}` });
  const eventsOfClose = (organisationId: string) =>
    hoursEventsUpToNow((e) => e.organisationId === organisationId && e.month === MONTH);

  beforeAll(async () => {
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    await start();
  });

  afterAll(() => app?.close());

  it('stores a close of many participants in several chunks and publishes every event once, also after a restart', async () => {
    const { organisationId, ids } = await organisationWith(9);
    const response = await close(organisationId).expect(201);
    expect(response.body.results).toHaveLength(9);
    const closeId = `${organisationId}:${MONTH}`;

    // 9 participant totals and 1 organisation summary, 4 to a chunk: 3 chunk documents.
    const stored = await db()
      .collection(MONTH_CLOSES_COLLECTION)
      .findOne({ _id: closeId as never });
    expect(stored?.events).toEqual({ attempt: expect.any(String), chunks: 3 });
    expect(stored?.outbox).toBeUndefined();
    await eventually(
      () => draftsOf(closeId),
      (left) => left.length === 0,
      { what: 'the published chunks removed' },
    );

    const published = await eventsOfClose(organisationId);
    const expected = [
      ...ids.map((id) => `hours.participant-month-closed:${id}`),
      `hours.month-closed:${organisationId}`,
    ];
    expect(published.map((e) => `${e.type}:${e.participantId}`).sort()).toEqual(expected.sort());
    expect(new Set(published.map((e) => e.eventId)).size).toBe(10);

    await restart();
    await eventually(
      () => draftsOf(closeId),
      (left) => left.length === 0,
    );
    const afterRestart = await eventsOfClose(organisationId);
    expect(afterRestart.map((e) => e.eventId).sort()).toEqual(published.map((e) => e.eventId).sort());
  });

  it('keeps each participant’s events in order across the chunks of two closes', async () => {
    const { organisationId, ids } = await organisationWith(6);
    const october = `${YEAR}-10`;
    await close(organisationId).expect(201);
    // Nobody has hours: a second month below target flags all six. 6 totals, 6 flags, 1 summary, 3 to a
    // chunk: 5 chunks, and a participant's total and flag fall in different chunks (2nd, 5th participant).
    app.get(MongoMonthCloses).chunkLimits = { maxEntries: 3, maxBytes: 1024 * 1024 };
    const second = await http()
      .post(`/organisations/${organisationId}/months/${october}/close`)
      .set({ Authorization: `Bearer ${organiserOf[organisationId]}` })
      .expect(201);
    expect(second.body.flagged).toBe(6);
    const stored = await db()
      .collection(MONTH_CLOSES_COLLECTION)
      .findOne({ _id: `${organisationId}:${october}` as never });
    app.get(MongoMonthCloses).chunkLimits = SMALL_CHUNKS;
    expect(stored?.events).toEqual({ attempt: expect.any(String), chunks: 5 });
    await eventually(
      () =>
        db()
          .collection(MONTH_CLOSE_EVENTS_COLLECTION)
          .countDocuments({ closeId: { $in: [`${organisationId}:${MONTH}`, `${organisationId}:${october}`] } }),
      (left) => left === 0,
      { what: 'both closes published' },
    );

    const published = await hoursEventsUpToNow((e) => e.organisationId === organisationId);
    for (const participantId of ids) {
      expect(published.filter((e) => e.participantId === participantId).map((e) => `${e.type} ${e.month}`)).toEqual([
        `hours.participant-month-closed ${MONTH}`,
        `hours.participant-month-closed ${october}`,
        `participant.low-hours-flagged ${october}`,
      ]);
    }
  });

  it('removes the drafts of a closer that died before deciding, unpublished, and the month can still be closed', async () => {
    const { organisationId, ids } = await organisationWith(3);
    const closeId = `${organisationId}:${MONTH}`;
    const anHourAgo = new Date(Date.now() - 3_600_000);
    // What two crashed closes left: one died while writing drafts, one after its DECIDING fate.
    const orphans = ids.map((participantId) =>
      toOutboxEntry(
        TOPICS.hours,
        createEnvelope({
          type: 'hours.participant-month-closed',
          version: 1,
          producer: 'hours',
          participantId,
          correlationId: randomUUID(),
          data: { participantId, organisationId, regionId: region, month: MONTH, countedHours: 0, targetHours: 20 },
        }),
      ),
    );
    const [died, decidedThenDied] = [randomUUID(), randomUUID()];
    await db()
      .collection(MONTH_CLOSE_EVENTS_COLLECTION)
      .insertMany([
        {
          _id: `${closeId}:${died}:events:0`,
          closeId,
          attempt: died,
          n: 0,
          startedAt: anHourAgo,
          outbox: orphans.slice(0, 2),
        },
        {
          _id: `${closeId}:${died}:events:1`,
          closeId,
          attempt: died,
          n: 1,
          startedAt: anHourAgo,
          outbox: orphans.slice(2),
        },
        {
          _id: `${closeId}:${decidedThenDied}:events:0`,
          closeId,
          attempt: decidedThenDied,
          n: 0,
          startedAt: anHourAgo,
          outbox: orphans,
        },
        {
          _id: `${closeId}:${decidedThenDied}:fate`,
          closeId,
          attempt: decidedThenDied,
          fate: 'DECIDING',
          at: anHourAgo,
        },
      ] as never[]);

    await restart();
    const left = await eventually(
      () => draftsOf(closeId),
      (documents) => documents.every((d) => !String(d._id).includes(':events:')),
      { what: 'the undecided drafts removed' },
    );
    // Only the marker that keeps the dead closer from deciding late stays.
    expect(left.map((d) => ({ _id: d._id, fate: d.fate }))).toEqual([
      { _id: `${closeId}:${died}:fate`, fate: 'ABANDONED' },
    ]);
    const orphanIds = new Set(orphans.map((o) => o.eventId));
    expect((await eventsOfClose(organisationId)).filter((e) => orphanIds.has(e.eventId))).toEqual([]);

    await close(organisationId).expect(201);
    // Published and removed: at most the dead closer's ABANDONED marker is left (removed once another close decided).
    await eventually(
      () => draftsOf(closeId),
      (documents) => documents.every((d) => d.attempt === died),
      {
        what: 'the close published',
      },
    );
    const published = await eventsOfClose(organisationId);
    expect(published.filter((e) => orphanIds.has(e.eventId))).toEqual([]);
    expect(published.map((e) => e.type).sort()).toEqual([
      'hours.month-closed',
      'hours.participant-month-closed',
      'hours.participant-month-closed',
      'hours.participant-month-closed',
    ]);
  });

  it('lets one of two simultaneous closes of a month win; the other’s drafts are never published', async () => {
    const { organisationId, ids } = await organisationWith(5);
    const closeId = `${organisationId}:${MONTH}`;
    const statuses = (await Promise.all([close(organisationId), close(organisationId)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409]);

    // A third close that got past the ledger as well and loses at the decisive insert, after its drafts.
    const closes = app.get(MongoMonthCloses);
    const late = ids.map((participantId) =>
      toOutboxEntry(
        TOPICS.hours,
        createEnvelope({
          type: 'hours.participant-month-closed',
          version: 1,
          producer: 'hours',
          participantId,
          correlationId: randomUUID(),
          data: { participantId, organisationId, regionId: region, month: MONTH, countedHours: 0, targetHours: 20 },
        }),
      ),
    );
    const lost = await closes.insert(
      {
        organisationId,
        month: MONTH,
        closedAt: new Date().toISOString(),
        closedBy: 'AUTOMATIC',
        closedByUser: null,
        results: [],
      },
      late,
    );
    expect(lost).toBe(false);

    const stored = await db()
      .collection(MONTH_CLOSES_COLLECTION)
      .findOne({ _id: closeId as never });
    expect(stored?.events).toEqual({ attempt: expect.any(String), chunks: 2 });
    await eventually(
      () => draftsOf(closeId),
      (left) => left.length === 0,
      { what: 'every draft published or removed' },
    );
    const published = await eventsOfClose(organisationId);
    const lateIds = new Set(late.map((e) => e.eventId));
    expect(published.filter((e) => lateIds.has(e.eventId))).toEqual([]);
    expect(published.map((e) => `${e.type}:${e.participantId}`).sort()).toEqual(
      [...ids.map((id) => `hours.participant-month-closed:${id}`), `hours.month-closed:${organisationId}`].sort(),
    );
  });
});
