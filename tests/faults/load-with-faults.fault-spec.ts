import { createTestKeyPair, dayOf, eventually, mintToken, monthsAgo } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { brokerOutage, seeded } from './support/broker-faults';
import { FaultStack, ServiceProcess, callApi, startFaultStack, startServiceProcess } from './support/db-faults-stack';

/** How long the organisers enter hours: the 5 minutes with FAULTS_LOAD_SECONDS=300; CI runs less. */
const LOAD_MS = Number(process.env.FAULTS_LOAD_SECONDS ?? 60) * 1000;
const ORGANISATIONS = 4;
const ORGANISERS_PER_ORGANISATION = 5; // 20 organisers at once
/**
 * Per organisation: the first near the month's cap before the load starts (57 of 60 hours), so
 * entries for them race for the last hours; two more that take the load; the last gets no hours at
 * all (a flag at the close, whatever the machine's speed).
 */
const PARTICIPANTS_PER_ORGANISATION = 4;
const PREFILLED_HOURS = 57;
const MONTHLY_CAP_HOURS = 60;
const DAILY_MAX_MINUTES = 720;
const TARGET = 20;

type Outcome = 'accepted' | 'refused' | 'unknown';

interface Entry {
  reference: string;
  participantId: string;
  date: string;
  minutes: number;
  outcome: Outcome;
  id?: string;
  code?: string;
}

/**
 * Load with faults (issue 15): 20 organisers enter prestations at once for LOAD_MS while Kafka is
 * SIGKILLed and started again once (10 s) and hours is SIGKILLed and restarted once. Afterwards:
 * no participant over the month's cap or a day's maximum, every accepted prestation stored exactly
 * once (and nothing that was refused), the month close and flow-through's read models agreeing
 * with what was stored, and every low-hours flag exactly one alert.
 */
