import { createTestKeyPair, dayOf, eventually, mintToken, monthsAgo } from '@stapsteen/testing';
import { randomUUID } from 'node:crypto';
import { Replica, call, feedParticipant, startReplicas, waitForRoster } from './replicas';

/**
 * Two replicas of the hours service, each its own process with its own in-process lock, on one
 * database (ADR 18): the 60-hour cap must hold across them. Last month, which the replicas keep
 * open (they close a month 60 days after its end at the earliest here).
 */
const suffix = randomUUID().slice(0, 8);
const region = `region-kempen-${suffix}`;
const organisation = `org-neteland-${suffix}`;
const month = monthsAgo(1);
const year = Number(month.slice(0, 4));

describe('two replicas of the hours service', () => {
  const keys = createTestKeyPair();
  let replicas: Replica[] = [];
  let admin: string;
  let organiser: string;

  beforeAll(async () => {
    replicas = await startReplicas('hours', 2, keys.publicKeyPem, {
      HOURS_AUTO_CLOSE_AFTER_DAYS: '60',
      // Lets a run show that this test needs the claims: VERSION_CLAIMS=off breaks the cap.
      VERSION_CLAIMS: process.env.REPLICA_TEST_VERSION_CLAIMS ?? 'on',
    });
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    organiser = await mintToken(keys.privateKeyPem, {
      sub: 'organiser-neteland',
      role: 'ORGANISER',
      orgIds: [organisation],
      regionId: region,
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
  }, 60_000);

  it('accepts exactly 20 of 30 parallel 3-hour entries for one participant-month split across both, and stores 60 hours', async () => {
    const participantId = await feedParticipant({
      organisationId: organisation,
      regionId: region,
      startedOn: dayOf(monthsAgo(2), 1),
    });
    await waitForRoster(replicas[1], admin, [participantId]);
    await waitForRoster(replicas[0], admin, [participantId]);

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(replicas[i % 2], 'POST', '/prestations', organiser, {
          participantId,
          date: dayOf(month, (i % 28) + 1),
          minutes: 180,
          gebruiker: { kind: 'SCHOOL', reference: 'GBS De Klimop' },
          activity: 'Middagtoezicht',
        }).then((answer) => ({ ...answer, replica: i % 2 })),
      ),
    );

    const accepted = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(accepted).toHaveLength(20);
    expect(refused.map((a) => [a.status, a.body.code])).toEqual(Array(10).fill([422, 'HOURS.MONTHLY_CAP_EXCEEDED']));
    // Both processes wrote: the cap held across them, not within one.
    expect(accepted.filter((a) => a.replica === 0).length).toBeGreaterThan(0);
    expect(accepted.filter((a) => a.replica === 1).length).toBeGreaterThan(0);

    for (const replica of replicas) {
      const stored = await call(replica, 'GET', `/participants/${participantId}/hours?year=${year}`, organiser);
      expect(stored.status).toBe(200);
      const summary = stored.body.months.find((m: { month: string }) => m.month === month);
      expect(summary.countedHours).toBe(60);
      expect(summary.prestations.map((p: { id: string }) => p.id).sort()).toEqual(
        accepted.map((a) => a.body.prestation.id).sort(),
      );
    }
  }, 120_000);

  it('keeps the cap when five imports on one replica meet 15 parallel entries on the other for the same participant-month: 20 of 30 stored, 60 hours', async () => {
    const participantId = await feedParticipant({
      organisationId: organisation,
      regionId: region,
      startedOn: dayOf(monthsAgo(2), 1),
    });
    await waitForRoster(replicas[0], admin, [participantId]);
    await waitForRoster(replicas[1], admin, [participantId]);
    const [y, m] = month.split('-');
    // Five files of three rows each: five import steps on one replica among the other's entries.
    const files = Array.from({ length: 5 }, (_, f) =>
      [
        'deelnemer;datum;minuten;type gebruiker;gebruiker;activiteit;km',
        ...Array.from(
          { length: 3 },
          (_, i) =>
            `${participantId};${String(f * 3 + i + 1).padStart(2, '0')}/${m}/${y};180;School;GBS De Klimop;Middagtoezicht;`,
        ),
      ].join('\n'),
    );
    const importOn = async (replica: Replica, csv: string) => {
      const form = new FormData();
      form.set('organisationId', organisation);
      form.set('file', new Blob([csv], { type: 'text/csv' }), 'prestaties.csv');
      const response = await fetch(`${replica.url}/imports`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${organiser}` },
        body: form,
      });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      return eventually(
        () => call(replica, 'GET', `/imports/${id}`, organiser),
        (r) => r.status === 200 && r.body.status !== 'RUNNING',
        { what: 'the import to finish', timeoutMs: 60_000 },
      ).then((r) => r.body);
    };
    const entries = () =>
      Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          call(replicas[1], 'POST', '/prestations', organiser, {
            participantId,
            date: dayOf(month, 14 + i),
            minutes: 180,
            gebruiker: { kind: 'NON_PROFIT', reference: 'Kringwinkel' },
            activity: 'Sorteren',
          }),
        ),
      );

    const [reports, answers] = await Promise.all([
      Promise.all(files.map((csv) => importOn(replicas[0], csv))),
      entries(),
    ]);

    const accepted = answers.filter((a) => a.status === 201);
    const imported = reports.reduce((sum, report) => sum + report.accepted, 0);
    expect(reports.map((report) => report.status)).toEqual(Array(5).fill('DONE'));
    expect(imported + accepted.length).toBe(20);
    expect(reports.flatMap((report) => report.problems.map((p: { code: string }) => p.code))).toEqual(
      Array(15 - imported).fill('HOURS.MONTHLY_CAP_EXCEEDED'),
    );
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code])).toEqual(
      Array(15 - accepted.length).fill([422, 'HOURS.MONTHLY_CAP_EXCEEDED']),
    );
    const stored = await call(replicas[0], 'GET', `/participants/${participantId}/hours?year=${year}`, organiser);
    const summary = stored.body.months.find((s: { month: string }) => s.month === month);
    expect(summary.countedHours).toBe(60);
    expect(summary.prestations).toHaveLength(20);
    // Every entry answered 201 is among them.
    const storedIds = new Set(summary.prestations.map((p: { id: string }) => p.id));
    expect(accepted.filter((a) => !storedIds.has(a.body.prestation.id))).toEqual([]);
  }, 120_000);
});
