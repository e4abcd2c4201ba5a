/**
 * Does a month close get slower as the year fills? Closes BENCH_GROWTH_MONTHS consecutive months
 * (default 12) for each of BENCH_GROWTH_ORGS organisations (default 1) of BENCH_GROWTH_PARTICIPANTS
 * participants each (default 50) with prestations, one close after another as `deploy/seed` does,
 * and prints each close's time next to a same-run database baseline taken right after it.
 *
 *   node -r @swc-node/register bench/month-close-growth.bench.ts
 *
 * BENCH_GROWTH_FLOW_THROUGH=1 also runs flow-through, so its consumers compete for the database
 * as they do in the seed.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../services/hours/src/app.module';
import { databaseLabel, mb, round, seededUuid, startBenchStack } from './support';

const PARTICIPANTS = Number(process.env.BENCH_GROWTH_PARTICIPANTS ?? 50);
const ORGANISATIONS = Number(process.env.BENCH_GROWTH_ORGS ?? 1);
const MONTHS = Math.min(12, Number(process.env.BENCH_GROWTH_MONTHS ?? 12));
const WITH_FLOW_THROUGH = process.env.BENCH_GROWTH_FLOW_THROUGH === '1';
const REGION = 'region-bench';
const PRESTATIONS_PER_MONTH = 3;

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The median of a few runs of one lookup, so one slow moment does not make the baseline. */
async function medianMs(work: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push((await timed(work)).ms);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function prestationsOf(participantId: string, year: number) {
  return Array.from({ length: 12 * PRESTATIONS_PER_MONTH }, (_, i) => {
    const month = String(Math.floor(i / PRESTATIONS_PER_MONTH) + 1).padStart(2, '0');
    const day = String((i % PRESTATIONS_PER_MONTH) * 7 + 3).padStart(2, '0');
    return {
      id: seededUuid(`${participantId}-${i}`),
      date: `${year}-${month}-${day}`,
      minutes: 150 + (i % 4) * 30,
      gebruiker: { kind: 'PRIVATE_PERSON', reference: `GO-${i % 7}` },
      activity: 'Tuinonderhoud',
      kilometres: i % 3 === 0 ? 12 : null,
      countedHours: 3 + (i % 2),
      enteredBy: 'bench',
      enteredAt: `${year}-${month}-${day}T18:00:00.000Z`,
      late: false,
      deleted: false,
      history: [],
    };
  });
}

async function main() {
  const stack = await startBenchStack();
  const keys = createTestKeyPair();
  // The production sweep interval (the test default of 200 ms would scan every collection 5 times a second).
  const env = { OUTBOX_POLL_MS: '30000' };
  const hours = await startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem, env);
  const flowThrough: INestApplication | null = WITH_FLOW_THROUGH
    ? await startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem, env)
    : null;
  try {
    const db = hours.get<Connection>(getConnectionToken());
    const year = new Date().getUTCFullYear() - 1;
    const organisations = Array.from({ length: ORGANISATIONS }, (_, i) => `org-growth-${i + 1}`);
    const participants = organisations.flatMap((organisationId) =>
      Array.from({ length: PARTICIPANTS }, (_, i) => ({
        organisationId,
        participantId: seededUuid(`growth-${organisationId}-${i}`),
      })),
    );
    // Set-up, not measured: the roster as flow-through's events leave it, and a year of prestations.
    await db.collection('participant_roster').insertMany(
      participants.map(({ organisationId, participantId }) => ({
        _id: participantId,
        organisationId,
        regionId: REGION,
        displayName: `Deelnemer ${participantId.slice(0, 4)}`,
        coachId: null,
        monthlyHoursTarget: 12,
        exPwa: false,
        trajectories: { t: { trajectoryId: 't', startedOn: `${year}-01-02`, endedOn: null, suspensions: [] } },
        appliedEventIds: [],
      })) as never[],
    );
    await db.collection('participant_years').insertMany(
      participants.map(({ organisationId, participantId }, i) => ({
        _id: `${participantId}:${year}`,
        participantId,
        organisationId,
        regionId: REGION,
        year,
        // Every fifth participant works too little, so flags, clearances and trends all occur.
        prestations: prestationsOf(participantId, year).slice(0, i % 5 === 0 ? 6 : undefined),
        version: 1,
        outbox: [],
      })) as never[],
    );
    const tokens = new Map<string, string>();
    for (const organisationId of organisations) {
      tokens.set(
        organisationId,
        await mintToken(keys.privateKeyPem, {
          sub: 'bench',
          role: 'ORGANISER',
          orgIds: [organisationId],
          regionId: REGION,
        }),
      );
    }
    log(
      `month-close growth bench — ${new Date().toISOString()}, ${ORGANISATIONS} organisation(s) × ${PARTICIPANTS} participants, ` +
        `${12 * PRESTATIONS_PER_MONTH} prestations a year each, ${MONTHS} months${WITH_FLOW_THROUGH ? ', with flow-through' : ''}, ` +
        databaseLabel(),
    );
    log(
      '  month    org  close ms  +published ms  | baseline findOne({_id}) month_closes / participant_years / miss, ms',
    );
    const anyYearId = `${participants[0].participantId}:${year}`;
    let firstClose = 0;
    let lastClose = 0;
    for (let m = 1; m <= MONTHS; m += 1) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      for (const organisationId of organisations) {
        const { ms, value: response } = await timed(() =>
          request(hours.getHttpServer())
            .post(`/organisations/${organisationId}/months/${month}/close`)
            .set('Authorization', `Bearer ${tokens.get(organisationId)}`),
        );
        if (response.status !== 201) throw new Error(`close ${month} answered ${response.status}`);
        firstClose ||= ms;
        lastClose = ms;
        const closes = db.collection<{ _id: string; outbox?: unknown[] }>('month_closes');
        const years = db.collection<{ _id: string }>('participant_years');
        // The relay's share: until the close's events are on Kafka and their chunk documents removed (ADR 25).
        const drafts = db.collection<{ _id: string; closeId: string }>('month_close_events');
        const published = await timed(async () => {
          const deadline = Date.now() + 10 * 60_000;
          while (Date.now() < deadline) {
            const pending = await drafts.countDocuments({ closeId: `${organisationId}:${month}` });
            if (pending === 0) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          throw new Error(`the events of ${organisationId} ${month} were not published within 10 minutes`);
        });
        const [hit, yearHit, miss] = [
          await medianMs(() => closes.findOne({ _id: `${organisations[0]}:${year}-01` })),
          await medianMs(() => years.findOne({ _id: anyYearId })),
          await medianMs(() => closes.findOne({ _id: `${organisationId}:never` })),
        ];
        log(
          `  ${month}  ${organisationId.slice(-1)}  ${String(Math.round(ms)).padStart(8)}  ${String(Math.round(published.ms)).padStart(10)}  | ` +
            `${round(hit, 1)} / ${round(yearHit, 1)} / ${round(miss, 1)}`,
        );
      }
    }
    log(`  last/first close = ${round(lastClose / firstClose, 1)}`);
    log(`memory: rss ${mb(process.memoryUsage().rss)} MB`);
  } finally {
    await Promise.all([hours.close(), flowThrough?.close()]);
    await stack.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
