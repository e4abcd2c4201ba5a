/**
 * A month close turning into manager alerts: hours closes a month in which N participants of one
 * organisation worked no hour; the bench measures the time until the region's manager sees N open
 * low-hours alerts in flow-through (scenario 3 of `npm run bench`; goal at Flanders scale: 15,000
 * participants within 60 s and within 3× the raw work). The raw work, same run: the same number of
 * messages produced and consumed through Kafka with raw kafkajs, plus one raw `_id` insert per
 * alert.
 *
 *   npm run bench -- close            (BENCH_CLOSE_PARTICIPANTS, default 1,000)
 *
 * BENCH_CLOSE_ORGANISATIONS (default 1) spreads the participants over that many organisations of
 * the region, whose months are closed at once (as the automatic close does); BENCH_CLOSE_BELOW_PERCENT
 * (default 100) is the share below target (the others worked 20 hours in the month). Flanders
 * scale as issue 14 puts it: 15,000 participants, 40 organisations, 40 % below target.
 */
import 'reflect-metadata';
import { OUTBOX_PENDING_EVENTS_METRIC } from '@stapsteen/observability';
import { createTestKeyPair, mintToken } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { BenchService, ServiceCommand, servicePeaks, startBenchService, watchMemory } from './services';
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
const ORGANISATIONS = Math.max(1, Number(process.env.BENCH_CLOSE_ORGANISATIONS ?? 1));
const BELOW_PERCENT = Number(process.env.BENCH_CLOSE_BELOW_PERCENT ?? 100);
const ORGS = Array.from({ length: ORGANISATIONS }, (_, i) => (i === 0 ? 'org-bench' : `org-bench-${i + 1}`));
const organisationOf = (i: number) => ORGS[i % ORGANISATIONS];
/** Participant i is below target when it falls in the first BELOW_PERCENT of every hundred. */
const belowTarget = (i: number) => i % 100 < BELOW_PERCENT;
const EXPECTED = Array.from({ length: PARTICIPANTS }, (_, i) => i).filter(belowTarget).length;

/** March's prestations of a participant: 5 × 4 hours on target, one of 4 hours below it. */
function yearOf(participantId: string, organisationId: string, year: number, below: boolean) {
  return {
    _id: `${participantId}:${year}`,
    participantId,
    organisationId,
    regionId: REGION,
    year,
    prestations: Array.from({ length: below ? 1 : 5 }, (_, i) => {
      const date = `${year}-03-${String(3 + i * 4).padStart(2, '0')}`;
      return {
        id: seededUuid(`${participantId}-${i}`),
        date,
        minutes: 240,
        gebruiker: { kind: 'PRIVATE_PERSON', reference: `GO-${i}` },
        activity: 'Tuinonderhoud',
        kilometres: null,
        countedHours: 4,
        enteredBy: 'bench',
        enteredAt: `${date}T18:00:00.000Z`,
        late: false,
        deleted: false,
        history: [],
      };
    }),
    version: 1,
    outbox: [],
  };
}
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
function profileCommands(service: BenchService, table: Map<string, CommandFigures>, t0: () => number) {
  // The service runs in its own process: its driver's commands arrive over IPC (bench/service-probe.cjs).
  service.profile(true);
  service.commands.on('command', (event: ServiceCommand) => {
    const key = `${service.name} ${event.commandName} ${event.collection}`;
    const now = t0();
    const figures = table.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, firstS: now, lastS: now };
    figures.count += 1;
    figures.totalMs += event.duration;
    figures.maxMs = Math.max(figures.maxMs, event.duration);
    figures.lastS = now;
    table.set(key, figures);
  });
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

/** How often the bench's manager reloads the inbox list when the live stream says nothing new. */
const RELOAD_ANYWAY_MS = 5000;
const DRAIN_DEADLINE_MS = 5 * 60_000;

/** Events still waiting in a service's outboxes, from its /metrics (null: not readable). */
async function pendingEvents(service: BenchService): Promise<number | null> {
  const response = await fetch(`${service.url}/metrics`).catch(() => null);
  if (!response?.ok) return null;
  const lines = (await response.text()).split('\n').filter((l) => l.startsWith(`${OUTBOX_PENDING_EVENTS_METRIC}{`));
  return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Waits until every consumer group on the broker has committed the end of every Stapsteen topic
 * (what the services consume after the last alert is visible, e.g. the KPI projection of the
 * alerts the relay published); false when the deadline came first.
 */
async function consumersCaughtUp(deadlineMs: number): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'bench-lag',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('stapsteen.') && !t.endsWith('.dlt'));
    const deadline = Date.now() + deadlineMs;
    let lastLags = '';
    while (Date.now() < deadline) {
      const ends = new Map<string, number>();
      for (const topic of topics)
        for (const { partition, high } of await admin.fetchTopicOffsets(topic))
          ends.set(`${topic}/${partition}`, Number(high));
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => !g.startsWith('bench-'));
      const lags = new Map<string, number>();
      for (const groupId of groups) {
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
          for (const { partition, offset } of partitions) {
            // -1: the group has never committed there, i.e. does not consume that topic.
            if (Number(offset) < 0) continue;
            const lag = (ends.get(`${topic}/${partition}`) ?? 0) - Number(offset);
            if (lag > 0) lags.set(`${groupId} ${topic}`, (lags.get(`${groupId} ${topic}`) ?? 0) + lag);
          }
        }
      }
      lastLags = [...lags].map(([what, lag]) => `${what}: ${lag}`).join(', ');
      if (lags.size === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`  still behind: ${lastLags}`);
    return false;
  } finally {
    await admin.disconnect();
  }
}