describe('20 organisers entering hours through a broker outage and a crash of hours', () => {
  const keys = createTestKeyPair();
  const suffix = randomUUID().slice(0, 8);
  const region = `region-kempen-${suffix}`;
  const organisations = Array.from({ length: ORGANISATIONS }, (_, i) => `org-${i}-${suffix}`);
  const month = monthsAgo(1);
  const startedOn = dayOf(monthsAgo(3), 1);
  const tokens: Record<string, string> = {};
  const participantsOf = new Map<string, string[]>();
  let stack: FaultStack;
  let flowThrough: ServiceProcess;
  let hours: ServiceProcess;

  beforeAll(async () => {
    stack = await startFaultStack('load-with-faults');
    const long = { expiresInSeconds: 3600 };
    tokens.admin = await mintToken(
      keys.privateKeyPem,
      { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null },
      long,
    );
    tokens.manager = await mintToken(
      keys.privateKeyPem,
      { sub: 'manager', role: 'REGIONAL_MANAGER', orgIds: [], regionId: region },
      long,
    );
    for (const [i, organisation] of organisations.entries()) {
      for (let n = 0; n < ORGANISERS_PER_ORGANISATION; n++) {
        tokens[`${organisation}:${n}`] = await mintToken(
          keys.privateKeyPem,
          { sub: `organiser-${i}-${n}`, role: 'ORGANISER', orgIds: [organisation], regionId: region },
          long,
        );
      }
    }
    [flowThrough, hours] = await Promise.all([
      startServiceProcess('flow-through', keys.publicKeyPem),
      startServiceProcess('hours', keys.publicKeyPem, { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' }),
    ]);
    for (const organisation of organisations) {
      const organiser = tokens[`${organisation}:0`];
      const put = await callApi(flowThrough.url, 'PUT', '/organisations', tokens.admin, {
        id: organisation,
        name: `Wijk-werken ${organisation}`,
        kind: 'WIJK_WERK',
        regionId: region,
      });
      expect(put.status).toBe(200);
      const ids: string[] = [];
      for (let n = 0; n < PARTICIPANTS_PER_ORGANISATION; n++) {
        const created = await callApi(flowThrough.url, 'POST', '/participants', organiser, {
          organisationId: organisation,
          firstName: `Deelnemer${n}`,
          lastName: 'Load',
          dateOfBirth: '1979-03-08',
          referralSource: 'VDAB',
          monthlyHoursTarget: TARGET,
          enrolledOn: startedOn,
        });
        expect(created.status).toBe(201);
        const started = await callApi(
          flowThrough.url,
          'POST',
          `/participants/${created.body.id}/trajectory/start`,
          organiser,
          { on: startedOn },
        );
        expect(started.status).toBe(200);
        ids.push(created.body.id);
      }
      participantsOf.set(organisation, ids);
      // One closed month below target flags: every flag comes from the one close below.
      const rule = await callApi(hours.url, 'PUT', `/organisations/${organisation}/hours-targets`, organiser, {
        steps: [],
        flagAfterMonthsBelow: 1,
      });
      expect(rule.status).toBe(200);
    }
    for (const organisation of organisations) {
      await eventually(
        () => callApi(hours.url, 'GET', `/organisations/${organisation}/months/${month}`, tokens[`${organisation}:0`]),
        (r) => r.status === 200 && r.body.length === PARTICIPANTS_PER_ORGANISATION,
        { what: `the participants of ${organisation} in hours`, timeoutMs: 120_000 },
      );
    }
  });

  afterAll(async () => {
    await Promise.all([flowThrough?.stop(), hours?.stop()]);
    await stack?.down();
  });

  it('loses nothing, stores nothing twice and breaks no cap', async () => {
    const entries: Entry[] = [];
    // The first participant of each organisation near the cap: 19 prestations of 3 hours.
    for (const [i, organisation] of organisations.entries()) {
      const participantId = participantsOf.get(organisation)![0];
      for (let day = 1; day <= PREFILLED_HOURS / 3; day++) {
        const entry: Entry = {
          reference: `prefill-${i}-${day}`,
          participantId,
          date: dayOf(month, day),
          minutes: 180,
          outcome: 'unknown',
        };
        const response = await callApi(hours.url, 'POST', '/prestations', tokens[`${organisation}:0`], {
          participantId,
          date: entry.date,
          minutes: entry.minutes,
          gebruiker: { kind: 'PRIVATE_PERSON', reference: entry.reference },
          activity: 'Tuinonderhoud',
        });
        expect(response.status).toBe(201);
        entries.push({ ...entry, outcome: 'accepted', id: response.body.prestation.id });
      }
    }
    const started = performance.now();
    const until = started + LOAD_MS;
    const at = (fraction: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, started + LOAD_MS * fraction - performance.now())));
    // The faults, at a third and at two thirds of the load: their moments, not waits for outcomes.
    // Each on its own, so a slow broker start does not push the crash of hours past the load.
    const seconds = () => Math.round((performance.now() - started) / 100) / 10;
    const injected: Record<string, { down: number; back: number }> = {};
    const faults = Promise.all([
      (async () => {
        await at(1 / 3);
        const down = seconds();
        await brokerOutage(async () => undefined);
        injected.kafka = { down, back: seconds() };
      })(),
      (async () => {
        await at(2 / 3);
        const down = seconds();
        await hours.kill();
        await hours.restart();
        injected.hours = { down, back: seconds() };
      })(),
    ]);
    const organiser = async (organisation: string, n: number) => {
      const random = seeded(1000 * organisations.indexOf(organisation) + n);
      const token = tokens[`${organisation}:${n}`];
      // Everyone but the last participant, who stays without hours.
      const ids = participantsOf.get(organisation)!.slice(0, -1);
      for (let i = 0; performance.now() < until; i++) {
        const entry: Entry = {
          reference: `load-${organisations.indexOf(organisation)}-${n}-${i}`,
          participantId: ids[Math.floor(random() * ids.length)],
          date: dayOf(month, 1 + Math.floor(random() * 28)),
          minutes: 30 * (1 + Math.floor(random() * 10)),
          outcome: 'unknown',
        };
        entries.push(entry);
        try {
          const response = await callApi(hours.url, 'POST', '/prestations', token, {
            participantId: entry.participantId,
            date: entry.date,
            minutes: entry.minutes,
            gebruiker: { kind: 'PRIVATE_PERSON', reference: entry.reference },
            activity: 'Tuinonderhoud',
          });
          if (response.status === 201) {
            entry.outcome = 'accepted';
            entry.id = response.body.prestation.id;
          } else if (response.status >= 400 && response.status < 500) {
            entry.outcome = 'refused';
            entry.code = response.body?.code;
          }
        } catch {
          // hours is down (killed, restarting): the outcome stays unknown; the organiser tries again
          // in a moment, as the web app lets them.
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };
    await Promise.all(
      organisations.flatMap((organisation) =>
        Array.from({ length: ORGANISERS_PER_ORGANISATION }, (_, n) => organiser(organisation, n)),
      ),
    );
    await faults;
    // Both faults struck while the organisers were entering hours.
    expect(injected.kafka.down).toBeLessThan(LOAD_MS / 1000);
    expect(injected.hours.down).toBeLessThan(LOAD_MS / 1000);
    const tally = (outcome: Outcome) => entries.filter((e) => e.outcome === outcome).length;
    const capRefusals = entries.filter(
      (e) => e.code === 'HOURS.MONTHLY_CAP_EXCEEDED' || e.code === 'HOURS.DAY_LIMIT_EXCEEDED',
    ).length;
    process.stderr.write(
      `[faults] load: ${entries.length} entries (${(PREFILLED_HOURS / 3) * ORGANISATIONS} before the load) in ` +
        `${Math.round(LOAD_MS / 1000)} s by 20 organisers: ${tally('accepted')} accepted, ${tally('refused')} refused ` +
        `(${capRefusals} by a cap), ${tally('unknown')} unknown; faults (s from the start): ${JSON.stringify(injected)}\n`,
    );

    // What hours stored, per participant: each prestation of the month by its reference.
    const year = Number(month.slice(0, 4));
    const stored = new Map<string, { participantId: string; id: string; date: string; minutes: number }[]>();
    const counted = new Map<string, number>();
    for (const [organisation, ids] of participantsOf) {
      for (const participantId of ids) {
        const response = await callApi(
          hours.url,
          'GET',
          `/participants/${participantId}/hours?year=${year}`,
          tokens[`${organisation}:0`],
        );
        expect(response.status).toBe(200);
        const line = response.body.months.find((m: { month: string }) => m.month === month);
        counted.set(participantId, line.countedHours);
        for (const p of line.prestations.filter((p: { deleted: boolean }) => !p.deleted)) {
          const list = stored.get(p.gebruiker.reference) ?? [];
          list.push({ participantId, id: p.id, date: p.date, minutes: p.minutes });
          stored.set(p.gebruiker.reference, list);
        }
      }
    }
    const byReference = new Map(entries.map((e) => [e.reference, e]));
    const accepted = entries.filter((e) => e.outcome === 'accepted');
    // Every accepted prestation exactly once, as answered; nothing refused stored; nothing stored twice.
    for (const entry of accepted) {
      expect(stored.get(entry.reference)).toEqual([
        { participantId: entry.participantId, id: entry.id, date: entry.date, minutes: entry.minutes },
      ]);
    }
    for (const [reference, list] of stored) {
      expect(list).toHaveLength(1);
      expect(['accepted', 'unknown']).toContain(byReference.get(reference)?.outcome);
    }
    // No cap broken: the month's counted hours and every day's minutes.
    for (const [participantId, hoursCounted] of counted) {
      const mine = [...stored.values()].flat().filter((p) => p.participantId === participantId);
      expect(hoursCounted).toBe(mine.reduce((sum, p) => sum + Math.ceil(p.minutes / 60), 0));
      expect(hoursCounted).toBeLessThanOrEqual(MONTHLY_CAP_HOURS);
      const perDay = new Map<string, number>();
      for (const p of mine) perDay.set(p.date, (perDay.get(p.date) ?? 0) + p.minutes);
      for (const minutes of perDay.values()) expect(minutes).toBeLessThanOrEqual(DAILY_MAX_MINUTES);
    }
    // The load reached the caps (the participants near it), or the test proves little about them.
    expect(capRefusals).toBeGreaterThan(0);

    // The month closes as stored, and flow-through's read models follow: hours lines and one alert per flag.
    const flagged = new Set<string>();
    for (const organisation of organisations) {
      const close = await callApi(
        hours.url,
        'POST',
        `/organisations/${organisation}/months/${month}/close`,
        tokens[`${organisation}:0`],
      );
      expect(close.status).toBe(201);
      for (const result of close.body.results as Array<{
        participantId: string;
        countedHours: number;
        flagged: boolean;
      }>) {
        expect(result.countedHours).toBe(counted.get(result.participantId));
        expect(result.flagged).toBe(result.countedHours < TARGET);
        if (result.flagged) flagged.add(result.participantId);
      }
    }
    // At least the participant of each organisation who got no hours.
    expect(flagged.size).toBeGreaterThanOrEqual(ORGANISATIONS);
    const sorted = (ids: Iterable<string>) => [...ids].sort();
    const alerts = await eventually(
      () =>
        callApi(flowThrough.url, 'GET', `/alerts?kind=LOW_HOURS&limit=500`, tokens.manager).then((r) =>
          r.status === 200 ? (r.body.items as Array<{ participantId: string }>) : [],
        ),
      (items) => JSON.stringify(sorted(items.map((a) => a.participantId))) === JSON.stringify(sorted(flagged)),
      { what: 'exactly one LOW_HOURS alert per flag', timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(alerts).toHaveLength(flagged.size);
    const client = await MongoClient.connect(stack.mongoUri);
    try {
      const months = client
        .db(flowThrough.database)
        .collection<{ _id: string; payload: string }>('kpi_organisation_months');
      for (const [organisation, ids] of participantsOf) {
        const lines = await eventually(
          async () => {
            const document = await months.findOne({ _id: `${organisation}:${month}` });
            return document ? (JSON.parse(document.payload).lines as Record<string, { countedHours: number }>) : {};
          },
          (l) => ids.every((id) => l[id]?.countedHours === counted.get(id)),
          { what: `flow-through's hours of ${organisation}'s month`, timeoutMs: 120_000, intervalMs: 500 },
        );
        expect(Object.keys(lines).sort()).toEqual(sorted(ids));
      }
    } finally {
      await client.close();
    }
    process.stderr.write(
      `[faults] load: ${[...stored.keys()].filter((r) => byReference.get(r)?.outcome === 'unknown').length} ` +
        `of the unknown stored; ${flagged.size} flags, ${alerts.length} alerts\n`,
    );
  });
});
