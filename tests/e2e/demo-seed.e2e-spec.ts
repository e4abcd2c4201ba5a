import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@stapsteen/config';
import { createTestKeyPair, mintToken, startTestService, testServiceEnv } from '@stapsteen/testing';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp, GatewayConfig } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';

// The seed scripts are plain CommonJS run by `npm start`; the test drives them as they are.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runSeeders } = require('../../deploy/seed/run-seeders.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plan = require('../../deploy/seed/demo-plan.cjs');

interface PlannedPerson {
  key: string;
  organisationId: string;
  startedOn: string | null;
  endedOn: string | null;
  suspendedOn: string | null;
}
interface GridRow {
  participantId: string;
  countedHours: number;
}

/**
 * The demo data of `npm start`, at a small scale: the seeders run against the four services booted
 * in-process and what an organiser, coach and manager would see is there, believable, and made once.
 */
describe('the demo seed gives every organisation a believable month grid, once', () => {
  const keys = createTestKeyPair();
  // A fixed today for the services' clocks and the seed alike (the test must not depend on the real
  // date): 29 February 2028, a leap day past the tenth, so every past month is closed.
  const today = '2028-02-29';
  // Seven months, so that some participants have the two closed months below target a flag needs.
  const scale = { participants: 15, months: 7, today };
  const todayBefore = process.env['STAPSTEEN_TODAY'];
  const dataDir = mkdtempSync(join(tmpdir(), 'stapsteen-demo-seed-'));
  const apps: INestApplication[] = [];
  const urls: Record<string, string> = {};
  let admin: string;
  const logs: string[] = [];

  beforeAll(async () => {
    process.env['STAPSTEEN_TODAY'] = today;
    const [flowThrough, hours, coaching] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem),
    ]);
    apps.push(flowThrough, hours, coaching);
    for (const [name, app] of [
      ['flow-through', flowThrough],
      ['hours', hours],
      ['coaching', coaching],
    ] as const) {
      await app.listen(0, '127.0.0.1');
      urls[name] = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    }
    const { env } = testServiceEnv('gateway', keys.publicKeyPem, {
      AUTH_JWT_PRIVATE_KEY: keys.privateKeyPem,
      FLOW_THROUGH_URL: urls['flow-through'],
      HOURS_URL: urls.hours,
      COACHING_URL: urls.coaching,
    });
    const gateway = await createGatewayApp(loadConfig(GatewayConfig, env));
    apps.push(gateway);
    await gateway.listen(0, '127.0.0.1');
    urls.gateway = await gateway.getUrl();
    admin = await mintToken(keys.privateKeyPem, { sub: 'admin', role: 'ADMIN', orgIds: [], regionId: null });
    await runSeeders({ dataDir, urls, privateKeyPem: keys.privateKeyPem, log: (m: string) => logs.push(m), scale });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    if (todayBefore === undefined) delete process.env['STAPSTEEN_TODAY'];
    else process.env['STAPSTEEN_TODAY'] = todayBefore;
  });

  const ids = (): Record<string, string> =>
    JSON.parse(readFileSync(join(dataDir, 'seed-demo-participants.json'), 'utf8'));
  const people = (): PlannedPerson[] => plan.participantsPlan(scale);
  const get = (service: string, path: string) =>
    request(urls[service]).get(path).set('Authorization', `Bearer ${admin}`).expect(200);

  it('shows participants with their hours in each organisation’s month grid, 11 to 25 hours a month on average', async () => {
    const seeded = ids();
    const counted: number[] = [];
    const lastMonth: string = plan.pastMonths(scale).at(-1);
    for (const organisationId of plan.ORGANISATIONS as string[]) {
      const grid: GridRow[] = (await get('hours', `/organisations/${organisationId}/months/${lastMonth}`)).body;
      const ours = people().filter((p) => p.organisationId === organisationId && p.startedOn);
      expect(grid.filter((row) => ours.some((p) => seeded[p.key] === row.participantId)).length).toBeGreaterThan(0);
    }
    // Whole months only: the month someone starts, ends or is suspended in is partial by nature.
    for (const month of plan.pastMonths(scale) as string[]) {
      for (const organisationId of plan.ORGANISATIONS as string[]) {
        const grid: GridRow[] = (await get('hours', `/organisations/${organisationId}/months/${month}`)).body;
        for (const p of people().filter((x) => x.organisationId === organisationId && x.startedOn)) {
          const partial = [p.startedOn, p.endedOn, p.suspendedOn].some((d) => d && d.slice(0, 7) >= month);
          const row = grid.find((r) => r.participantId === seeded[p.key]);
          if (!partial && row) counted.push(row.countedHours);
        }
      }
    }
    expect(counted.length).toBeGreaterThan(5);
    const average = counted.reduce((a, b) => a + b, 0) / counted.length;
    expect(average).toBeGreaterThanOrEqual(11);
    expect(average).toBeLessThanOrEqual(25);
    expect(Math.max(...counted)).toBeLessThanOrEqual(60);
  });

  it('flags a few participants at risk of low hours when the past months are closed, not nearly everyone', async () => {
    const seeded = new Set(Object.values(ids()));
    let flagged = 0;
    const months: { month: string; judged: number; flagged: number }[] = [];
    for (const month of plan.pastMonths(scale) as string[]) {
      const tally = { month, judged: 0, flagged: 0 };
      for (const organisationId of plan.ORGANISATIONS as string[]) {
        const close = (await get('hours', `/organisations/${organisationId}/months/${month}/close`)).body;
        const ours = close.results.filter((r: { participantId: string }) => seeded.has(r.participantId));
        tally.judged += ours.length;
        tally.flagged += ours.filter((r: { flagged: boolean }) => r.flagged).length;
      }
      flagged += tally.flagged;
      months.push(tally);
    }
    expect(flagged).toBeGreaterThan(0);
    // A signal, not noise: in a month with enough participants to speak of a share, at most a quarter.
    expect(months.filter((m) => m.judged >= 10 && m.flagged / m.judged > 0.25)).toEqual([]);
  });

  it('gives coaches assessments to look at and signs in with every demo login', async () => {
    const seeded = ids();
    const started = people().find((p) => p.startedOn)!;
    const assessments = (await get('coaching', `/participants/${seeded[started.key]}/assessments`)).body;
    expect(JSON.stringify(assessments)).toContain('COACH');
    for (const user of plan.DEMO_USERS as { email: string; password: string; role: string }[]) {
      const token = await request(urls.gateway)
        .post('/api/auth/token')
        .send({ email: user.email, password: user.password })
        .expect(200);
      const me = await request(urls.gateway).get('/api/me').set('Authorization', `Bearer ${token.body.accessToken}`);
      expect(me.body.role).toBe(user.role);
      if (user.role === 'COACH') {
        // The demo coach's login is the coach of some demo participants: a caseload to look at.
        const participants = (await get('flow-through', '/participants?limit=200')).body;
        expect(JSON.stringify(participants)).toContain(`"coachId":"${me.body.id}"`);
      }
    }
  });

  it("names every participant's coach: each planned coach is a colleague in the gateway's user directory", async () => {
    const users: { id: string; role: string; displayName: string }[] = (await get('gateway', '/api/admin/users')).body;
    const coaches = new Map(users.filter((u) => u.role === 'COACH').map((u) => [u.id, u.displayName]));
    const participants: { items: { coachId: string | null }[] } = (await get('flow-through', '/participants?limit=200'))
      .body;
    const coachIds = [...new Set(participants.items.map((p) => p.coachId).filter((id): id is string => id !== null))];
    expect(coachIds.length).toBeGreaterThan(1);
    expect(coachIds.filter((id) => !coaches.has(id))).toEqual([]);
  });

  it('adds nothing when the seed runs a second time', async () => {
    const before = (await get('flow-through', '/participants?limit=200')).body;
    const again: string[] = [];
    await runSeeders({ dataDir, urls, privateKeyPem: keys.privateKeyPem, log: (m: string) => again.push(m), scale });
    const after = (await get('flow-through', '/participants?limit=200')).body;
    expect(again).toEqual([]);
    expect(JSON.stringify(after)).toEqual(JSON.stringify(before));
  });
});