/** Waits until no service has an event left to publish; false when the deadline came first. */
async function outboxDrained(services: BenchService[], deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const pending = await Promise.all(services.map(pendingEvents));
    if (pending.every((n) => n === 0)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * The manager's live screen: flow-through's `GET /alerts/stream` (server-sent events), counting
 * the alerts it announces as raised. Flow-through announces an alert after its inbox entry is written.
 */
async function watchRaised(baseUrl: string, token: string) {
  const ids = new Set<string>();
  let wake: (() => void) | undefined;
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/alerts/stream`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`alerts stream answered ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => message.match(new RegExp(`^${name}: ?(.*)$`, 'm'))?.[1];
          if (field('event') === 'RAISED') ids.add(String(field('id')).split(':')[0]);
        }
        wake?.();
      }
    } catch {
      // Closed by the bench.
    }
  })();
  return {
    get raised() {
      return ids.size;
    },
    /** Resolves once `count` alerts were announced, or after `withinMs` regardless. */
    async raisedAtLeast(count: number, withinMs: number) {
      const until = Date.now() + withinMs;
      while (ids.size < count && Date.now() < until)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(250, until - Date.now()));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    },
    close: () => controller.abort(),
  };
}

async function main() {
  const stack = await startBenchStack();
  // Command monitoring is fixed when a client connects: the services are started with it when profiling.
  const commands = process.env.BENCH_PROFILE === '1';
  const keys = createTestKeyPair();
  const [hours, flowThrough] = await Promise.all([
    startBenchService('hours', keys.publicKeyPem, BENCH_SERVICE_ENV, { commands }),
    startBenchService('flow-through', keys.publicKeyPem, BENCH_SERVICE_ENV, { commands }),
  ]);
  try {
    const organiser = await mintToken(keys.privateKeyPem, {
      sub: 'bench',
      role: 'ORGANISER',
      orgIds: ORGS,
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
    await hours.connection.collection('participant_roster').insertMany(
      ids.map((id, i) => ({
        _id: id,
        organisationId: organisationOf(i),
        regionId: REGION,
        displayName: `Deelnemer ${id.slice(0, 4)}`,
        coachId: null,
        monthlyHoursTarget: 20,
        exPwa: false,
        trajectories: { t: { trajectoryId: 't', startedOn: `${year}-01-02`, endedOn: null, suspensions: [] } },
        appliedEventIds: [],
      })) as never[],
    );
    // A year of hours for each participant when some are on target (default: nobody worked).
    if (BELOW_PERCENT < 100)
      await hours.connection
        .collection('participant_years')
        .insertMany(ids.map((id, i) => yearOf(id, organisationOf(i), year, belowTarget(i))) as never[]);
    // Flow-through's empty alerts documents, as enrolment leaves them (BENCH_NO_ALERT_DOCUMENTS=1:
    // as before enrolment made them, so every first alert misses).
    const alertDocuments = process.env.BENCH_NO_ALERT_DOCUMENTS !== '1';
    if (alertDocuments) {
      await flowThrough.connection.collection('participant_alerts').insertMany(
        ids.map((id, i) => ({
          _id: id,
          organisationId: organisationOf(i),
          regionId: REGION,
          alerts: [],
          version: 0,
          appliedEventIds: [],
          outbox: [],
        })) as never[],
      );
    }
    log(
      `month-close bench — ${new Date().toISOString()}, ${PARTICIPANTS} participants in ${ORGANISATIONS} organisations, ${EXPECTED} below target, alerts documents ${alertDocuments ? 'made at enrolment' : 'absent'}, ${databaseLabel()}`,
    );
    // Every participant flagged by this one close: the organisation flags after one month below
    // target (the default is two in a row).
    for (const organisationId of ORGS)
      await request(hours.url)
        .put(`/organisations/${organisationId}/hours-targets`)
        .set('Authorization', `Bearer ${organiser}`)
        .send({ steps: [], flagAfterMonthsBelow: 1 })
        .expect(200);
    const profile = new Map<string, CommandFigures>();
    let started = performance.now();
    if (process.env.BENCH_PROFILE === '1') {
      const since = () => (performance.now() - started) / 1000;
      profileCommands(hours, profile, since);
      profileCommands(flowThrough, profile, since);
    }
    const live = await watchRaised(flowThrough.url, manager);
    const watcher = watchMemory('the close', hours, flowThrough);
    started = performance.now();
    const closes = await Promise.all(
      ORGS.map((organisationId) =>
        request(hours.url)
          .post(`/organisations/${organisationId}/months/${year}-03/close`)
          .set('Authorization', `Bearer ${organiser}`),
      ),
    );
    const closeSeconds = (performance.now() - started) / 1000;
    const flagged = closes.reduce((sum, c) => sum + (c.body.flagged ?? 0), 0);
    log(
      `  ${closes.length} closes answered ${[...new Set(closes.map((c) => c.status))].join('/')} in ${round(closeSeconds, 2)} s, ${flagged} flagged`,
    );
    if (closes.some((c) => c.status !== 201))
      throw new Error(`a close failed: ${JSON.stringify(closes.find((c) => c.status !== 201)?.body)}`);
    // The manager's view through flow-through's API: a live inbox (the alerts stream) that reloads
    // the list when the stream says alerts were raised, and a list reload every few seconds
    // regardless. Polling the list every 250 ms read every open entry of the region four times a
    // second (up to 6,000), which loaded the database being measured (issue 14).
    let open = 0;
    let listed = 0;
    const deadline = Date.now() + 10 * 60_000;
    const reload = async () => {
      const page = await request(flowThrough.url)
        .get('/alerts?status=OPEN&limit=1')
        .set('Authorization', `Bearer ${manager}`);
      listed = page.body.total ?? 0;
    };
    while (listed < EXPECTED && Date.now() < deadline) {
      if (live.raised < EXPECTED) await live.raisedAtLeast(EXPECTED, RELOAD_ANYWAY_MS);
      else await new Promise((resolve) => setTimeout(resolve, 250));
      await reload();
    }
    open = listed;
    live.close();
    const seconds = (performance.now() - started) / 1000;
    await watcher.stop();
    log(`  ${open} of ${EXPECTED} alerts open for the manager after ${round(seconds, 1)} s`);
    if (profile.size > 0) printProfile(profile);
    // Each service's peak, before the raw baseline (which runs in the bench's process only).
    const servicePeakRssMb = servicePeaks(hours, flowThrough);
    // The services go on publishing after the last alert is visible (flow-through's relay is held
    // during the burst, ADR 22). The baseline waits for that, so that it measures the raw work on
    // a machine as idle as the close found it, not against the services' leftover work.
    const drained = await outboxDrained([hours, flowThrough], DRAIN_DEADLINE_MS);
    log(
      `  every outbox event published ${round((performance.now() - started) / 1000, 1)} s after the close request` +
        (drained ? '' : ` (NOT drained within ${DRAIN_DEADLINE_MS / 1000} s)`),
    );
    const caughtUp = await consumersCaughtUp(DRAIN_DEADLINE_MS);
    const caughtUpSeconds = (performance.now() - started) / 1000;
    log(
      `  every consumer group caught up ${round(caughtUpSeconds, 1)} s after the close request` +
        (caughtUp ? '' : ` (NOT within ${DRAIN_DEADLINE_MS / 1000} s)`),
    );
    const raw = await rawBaseline(flowThrough.connection, EXPECTED);
    const figures: Figure[] = [
      { name: 'close request answered', value: closeSeconds, unit: 's' },
      {
        name: 'close until every alert is visible',
        value: seconds,
        unit: 's',
        baseline: raw,
        ratio: seconds / raw,
        goal: '≤ 3× raw and ≤ 60 s',
        met: open === EXPECTED && seconds <= 3 * raw && seconds <= 60,
      },
      {
        // The dashboard's open-alert figures come from the KPI projection of the published alerts.
        name: 'close until every consumer has caught up (the dashboard agrees with the inbox)',
        value: caughtUpSeconds,
        unit: caughtUp ? 's' : 's (not caught up)',
      },
      {
        name: 'alerts visible at the end',
        value: open,
        unit: `of ${EXPECTED}`,
        goal: 'all',
        met: open === EXPECTED,
      },
    ];
    report({
      scenario: 'close',
      title: 'Month close to manager alerts',
      database: databaseLabel(),
      scale: { participants: PARTICIPANTS, organisations: ORGANISATIONS, belowTarget: EXPECTED },
      figures,
      latencies: {},
      servicePeakRssMb,
      peakRssMb: peakRssMb(),
      notes: [
        'Hours and flow-through each run in a process of their own, started as production starts them; each peak RSS is its own.',
        'Raw baseline: raw kafkajs produces and consumes the same number of messages, each followed by one raw _id insert.',
      ],
    });
  } finally {
    await Promise.all([hours.stop(), flowThrough.stop()]);
    await stack.stop();
  }
}

main().catch(fail);
