import { TOPICS } from '@stapsteen/contracts';
import { createTestKeyPair, dayOf, envelopeText, eventually, mintToken, monthsAgo, sendRaw } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { IMPORT_STALE_AFTER_MS } from '../../services/hours/src/prestations/application/import/import-prestations';
import { CsvRow, countedHoursFrom, csvOf, importJob, seeded, uploadImport } from './support/broker-faults';
import { FaultStack, ServiceProcess, callApi, startFaultStack, startServiceProcess } from './support/db-faults-stack';

/**
 * Service crash (issue 15): hours SIGKILLed in the middle of an import (some chunks written, others
 * not), started again on the same database; the organiser uploads the same file again and the
 * totals are exactly the file's: nothing twice, nothing missing.
 */
describe('hours killed in the middle of an import', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-kempen-${suffix}`;
  const organisation = `org-neteland-${suffix}`;
  // Enough participant-years for several rounds of the import's chunks (100 each, 4 at a time).
  const PARTICIPANTS = Number(process.env.FAULTS_CRASH_PARTICIPANTS ?? 600);
  const month = monthsAgo(1);
  const tokens: Record<string, string> = {};
  let stack: FaultStack;
  let hours: ServiceProcess;
  const participants: string[] = [];

  beforeAll(async () => {
    stack = await startFaultStack('service-crash');
    tokens.organiser = await mintToken(
      keys.privateKeyPem,
      { sub: 'organiser', role: 'ORGANISER', orgIds: [organisation], regionId: region },
      { expiresInSeconds: 3600 },
    );
    tokens.admin = await mintToken(
      keys.privateKeyPem,
      { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null },
      { expiresInSeconds: 3600 },
    );
    hours = await startServiceProcess('hours', keys.publicKeyPem, { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' });
    // The participants as flow-through announces them, in two batches on the real topics.
    const startedOn = dayOf(monthsAgo(3), 1);
    for (let n = 0; n < PARTICIPANTS; n++) participants.push(randomUUID());
    await sendRaw(
      TOPICS.participants,
      participants.map((participantId) => ({
        key: participantId,
        value: envelopeText(participantId, 'participant.enrolled', 'flow-through', {
          participantId,
          organisationId: organisation,
          regionId: region,
          displayName: 'Sofie V.',
          referralSource: 'VDAB',
          coachId: null,
          monthlyHoursTarget: 20,
          exPwa: false,
          enrolledOn: startedOn,
        }),
      })),
    );
    await sendRaw(
      TOPICS.trajectories,
      participants.map((participantId) => ({
        key: participantId,
        value: envelopeText(participantId, 'trajectory.started', 'flow-through', {
          trajectoryId: randomUUID(),
          participantId,
          organisationId: organisation,
          regionId: region,
          startedOn,
          plannedEndOn: null,
          reReferral: false,
        }),
      })),
    );
    await eventually(
      () => callApi(hours.url, 'GET', `/organisations/${organisation}/months/${month}`, tokens.organiser),
      (r) => r.status === 200 && r.body.length === PARTICIPANTS,
      { what: `${PARTICIPANTS} participants in hours' month grid`, timeoutMs: 240_000, intervalMs: 1000 },
    );
  });

  afterAll(async () => {
    await hours?.stop();
    await stack?.down();
  });

  it('gives exactly the file’s totals when the same file is uploaded again after the restart', async () => {
    const random = seeded(42);
    const rows: CsvRow[] = participants.flatMap((participantId) =>
      Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => ({
        participantId,
        date: dayOf(month, 2 + i * 3),
        minutes: 30 + Math.floor(random() * 240),
      })),
    );
    const csv = csvOf(rows);
    const upload = await uploadImport(hours.url, tokens.organiser, organisation, csv);
    expect(upload.status).toBe(202);
    // Killed once some chunks are written and before the last: in the middle.
    const atKill = await eventually(
      () => importJob(hours.url, tokens.organiser, upload.body.id),
      (job) => job.processed > 0 || job.status !== 'RUNNING',
      { what: 'the first chunk of the import written', timeoutMs: 120_000, intervalMs: 20 },
    );
    await hours.kill();
    expect(atKill.status).toBe('RUNNING');
    expect(atKill.processed).toBeLessThan(rows.length);

    await hours.restart();
    const again = await uploadImport(hours.url, tokens.organiser, organisation, csv);
    expect(again.status).toBe(202);
    const job = await eventually(
      () => importJob(hours.url, tokens.organiser, again.body.id),
      (j) => j.status !== 'RUNNING',
      { what: 'the second upload to finish', timeoutMs: 180_000, intervalMs: 500 },
    );
    // Rows the killed upload had stored count as duplicates, the others as accepted: all of them, once.
    expect(job).toMatchObject({ status: 'DONE', total: rows.length, rejected: 0 });
    expect(job.accepted + job.duplicates).toBe(rows.length);
    expect(job.duplicates).toBeGreaterThanOrEqual(atKill.accepted);
    expect(job.accepted).toBeGreaterThan(0);

    const expected = countedHoursFrom(rows);
    const grid = await callApi(hours.url, 'GET', `/organisations/${organisation}/months/${month}`, tokens.organiser);
    expect(grid.status).toBe(200);
    const shown = Object.fromEntries(
      grid.body.map((row: { participantId: string; countedHours: number }) => [row.participantId, row.countedHours]),
    );
    expect(shown).toEqual(Object.fromEntries(participants.map((p) => [p, expected.get(p)!.get(month)])));

    // The killed upload does not claim to be running for ever: once its lease has passed without a
    // sign of life it says it failed, so the organiser knows to upload again.
    const killed = await eventually(
      () => importJob(hours.url, tokens.organiser, upload.body.id),
      (j) => j.status !== 'RUNNING',
      { what: 'the killed upload to show it stopped', timeoutMs: IMPORT_STALE_AFTER_MS + 30_000, intervalMs: 1000 },
    );
    expect(killed.status).toBe('FAILED');
    expect(killed.processed).toBeGreaterThanOrEqual(atKill.processed);
    expect(killed.processed).toBeLessThan(rows.length);
  });
});
