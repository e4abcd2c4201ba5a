import { TOPICS } from '@stapsteen/contracts';
import { createTestKeyPair, dayOf, eventually, mintToken, monthsAgo } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import {
  CsvRow,
  brokerOutage,
  countedHoursFrom,
  csvOf,
  envelopesOn,
  flaggedAfterTwoCloses,
  importJob,
  seeded,
  uploadImport,
} from './support/broker-faults';
import { FaultStack, ServiceProcess, callApi, startFaultStack, startServiceProcess } from './support/db-faults-stack';

/**
 * Broker outage (issue 15): Kafka SIGKILLed during an import and during a month close, started
 * again 10 s later on its data. Whatever the services were asked to do in the outage is done,
 * every event they produced in it reaches its consumers afterwards, and the month's totals, flags,
 * coaching gaps and alerts are exactly those the inputs call for (computed here from the rows,
 * never from what the system answered).
 */
describe('a broker outage during an import and during a month close', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-kempen-${suffix}`;
  const organisation = `org-neteland-${suffix}`;
  const TARGET = 20;
  const BEFORE = 24; // participants enrolled before the outages
  const IN_OUTAGE = 6; // participants enrolled while the broker is down
  const [monthA, monthB] = [monthsAgo(2), monthsAgo(1)];
  const startedOn = dayOf(monthsAgo(3), 1);
  const tokens: Record<string, string> = {};
  let stack: FaultStack;
  let flowThrough: ServiceProcess;
  let hours: ServiceProcess;
  let coaching: ServiceProcess;
  const enrolled: string[] = [];
  const rows: CsvRow[] = [];
  const random = seeded(15);

  /** One participant enrolled and started in flow-through (its events go through the outbox). */
  const enrol = async (n: number) => {
    const created = await callApi(flowThrough.url, 'POST', '/participants', tokens.organiser, {
      organisationId: organisation,
      firstName: `Deelnemer${n}`,
      lastName: 'Fault',
      dateOfBirth: '1980-05-17',
      referralSource: 'VDAB',
      monthlyHoursTarget: TARGET,
      enrolledOn: startedOn,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const started = await callApi(flowThrough.url, 'POST', `/participants/${id}/trajectory/start`, tokens.organiser, {
      on: startedOn,
    });
    expect(started.status).toBe(200);
    return id;
  };

  /** Rows for one participant: 0 to 36 counted hours in each month, in prestations of 1 to 4 started hours. */
  const rowsFor = (participantId: string): CsvRow[] => {
    const made: CsvRow[] = [];
    for (const month of [monthA, monthB]) {
      let hoursLeft = Math.floor(random() * 37);
      let day = 1;
      while (hoursLeft > 0) {
        const counted = Math.min(hoursLeft, 1 + Math.floor(random() * 4));
        // Some rows end inside their last hour: it still counts whole.
        const minutes = counted * 60 - (random() < 0.3 ? 25 : 0);
        made.push({ participantId, date: dayOf(month, day++), minutes });
        hoursLeft -= counted;
      }
    }
    return made;
  };

  const rosterHas = (service: ServiceProcess, ids: string[]) =>
    eventually(
      () => callApi(service.url, 'GET', '/participants', tokens.admin),
      (r) =>
        r.status === 200 &&
        ids.every((id) =>
          r.body.some(
            (p: { participantId: string; trajectories: unknown[] }) =>
              p.participantId === id && p.trajectories.length === 1,
          ),
        ),
      { what: `${ids.length} participants with their trajectory in ${service.name}'s roster`, timeoutMs: 120_000 },
    );

  const finishedImport = (id: string) =>
    eventually(
      () => importJob(hours.url, tokens.organiser, id),
      (job) => job.status !== 'RUNNING',
      { what: 'the import to finish', timeoutMs: 120_000 },
    );

  beforeAll(async () => {
    stack = await startFaultStack('broker-outage');
    tokens.admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    tokens.organiser = await mintToken(
      keys.privateKeyPem,
      { sub: 'organiser', role: 'ORGANISER', orgIds: [organisation], regionId: region },
      { expiresInSeconds: 3600 },
    );
    tokens.manager = await mintToken(
      keys.privateKeyPem,
      { sub: 'manager', role: 'REGIONAL_MANAGER', orgIds: [], regionId: region },
      { expiresInSeconds: 3600 },
    );
    tokens.admin = await mintToken(
      keys.privateKeyPem,
      { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null },
      { expiresInSeconds: 3600 },
    );
    [flowThrough, hours, coaching] = await Promise.all([
      startServiceProcess('flow-through', keys.publicKeyPem),
      // No month closes itself while the test runs, whatever day it is.
      startServiceProcess('hours', keys.publicKeyPem, { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' }),
      // No baseline gap within the test's months: the only gaps are the low-hours ones.
      startServiceProcess('coaching', keys.publicKeyPem, { COACHING_BASELINE_DUE_DAYS: '365' }),
    ]);
    const organisationPut = await callApi(flowThrough.url, 'PUT', '/organisations', tokens.admin, {
      id: organisation,
      name: 'Wijk-werken Neteland',
      kind: 'WIJK_WERK',
      regionId: region,
    });
    expect(organisationPut.status).toBe(200);
    for (let n = 0; n < BEFORE; n++) enrolled.push(await enrol(n));
    await Promise.all([rosterHas(hours, enrolled), rosterHas(coaching, enrolled)]);
  });

  afterAll(async () => {
    await Promise.all([flowThrough?.stop(), hours?.stop(), coaching?.stop()]);
    await stack?.down();
  });

  it('finishes an import the broker died under, and delivers the enrolments made in the outage', async () => {
    const first = enrolled.flatMap(rowsFor);
    const upload = await uploadImport(hours.url, tokens.organiser, organisation, csvOf(first));
    expect(upload.status).toBe(202);
    const { result: late } = await brokerOutage(async () => {
      // Written while nothing can be published: they wait in flow-through's outbox.
      const late: string[] = [];
      for (let n = BEFORE; n < BEFORE + IN_OUTAGE; n++) late.push(await enrol(n));
      return late;
    });
    const job = await finishedImport(upload.body.id);
    expect(job).toMatchObject({
      status: 'DONE',
      total: first.length,
      accepted: first.length,
      rejected: 0,
      duplicates: 0,
    });
    rows.push(...first);

    // Every enrolment and trajectory start of the outage reaches both consumers.
    await Promise.all([rosterHas(hours, late), rosterHas(coaching, late)]);
    enrolled.push(...late);
    const second = late.flatMap(rowsFor);
    const upload2 = await uploadImport(hours.url, tokens.organiser, organisation, csvOf(second));
    expect(upload2.status).toBe(202);
    expect(await finishedImport(upload2.body.id)).toMatchObject({ status: 'DONE', accepted: second.length });
    rows.push(...second);

    const expected = countedHoursFrom(rows);
    for (const month of [monthA, monthB]) {
      const grid = await callApi(hours.url, 'GET', `/organisations/${organisation}/months/${month}`, tokens.organiser);
      expect(grid.status).toBe(200);
      const shown = Object.fromEntries(
        grid.body.map((row: { participantId: string; countedHours: number }) => [row.participantId, row.countedHours]),
      );
      expect(shown).toEqual(Object.fromEntries(enrolled.map((p) => [p, expected.get(p)?.get(month) ?? 0])));
    }
    const participantEvents = await envelopesOn(TOPICS.participants);
    for (const id of late) {
      expect(
        participantEvents.filter((e) => e.participantId === id && e.type === 'participant.enrolled').length,
      ).toBeGreaterThanOrEqual(1);
    }
  });

  it('publishes a month close made without a broker once it is back: totals, flags, gaps and alerts as the inputs call for', async () => {
    const expectedHours = countedHoursFrom(rows);
    const flagged = flaggedAfterTwoCloses(enrolled, expectedHours, [monthA, monthB], TARGET);
    // The inputs must exercise both outcomes, or the comparison proves little.
    expect(flagged.size).toBeGreaterThan(0);
    expect(flagged.size).toBeLessThan(enrolled.length);

    const { result: closes } = await brokerOutage(async () => {
      const answers = [];
      for (const month of [monthA, monthB]) {
        answers.push(
          await callApi(hours.url, 'POST', `/organisations/${organisation}/months/${month}/close`, tokens.organiser),
        );
      }
      return answers;
    });
    for (const [index, month] of [monthA, monthB].entries()) {
      expect(closes[index].status).toBe(201);
      const results = Object.fromEntries(
        closes[index].body.results.map((r: { participantId: string; countedHours: number; flagged: boolean }) => [
          r.participantId,
          { countedHours: r.countedHours, flagged: r.flagged },
        ]),
      );
      expect(results).toEqual(
        Object.fromEntries(
          enrolled.map((p) => [
            p,
            { countedHours: expectedHours.get(p)?.get(month) ?? 0, flagged: month === monthB && flagged.has(p) },
          ]),
        ),
      );
    }

    const sorted = (ids: Iterable<string>) => [...ids].sort();
    const alertsOf = async (kind: string) => {
      const page = await callApi(
        flowThrough.url,
        'GET',
        `/alerts?kind=${kind}&organisationId=${organisation}&limit=500`,
        tokens.manager,
      );
      if (page.status !== 200) throw new Error(`GET /alerts: ${page.status}`);
      return page.body.items as Array<{ participantId: string; severity: string; status: string }>;
    };
    // Every flag raised in the outage becomes exactly one LOW_HOURS alert, and only those.
    const lowHours = await eventually(
      () => alertsOf('LOW_HOURS'),
      (items) => JSON.stringify(sorted(items.map((a) => a.participantId))) === JSON.stringify(sorted(flagged)),
      { what: 'one LOW_HOURS alert per flagged participant', timeoutMs: 120_000 },
    );
    expect(lowHours.every((a) => a.severity === 'MEDIUM' && a.status === 'OPEN')).toBe(true);
    // Coaching turns each flag into a gap (nobody is coached), and flow-through each gap into an alert.
    const gaps = await eventually(
      () => callApi(coaching.url, 'GET', `/organisations/${organisation}/gaps`, tokens.admin),
      (r) =>
        r.status === 200 &&
        JSON.stringify(sorted(r.body.map((g: { participantId: string }) => g.participantId))) ===
          JSON.stringify(sorted(flagged)),
      { what: 'one coaching gap per flagged participant', timeoutMs: 120_000 },
    );
    expect(gaps.body.every((g: { reasonCode: string }) => g.reasonCode === 'LOW_HOURS_NO_COACHING')).toBe(true);
    const gapAlerts = await eventually(
      () => alertsOf('COACHING_GAP'),
      (items) => JSON.stringify(sorted(items.map((a) => a.participantId))) === JSON.stringify(sorted(flagged)),
      { what: 'one COACHING_GAP alert per flagged participant', timeoutMs: 120_000 },
    );
    expect(gapAlerts.every((a) => a.severity === 'MEDIUM')).toBe(true);

    // Every event of both closes reached the broker: one participant line per participant and month.
    const hoursEvents = await envelopesOn(TOPICS.hours);
    for (const month of [monthA, monthB]) {
      const lines = new Set(
        hoursEvents
          .filter((e) => e.type === 'hours.participant-month-closed' && e.data.month === month)
          .map((e) => e.participantId),
      );
      expect(sorted(lines)).toEqual(sorted(enrolled));
    }
    const flagsOnTopic = new Set(
      hoursEvents.filter((e) => e.type === 'participant.low-hours-flagged').map((e) => e.participantId),
    );
    expect(sorted(flagsOnTopic)).toEqual(sorted(flagged));
    // The figures stay what they were once everything is delivered (nothing applied twice).
    expect(sorted((await alertsOf('LOW_HOURS')).map((a) => a.participantId))).toEqual(sorted(flagged));
  });
});
