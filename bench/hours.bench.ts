/**
 * Hours at Flanders scale (scenarios 1 and 2 of `npm run bench`): 15,000 participants, each with a
 * participant-year of history, then
 *   1. a CSV import of BENCH_IMPORT_ROWS prestations (10,000) for BENCH_IMPORT_PARTICIPANTS (3,000),
 *      both caps checked, against the raw driver's `insertMany` of the same prestations, and against
 *      the raw driver reading and writing once each participant-year the file touches (ADR 34);
 *   2. BENCH_CLIENTS (50) organisers entering BENCH_ENTRIES_PER_CLIENT prestations each for
 *      BENCH_ENTRY_PARTICIPANTS (500) participants, against the raw driver doing the same read and
 *      write of the same kind of document at the same concurrency; afterwards no participant may
 *      stand above 60 hours in a month or 630 in the year (a broken invariant fails the bench).
 * It prints figures and never fails on timing.
 *
 *   node -r @swc-node/register bench/hours.bench.ts      (or `npm run bench`, which runs every scenario)
 */
import { createTestKeyPair, mintToken } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { BenchService, ServiceCommand, servicePeaks, startBenchService, watchMemory } from './services';
import {
  BENCH_SERVICE_ENV,
  Figure,
  databaseLabel,
  fail,
  log,
  peakRssMb,
  percentile,
  report,
  round,
  seededUuid,
  startBenchStack,
  timed,
  withClients,
} from './support';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 15_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const IMPORT_PARTICIPANTS = Number(process.env.BENCH_IMPORT_PARTICIPANTS ?? 3_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const ENTRIES_PER_CLIENT = Number(process.env.BENCH_ENTRIES_PER_CLIENT ?? 10);
const ENTRY_PARTICIPANTS = Number(process.env.BENCH_ENTRY_PARTICIPANTS ?? 500);
/** A past year, so that no date is in the future and no month is closed. */
const YEAR = new Date().getUTCFullYear() - 1;
const ORG = 'org-bench';
const REGION = 'region-bench';
const PARTICIPANT_YEARS = 'participant_years';
const MONTHLY_CAP_HOURS = 60;
const YEARLY_CAP_HOURS = 630;

/**
 * What profiling found (docs/adr/0021, 0034): FerretDB 1.24 on PostgreSQL answered `{_id: x}` with
 * a scan until the stack added a GIN index (ADR 21). Since then (BENCH_PROFILE=1, ADR 34) the
 * import's time is its database work on the participant-years: 3,000 `_id` reads and 30 bulk
 * writes of 100 updates, each update a read and a rewrite of a 2 KB document inside FerretDB; the
 * service's own CPU (CSV, the cap checks) is under a second. The second import line measures that
 * floor with the raw driver in the same run.
 */
const IMPORT_BOTTLENECK =
  'the read and the rewrite of each participant-year the file touches (3,000 `_id` reads + 3,000 FerretDB ' +
  'updates of a 2 KB document): the raw driver doing only that is about 20× slower than its insertMany, and the ' +
  'import runs at 0.7–0.9× of that floor (next line); 0.5× insertMany needs an import that inserts instead (ADR 34)';
const ENTRY_BOTTLENECK =
  'five database calls per entry (roster, closed months, the year, its claim, its update) where the raw ' +
  'baseline makes two, on a machine saturated by 50 clients; each was a collection scan before the stack’s `_id` index';

const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

const day = (month: number, d: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A stored prestation as the hours service keeps it (about 250 bytes). */
function storedPrestation(id: string, date: string, minutes: number) {
  return {
    id,
    date,
    minutes,
    countedHours: Math.ceil(minutes / 60),
    gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
    activity: 'Middagtoezicht',
    kilometres: null,
    enteredBy: 'bench',
    enteredAt: `${YEAR}-01-01T10:00:00.000Z`,
    late: false,
    deleted: false,
    history: [],
  };
}

/** January and February of history: eight prestations a participant, a document of about 2 KB. */
function historyYear(participantId: string) {
  return {
    _id: `${participantId}:${YEAR}`,
    participantId,
    organisationId: ORG,
    regionId: REGION,
    year: YEAR,
    prestations: Array.from({ length: 8 }, (_, i) =>
      storedPrestation(seededUuid(`${participantId}-h${i}`), day(1 + (i % 2), 3 + i), 180),
    ),
    version: 1,
    outbox: [],
  };
}

async function seed(connection: Connection, ids: string[]) {
  const roster = ids.map((id) => ({
    _id: id,
    organisationId: ORG,
    regionId: REGION,
    displayName: `Deelnemer ${id.slice(0, 4)}`,
    coachId: null,
    monthlyHoursTarget: 20,
    exPwa: false,
    trajectories: { t: { trajectoryId: 't', startedOn: `${YEAR}-01-02`, endedOn: null, suspensions: [] } },
    appliedEventIds: [],
  }));
  for (let i = 0; i < ids.length; i += 2500) {
    const slice = ids.slice(i, i + 2500);
    await connection.collection('participant_roster').insertMany(roster.slice(i, i + 2500) as never[]);
    const years = slice.map(historyYear);
    await connection.collection(PARTICIPANT_YEARS).insertMany(years as never[]);
    // The raw baseline's copy: the same documents, so it reads and writes what the service does.
    await connection.collection('bench_raw_years').insertMany(years as never[]);
  }
}

/**
 * BENCH_PROFILE=1: every database command hours makes during the import, counted and timed by
 * command and collection (the driver's command monitoring, as the close scenario does), printed
 * after the import. For a CPU profile of hours run with
 * BENCH_SERVICE_NODE_FLAGS='--max-old-space-size=192 --cpu-prof --cpu-prof-dir=<folder>'.
 */
function profileCommands(service: BenchService): () => void {
  const table = new Map<string, { count: number; totalMs: number; maxMs: number; bytes: number }>();
  const started = performance.now();
  let lastS = 0;
  const onCommand = (event: ServiceCommand) => {
    const key = `${event.commandName} ${event.collection}`;
    const figures = table.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, bytes: 0 };
    figures.count += 1;
    figures.totalMs += event.duration;
    figures.maxMs = Math.max(figures.maxMs, event.duration);
    figures.bytes += event.bytes;
    table.set(key, figures);
    lastS = (performance.now() - started) / 1000;
  };
  service.profile(true);
  service.commands.on('command', onCommand);
  return () => {
    service.profile(false);
    service.commands.off('command', onCommand);
    log(`  import profile (command: count, total s, mean ms, max ms, reply KB; last command at ${round(lastS, 1)} s):`);
    for (const [key, f] of [...table.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs))
      log(
        `    ${key.padEnd(40)} ${String(f.count).padStart(6)} ${round(f.totalMs / 1000, 2)} s ${round(f.totalMs / f.count, 1)} ms ${round(f.maxMs, 0)} ms ${Math.round(f.bytes / 1024)} KB`,
      );
  };
}

/** Reads the participant-years of `rows` by `_id` and writes each once with its rows added, raw. */
async function rawReadAndWriteYears(
  connection: Connection,
  rows: Array<{ participantId: string; date: string; minutes: number }>,
) {
  const years = connection.collection('bench_raw_years');
  const byYear = new Map<string, typeof rows>();
  for (const row of rows) {
    const id = `${row.participantId}:${YEAR}`;
    byYear.set(id, [...(byYear.get(id) ?? []), row]);
  }
  const ids = [...byYear.keys()];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  let next = 0;
  let written = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        const found: Array<Record<string, unknown> | null> = [];
        for (let i = 0; i < chunk.length; i += 32)
          found.push(...(await Promise.all(chunk.slice(i, i + 32).map((id) => years.findOne({ _id: id as never })))));
        const result = await years.bulkWrite(
          found.map((document, i) => ({
            updateOne: {
              filter: { _id: chunk[i] as never },
              update: {
                $set: {
                  prestations: [
                    ...((document?.prestations as unknown[]) ?? []),
                    ...byYear
                      .get(chunk[i])!
                      .map((r, j) => storedPrestation(`floor-${chunk[i]}-${j}`, r.date, r.minutes)),
                  ],
                  version: ((document?.version as number) ?? 0) + 1,
                },
              },
            },
          })),
          { ordered: false },
        );
        written += result.modifiedCount;
      }
    }),
  );
  if (written !== ids.length) throw new Error(`raw floor wrote ${written} of ${ids.length} participant-years`);
}

