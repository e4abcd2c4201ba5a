/**
 * A month close turning into manager alerts: hours closes a month in which N participants of one
 * organisation worked no hour; the bench measures the time until the region's manager sees N open
 * low-hours alerts in flow-through (scenario 3 of `npm run bench`; goal at Flanders scale: 15,000
 * participants within 60 s and within 3× the raw work). The raw work, same run: the same number of
 * messages produced and consumed through Kafka with raw kafkajs, plus one raw `_id` insert per
 * alert.
 *
 *   npm run bench -- close            (BENCH_CLOSE_PARTICIPANTS, default 1,000)
 */
import 'reflect-metadata';
import { getConnectionToken } from '@nestjs/mongoose';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../services/hours/src/app.module';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  BENCH_SERVICE_ENV,
  Figure,
  databaseLabel,
  fail,
  log,
  peakRssMb,
  report,
  round,
  seededUuid,
  startBenchStack,
  timed,
} from './support';

const PARTICIPANTS = Number(process.env.BENCH_CLOSE_PARTICIPANTS ?? 1000);
const ORG = 'org-bench';
const REGION = 'region-bench';

/** The least the close-to-alerts path must do: N messages through Kafka and N `_id` writes. */
async function rawBaseline(connection: Connection, count: number): Promise<number> {
  const kafka = new Kafka({
    clientId: 'bench-raw',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench-raw-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  const consumer = kafka.consumer({
    groupId: `bench-raw-${randomUUID()}`,
    sessionTimeout: 6000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 50,
  });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const alerts = connection.collection('bench_raw_alerts');
  let seen = 0;
  let done!: () => void;
  const allSeen = new Promise<void>((resolve) => (done = resolve));
  const { ms } = await timed(async () => {
    await consumer.run({
      eachMessage: async ({ message }) => {
        await alerts.insertOne({ _id: message.key!.toString() as never, kind: 'LOW_HOURS', status: 'OPEN' });
        seen += 1;
        if (seen === count) done();
      },
    });
    for (let i = 0; i < count; i += 500) {
      await producer.send({
        topic,
        messages: Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
          key: `raw-${i + j}`,
          value: JSON.stringify({ i: i + j }),
        })),
      });
    }
    await allSeen;
  });
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return ms / 1000;
}

/**
 * BENCH_PROFILE=1: every database command of both services counted and timed by command and
 * collection (the driver's command monitoring), with the moment of the first and last of each, so
 * the report says where the time from close to alerts goes.
 */
function profileCommands(
  service: string,
  connection: Connection,
  table: Map<string, CommandFigures>,
  t0: () => number,
) {
  const client = connection.getClient();
  const pending = new Map<number, string>();
  client.on('commandStarted', (event) => {
    const command = event.command as Record<string, unknown>;
    const collection = typeof command[event.commandName] === 'string' ? String(command[event.commandName]) : '';
    pending.set(event.requestId, `${service} ${event.commandName} ${collection}`);
  });
  const done = (event: { requestId: number; duration: number }) => {
    const key = pending.get(event.requestId);
    if (!key) return;
    pending.delete(event.requestId);
    const now = t0();
    const figures = table.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, firstS: now, lastS: now };
    figures.count += 1;
    figures.totalMs += event.duration;
    figures.maxMs = Math.max(figures.maxMs, event.duration);
    figures.lastS = now;
    table.set(key, figures);
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
}

interface CommandFigures {
  count: number;
  totalMs: number;
  maxMs: number;
  firstS: number;
  lastS: number;
}

function printProfile(table: Map<string, CommandFigures>) {
  log('  profile (command: count, total s, mean ms, max ms, first..last s after the close request):');
  for (const [key, f] of [...table.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs).slice(0, 30))
    log(
      `    ${key.padEnd(60)} ${String(f.count).padStart(6)} ${round(f.totalMs / 1000, 1)} s ${round(f.totalMs / f.count, 1)} ms ${round(f.maxMs, 0)} ms ${round(f.firstS, 1)}..${round(f.lastS, 1)} s`,
    );
}

