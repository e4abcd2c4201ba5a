/**
 * A month close turning into manager alerts: hours closes a month in which N participants of one
 * organisation worked no hour; the bench measures the time until the region's manager sees N open
 * low-hours alerts in flow-through (target at Flanders scale: 15,000 participants within 30 s).
 *
 *   npm run bench:close            (BENCH_CLOSE_PARTICIPANTS, default 1,000)
 */
import 'reflect-metadata';
import { getConnectionToken } from '@nestjs/mongoose';
import { createTestKeyPair, mintToken, startTestService } from '@stapsteen/testing';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../services/flow-through/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../services/hours/src/app.module';
import { mb, round, seededUuid, startBenchStack } from './support';

const PARTICIPANTS = Number(process.env.BENCH_CLOSE_PARTICIPANTS ?? 1000);
const ORG = 'org-bench';
const REGION = 'region-bench';

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

async function main() {
  const stack = await startBenchStack();
  const keys = createTestKeyPair();
  const [hours, flowThrough] = await Promise.all([
    startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
    startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
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
      `month-close bench — ${new Date().toISOString()}, ${PARTICIPANTS} participants without hours, alerts documents ${alertDocuments ? 'made at enrolment' : 'absent'}, FerretDB 1.24 (SQLite), 2 cores`,
    );
    const started = performance.now();
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
    log(
      `  ${open} of ${PARTICIPANTS} alerts open for the manager after ${round(seconds, 1)} s (target: all within 30 s at 15,000)`,
    );
    log(`  baseline: the close itself ${round(closeSeconds, 2)} s; alerts/close = ${round(seconds / closeSeconds, 1)}`);
    log(`memory: rss ${mb(process.memoryUsage().rss)} MB for both services in one process`);
  } finally {
    await Promise.all([hours.close(), flowThrough.close()]);
    await stack.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