async function importScenario(service: BenchService, token: string, connection: Connection, ids: string[]) {
  const url = service.url;
  const participants = ids.slice(ENTRY_PARTICIPANTS, ENTRY_PARTICIPANTS + IMPORT_PARTICIPANTS);
  const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
    participantId: participants[i % participants.length],
    date: day(3, 1 + (Math.floor(i / participants.length) % 28)),
    minutes: 60 + ((i * 37) % 180),
  }));
  const csv = Buffer.from(
    [
      'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km',
      ...rows.map(
        (r, i) => `${r.participantId};${r.date};${r.minutes};school;GBS De Klimop;Middagtoezicht;${i % 5 ? '' : 14}`,
      ),
    ].join('\n'),
  );

  // Baseline: the raw driver storing the same prestations, in bulk.
  const raw = await timed(async () => {
    const documents = rows.map((r, i) => ({
      _id: `raw-${i}`,
      participantId: r.participantId,
      ...storedPrestation(`raw-${i}`, r.date, r.minutes),
    }));
    for (let i = 0; i < documents.length; i += 1000) {
      await connection
        .collection('bench_raw_prestations')
        .insertMany(documents.slice(i, i + 1000) as never[], { ordered: false });
    }
  });
  const rawRate = IMPORT_ROWS / (raw.ms / 1000);

  // Second baseline, the floor of this use case on this database: the raw driver doing the least
  // the import must do to check the caps and keep them with several replicas (ADR 18): read each
  // participant-year the file touches by `_id` and write it once with its new prestations. Same
  // documents (the raw copy), same shape as the import (chunks of 100, four in flight, 32 reads
  // at a time, one bulkWrite per chunk); no claims, no roster, no job.
  const floor = await timed(() => rawReadAndWriteYears(connection, rows));
  const floorRate = IMPORT_ROWS / (floor.ms / 1000);
  log(
    `raw baselines: insertMany of ${IMPORT_ROWS} prestations ${round(raw.ms / 1000, 2)} s; read + write of their ${participants.length} participant-years ${round(floor.ms / 1000, 2)} s`,
  );

  const stopProfile = process.env.BENCH_PROFILE === '1' ? profileCommands(service) : null;
  const imported = await timed(async () => {
    const response = await request(url)
      .post('/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('organisationId', ORG)
      .attach('file', csv, { filename: 'bench.csv', contentType: 'text/csv' });
    if (response.status !== 202) throw new Error(`import refused: ${response.status} ${JSON.stringify(response.body)}`);
    let job = response.body;
    while (job.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await request(url).get(`/imports/${job.id}`).set('Authorization', `Bearer ${token}`)).body;
    }
    return job as { status: string; accepted: number; rejected: number };
  });
  stopProfile?.();
  const rate = IMPORT_ROWS / (imported.ms / 1000);
  log(
    `import: ${IMPORT_ROWS} rows for ${participants.length} participants in ${round(imported.ms / 1000, 2)} s: ${imported.value.status}, accepted ${imported.value.accepted}, refused ${imported.value.rejected}`,
  );
  const ratio = rate / rawRate;
  return [
    {
      name: 'import rate',
      value: rate,
      unit: 'rows/s',
      baseline: rawRate,
      ratio,
      goal: '≥ 0.5× raw insertMany',
      met: ratio >= 0.5 && imported.value.status === 'DONE',
      bottleneck: IMPORT_BOTTLENECK,
    },
    {
      name: 'import rate against the read + write of its participant-years',
      value: rate,
      unit: 'rows/s',
      baseline: floorRate,
      ratio: rate / floorRate,
    },
  ] satisfies Figure[];
}