async function main() {
  const stack = await startBenchStack();
  // Command monitoring is fixed when a client connects: ask for it in the address the services use.
  if (process.env.BENCH_PROFILE === '1')
    process.env.MONGODB_URI = `${process.env.MONGODB_URI}${process.env.MONGODB_URI!.includes('?') ? '&' : '?'}monitorCommands=true`;
  const keys = createTestKeyPair();
  const [hours, flowThrough] = await Promise.all([
    startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem, BENCH_SERVICE_ENV),
    startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem, BENCH_SERVICE_ENV),
  ]);
  try {
    const organiser = await mintToken(keys.privateKeyPem, {
      sub: 'bench',
      role: 'ORGANISER',
      orgIds: [ORG],
      regionId: REGION,
    });
    const manager = await mintToken(keys.privateKeyPem, {
      sub: 'manager',
      role: 'REGIONAL_MANAGER',
      orgIds: [],
      regionId: REGION,
    });
    const year = new Date().getUTCFullYear() - 1;
    const ids = Array.from({ length: PARTICIPANTS }, (_, i) => seededUuid(`close-${i}`));
    // Set-up, not measured: hours' roster as flow-through's events would have left it.
    await hours
      .get<Connection>(getConnectionToken())
      .collection('participant_roster')
      .insertMany(
        ids.map((id) => ({
          _id: id,
          organisationId: ORG,
          regionId: REGION,
          displayName: `Deelnemer ${id.slice(0, 4)}`,
          coachId: null,
          monthlyHoursTarget: 20,
          exPwa: false,
          trajectories: { t: { trajectoryId: 't', startedOn: `${year}-01-02`, endedOn: null, suspensions: [] } },
          appliedEventIds: [],
        })) as never[],
      );
    // Flow-through's empty alerts documents, as enrolment leaves them (BENCH_NO_ALERT_DOCUMENTS=1:
    // as before enrolment made them, so every first alert misses).
    const alertDocuments = process.env.BENCH_NO_ALERT_DOCUMENTS !== '1';
    if (alertDocuments) {
      await flowThrough
        .get<Connection>(getConnectionToken())
        .collection('participant_alerts')
        .insertMany(
          ids.map((id) => ({
            _id: id,
            organisationId: ORG,
            regionId: REGION,
            alerts: [],
            version: 0,
            appliedEventIds: [],
            outbox: [],
          })) as never[],
        );
    }
    log(
      `month-close bench — ${new Date().toISOString()}, ${PARTICIPANTS} participants without hours, alerts documents ${alertDocuments ? 'made at enrolment' : 'absent'}, ${databaseLabel()}`,
    );
    // Every participant flagged by this one close: the organisation flags after one month below
    // target (the default is two in a row).
    await request(hours.getHttpServer())
      .put(`/organisations/${ORG}/hours-targets`)
      .set('Authorization', `Bearer ${organiser}`)
      .send({ steps: [], flagAfterMonthsBelow: 1 })
      .expect(200);
    const profile = new Map<string, CommandFigures>();
    let started = performance.now();
    if (process.env.BENCH_PROFILE === '1') {
      const since = () => (performance.now() - started) / 1000;
      profileCommands('hours', hours.get<Connection>(getConnectionToken()), profile, since);
      profileCommands('flow-through', flowThrough.get<Connection>(getConnectionToken()), profile, since);
    }
    started = performance.now();
    const closed = await request(hours.getHttpServer())
      .post(`/organisations/${ORG}/months/${year}-03/close`)
      .set('Authorization', `Bearer ${organiser}`);
    const closeSeconds = (performance.now() - started) / 1000;
    log(`  close answered ${closed.status} in ${round(closeSeconds, 2)} s, ${closed.body.flagged} flagged`);
    let open = 0;
    const deadline = Date.now() + 10 * 60_000;
    while (open < PARTICIPANTS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const page = await request(flowThrough.getHttpServer())
        .get('/alerts?status=OPEN&limit=1')
        .set('Authorization', `Bearer ${manager}`);
      open = page.body.total ?? 0;
    }
    const seconds = (performance.now() - started) / 1000;
    log(`  ${open} of ${PARTICIPANTS} alerts open for the manager after ${round(seconds, 1)} s`);
    if (profile.size > 0) printProfile(profile);
    const raw = await rawBaseline(flowThrough.get<Connection>(getConnectionToken()), PARTICIPANTS);
    const figures: Figure[] = [
      { name: 'close request answered', value: closeSeconds, unit: 's' },
      {
        name: 'close until every alert is visible',
        value: seconds,
        unit: 's',
        baseline: raw,
        ratio: seconds / raw,
        goal: '≤ 3× raw and ≤ 60 s',
        met: open === PARTICIPANTS && seconds <= 3 * raw && seconds <= 60,
      },
      {
        name: 'alerts visible at the end',
        value: open,
        unit: `of ${PARTICIPANTS}`,
        goal: 'all',
        met: open === PARTICIPANTS,
      },
    ];
    report({
      scenario: 'close',
      title: 'Month close to manager alerts',
      database: databaseLabel(),
      scale: { participants: PARTICIPANTS },
      figures,
      latencies: {},
      peakRssMb: peakRssMb(),
      notes: [
        'Hours and flow-through run in one process with the bench; its peak RSS is an upper bound for both.',
        'Raw baseline: raw kafkajs produces and consumes the same number of messages, each followed by one raw _id insert.',
      ],
    });
  } finally {
    await Promise.all([hours.close(), flowThrough.close()]);
    await stack.stop();
  }
}

main().catch(fail);
