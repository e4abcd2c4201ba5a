/**
 * Hours at Flanders scale: CSV import of 50,000 prestations for 15,000 participants, and 50
 * concurrent organisers entering hours. Prints figures and ratios against a baseline measured in
 * the same run on the same database; it never fails on timing.
 *
 *   npm run bench            (starts its own Kafka and FerretDB on bench ports)
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { HOURS_SERVICE_FOR_TESTS } from '../services/hours/src/app.module';
import { mb, percentile, round, seededUuid, startBenchStack } from './support';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 15_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const ENTRIES_PER_CLIENT = Number(process.env.BENCH_ENTRIES_PER_CLIENT ?? 20);
const YEAR = new Date().getUTCFullYear() - 1;
const ORG = 'org-bench';
const REGION = 'region-bench';

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

async function seedRoster(connection: Connection, ids: string[]) {
  const trajectoryId = 'bench-trajectory';
  const documents = ids.map((id) => ({
    _id: id,
    organisationId: ORG,
    regionId: REGION,
    displayName: `Deelnemer ${id.slice(0, 4)}`,
    coachId: null,
    monthlyHoursTarget: 20,
    exPwa: false,
    trajectories: { [trajectoryId]: { trajectoryId, startedOn: `${YEAR}-01-02`, endedOn: null, suspensions: [] } },
    appliedEventIds: [],
  }));
  for (let i = 0; i < documents.length; i += 5000) {
    await connection
      .collection('participant_roster')
      .insertMany(documents.slice(i, i + 5000) as never[], { ordered: false });
  }
}

function csvFor(ids: string[]): string {
  const lines = ['deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km'];
  for (let i = 0; i < ROWS; i++) {
    const participant = ids[i % ids.length];
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `${participant};${YEAR}-03-${day};${60 + ((i * 37) % 180)};school;GBS De Klimop;Middagtoezicht;${i % 5 === 0 ? 14 : ''}`,
    );
  }
  return lines.join('\n');
}

async function importBench(app: INestApplication, token: string, connection: Connection, ids: string[]) {
  const csv = Buffer.from(csvFor(ids));
  // Baseline: the database's own bulk-insert rate for as many small documents, same run.
  const baselineDocs = Array.from({ length: ROWS }, (_, i) => ({
    _id: `b${i}`,
    participantId: ids[i % ids.length],
    minutes: 60,
    date: `${YEAR}-03-01`,
  }));
  let started = performance.now();
  for (let i = 0; i < baselineDocs.length; i += 5000) {
    await connection
      .collection('bench_baseline')
      .insertMany(baselineDocs.slice(i, i + 5000) as never[], { ordered: false });
  }
  const baselineRate = ROWS / ((performance.now() - started) / 1000);

  started = performance.now();
  const response = await request(app.getHttpServer())
    .post('/imports')
    .set('Authorization', `Bearer ${token}`)
    .field('organisationId', ORG)
    .attach('file', csv, { filename: 'bench.csv', contentType: 'text/csv' });
  if (response.status !== 202) throw new Error(`import refused: ${response.status} ${JSON.stringify(response.body)}`);
  let job = response.body;
  while (job.status === 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (await request(app.getHttpServer()).get(`/imports/${job.id}`).set('Authorization', `Bearer ${token}`)).body;
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = ROWS / seconds;
  log(
    `import: ${ROWS} rows (${round(csv.length / 1024 / 1024)} MB) for ${ids.length} participants in ${round(seconds, 2)} s`,
  );
  log(
    `  ${Math.round(rate)} rows/s (target ≥ 5000); status ${job.status}, accepted ${job.accepted}, rejected ${job.rejected}`,
  );
  log(
    `  baseline: FerretDB bulk insert of ${ROWS} small documents ${Math.round(baselineRate)} docs/s; import/baseline = ${round(rate / baselineRate, 2)}`,
  );
}

async function entryBench(app: INestApplication, token: string, ids: string[]) {
  const server = app.getHttpServer();
  const agent = request.agent(server);
  const timed = async (send: () => Promise<{ status: number }>) => {
    const t = performance.now();
    const response = await send();
    return { ms: performance.now() - t, status: response.status };
  };
  // Baseline: the liveness probe under the same concurrency (HTTP stack, no database).
  const baseline: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < ENTRIES_PER_CLIENT; i++) baseline.push((await timed(() => agent.get('/health/live'))).ms);
    }),
  );
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < ENTRIES_PER_CLIENT; i++) {
        // Most clients work on their own participants; every fifth shares one hot participant.
        const participantId = client % 5 === 0 ? ids[0] : ids[(1 + client * ENTRIES_PER_CLIENT + i) % ids.length];
        const result = await timed(() =>
          agent
            .post('/prestations')
            .set('Authorization', `Bearer ${token}`)
            .send({
              participantId,
              date: `${YEAR}-05-${String(1 + (i % 28)).padStart(2, '0')}`,
              minutes: 180,
              gebruiker: { kind: 'SCHOOL', reference: 'GBS' },
              activity: 'Toezicht',
            }),
        );
        latencies.push(result.ms);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const p95 = percentile(latencies, 95);
  log(
    `entry: ${CLIENTS} concurrent clients × ${ENTRIES_PER_CLIENT} prestations in ${round(seconds, 2)} s (${Math.round(latencies.length / seconds)} req/s)`,
  );
  log(
    `  p50 ${round(percentile(latencies, 50))} ms, p95 ${round(p95)} ms (target ≤ 50), p99 ${round(percentile(latencies, 99))} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  log(
    `  baseline /health/live p95 ${round(percentile(baseline, 95))} ms; entry/baseline p95 = ${round(p95 / percentile(baseline, 95), 1)}`,
  );
}

async function main() {
  const stack = await startBenchStack();
  const keys = createTestKeyPair();
  const app = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem);
  try {
    const token = await mintToken(keys.privateKeyPem, {
      sub: 'bench',
      role: 'ORGANISER',
      orgIds: [ORG],
      regionId: REGION,
    });
    const connection = app.get<Connection>(getConnectionToken());
    const ids = Array.from({ length: PARTICIPANTS }, (_, i) => seededUuid(`participant-${i}`));
    await seedRoster(connection, ids);
    log(`hours bench — ${new Date().toISOString()}, node ${process.version}, FerretDB 1.24 (SQLite), 2 cores`);
    await importBench(app, token, connection, ids);
    await entryBench(app, token, ids);
    log(
      `memory: rss ${mb(process.memoryUsage().rss)} MB, heap used ${mb(process.memoryUsage().heapUsed)} MB (target ≤ 300 MB per service)`,
    );
  } finally {
    await app.close();
    await stack.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