async function entryScenario(url: string, token: string, connection: Connection, ids: string[]) {
  const participants = ids.slice(0, ENTRY_PARTICIPANTS);
  const total = CLIENTS * ENTRIES_PER_CLIENT;
  // Every fifth client works on one shared participant, who reaches the monthly cap; the others
  // spread over the rest, as organisers of one organisation would.
  const target = (client: number, i: number) =>
    client % 5 === 0
      ? participants[0]
      : participants[1 + ((client * ENTRIES_PER_CLIENT + i) % (participants.length - 1))];
  const dateOf = (i: number) => day(5, 1 + (i % 28));

  // Baseline: the same read and write of the same kind of document at the same concurrency.
  const rawLatencies: number[] = [];
  const raw = connection.collection('bench_raw_years');
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < ENTRIES_PER_CLIENT; i++) {
        const id = `${target(client, i)}:${YEAR}`;
        const { ms } = await timed(async () => {
          const current = await raw.findOne({ _id: id as never });
          await raw.updateOne(
            { _id: id as never },
            {
              $push: { prestations: storedPrestation(`raw-${client}-${i}`, dateOf(i), 180) } as never,
              $set: { version: (current?.version ?? 0) + 1 },
            },
          );
        });
        rawLatencies.push(ms);
      }
    }),
  );

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const agent = request.agent(url);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < ENTRIES_PER_CLIENT; i++) {
        const { ms, value } = await timed(() =>
          agent
            .post('/prestations')
            .set('Authorization', `Bearer ${token}`)
            .send({
              participantId: target(client, i),
              date: dateOf(i),
              minutes: 180,
              gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
              activity: 'Middagtoezicht',
            }),
        );
        latencies.push(ms);
        statuses.set(value.status, (statuses.get(value.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
  log(
    `entry: ${CLIENTS} clients × ${ENTRIES_PER_CLIENT} prestations in ${round(seconds, 2)} s (${Math.round(total / seconds)} req/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );

  // The invariants, read back from what the service stored.
  let violations = 0;
  await withClients(participants.length, 16, async (i) => {
    const stored = await connection
      .collection(PARTICIPANT_YEARS)
      .findOne({ _id: `${participants[i]}:${YEAR}` as never });
    const live = (
      (stored?.prestations ?? []) as Array<{ date: string; countedHours: number; deleted: boolean }>
    ).filter((p) => !p.deleted);
    const months = new Map<string, number>();
    for (const p of live) months.set(p.date.slice(0, 7), (months.get(p.date.slice(0, 7)) ?? 0) + p.countedHours);
    const year = live.reduce((sum, p) => sum + p.countedHours, 0);
    if ([...months.values()].some((hours) => hours > MONTHLY_CAP_HOURS) || year > YEARLY_CAP_HOURS) violations += 1;
  });

  const p95 = percentile(latencies, 95);
  const raw95 = percentile(rawLatencies, 95);
  const figures: Figure[] = [
    {
      name: 'entry p50',
      value: percentile(latencies, 50),
      unit: 'ms',
      baseline: percentile(rawLatencies, 50),
      ratio: percentile(latencies, 50) / percentile(rawLatencies, 50),
    },
    {
      name: 'entry p95',
      value: p95,
      unit: 'ms',
      baseline: raw95,
      ratio: p95 / raw95,
      goal: '≤ 3× raw and ≤ 250 ms',
      met: p95 <= 3 * raw95 && p95 <= 250,
      bottleneck: ENTRY_BOTTLENECK,
    },
    { name: 'entry 5xx answers', value: serverErrors, unit: `of ${total}`, goal: '0', met: serverErrors === 0 },
    {
      name: 'participants above a cap afterwards',
      value: violations,
      unit: `of ${participants.length}`,
      goal: '0',
      met: violations === 0,
    },
  ];
  return { figures, latencies, rawLatencies, violations };
}

async function whileWatching<T>(service: BenchService, phase: string, work: () => Promise<T>): Promise<T> {
  const watcher = watchMemory(phase, service);
  try {
    return await work();
  } finally {
    await watcher.stop();
  }
}

async function main() {
  const stack = await startBenchStack();
  const keys = createTestKeyPair();
  // Command monitoring is fixed when a client connects: hours is started with it when profiling.
  const hours = await startBenchService('hours', keys.publicKeyPem, BENCH_SERVICE_ENV, {
    commands: process.env.BENCH_PROFILE === '1',
  });
  let violations = 0;
  try {
    const token = await mintToken(keys.privateKeyPem, {
      sub: 'bench',
      role: 'ORGANISER',
      orgIds: [ORG],
      regionId: REGION,
    });
    const connection = hours.connection;
    const ids = Array.from({ length: PARTICIPANTS }, (_, i) => seededUuid(`participant-${i}`));
    log(`hours bench — ${new Date().toISOString()}, node ${process.version}, ${databaseLabel()}`);
    const setUp = await timed(() => seed(connection, ids));
    log(`set-up: ${PARTICIPANTS} participants with a year of history in ${round(setUp.ms / 1000, 1)} s (not measured)`);
    // Where the peak memory is reached: the peak so far after each phase, the service's and the bench's.
    const memory = (phase: string) => {
      const service = hours.rssMb();
      log(
        `peak RSS after ${phase}: hours ${service.peak} MB (now ${service.now} MB); bench process ${peakRssMb()} MB (now ${rssMb()} MB)`,
      );
    };
    memory('set-up');
    const importFigures = await whileWatching(hours, 'import', () => importScenario(hours, token, connection, ids));
    memory('import');
    const entry = await whileWatching(hours, 'entry', () => entryScenario(hours.url, token, connection, ids));
    memory('entry');
    violations = entry.violations;
    report({
      scenario: 'hours',
      title: 'Import and concurrent entry (hours)',
      database: databaseLabel(),
      scale: {
        participants: PARTICIPANTS,
        importRows: IMPORT_ROWS,
        importParticipants: IMPORT_PARTICIPANTS,
        clients: CLIENTS,
        entries: CLIENTS * ENTRIES_PER_CLIENT,
        entryParticipants: ENTRY_PARTICIPANTS,
      },
      figures: [...importFigures, ...entry.figures],
      latencies: {
        'entry (POST /prestations)': entry.latencies,
        'raw read + write of the document': entry.rawLatencies,
      },
      servicePeakRssMb: servicePeaks(hours),
      peakRssMb: peakRssMb(),
      notes: [
        'Hours runs in a process of its own, started as production starts it (compiled JavaScript, NODE_ENV=production); its peak RSS is its own.',
      ],
    });
  } finally {
    await hours.stop();
    await stack.stop();
  }
  if (violations > 0) fail(new Error(`${violations} participants stand above a cap: the invariant is broken`));
}

main().catch(fail);
