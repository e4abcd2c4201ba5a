import { TOPICS } from '@stapsteen/contracts';
import { eventually, monthsAgo, sendRaw, waitForMessage } from '@stapsteen/testing';
import ExcelJS from 'exceljs';
import {
  FlowThroughFixture,
  brusselsToday,
  fixtureIds,
  hoursMessage,
  startFlowThroughFixture,
} from '../../test/http-fixture';

/** The KPI read models fed by real events over Kafka, read through the real endpoints. */
describe('flow-through KPIs over real Kafka and FerretDB', () => {
  const ids = fixtureIds();
  const today = brusselsToday();
  const month = today.slice(0, 7);
  let fixture: FlowThroughFixture;
  const http = () => fixture.http();
  const as = (who: string) => fixture.as(who);
  const ids2 = { started: '', dropped: '' };

  const hoursEvent = (type: string, participantId: string, data: object) =>
    hoursMessage(type, participantId, { participantId, organisationId: ids.neteland, regionId: ids.kempen, ...data });

  /** Neteland's month close of one participant, as hours publishes it. */
  const netelandMonthClosed = (closedMonth: string, participantId: string, countedHours: number) =>
    hoursMessage('hours.month-closed', ids.neteland, {
      organisationId: ids.neteland,
      regionId: ids.kempen,
      month: closedMonth,
      closedAt: `${today}T18:00:00.000Z`,
      closedBy: 'ORGANISER',
      participants: [{ participantId, countedHours, targetHours: 20, belowTarget: countedHours < 20 }],
    });

  const summaryOf = (who: string, query: Record<string, string> = {}) =>
    http().get('/kpis/summary').query(query).set(as(who));

  beforeAll(async () => {
    fixture = await startFlowThroughFixture(ids);
    ids2.started = await fixture.started();
    ids2.dropped = await fixture.enrol();
    await http()
      .post(`/participants/${ids2.dropped}/trajectory/drop-off`)
      .set(as('neteland'))
      .send({ droppedOn: today, reasonCode: 'NOT_REACHED' })
      .expect(200);
  });

  afterAll(() => fixture?.close());

  it('counts referrals, starts, exits and closed hours from the events, a redelivered one once', async () => {
    // Kafka may deliver again: the month-close twice, then a correction that replaces it.
    const close = (countedHours: number) => netelandMonthClosed(month, ids2.started, countedHours);
    const closed = close(14);
    await sendRaw(TOPICS.hours, [closed, closed, close(30)]);
    // The start as flow-through published it, delivered again; the exit after it shares the partition.
    const start = await waitForMessage(TOPICS.trajectories, (m) => {
      const envelope = JSON.parse(m.value);
      return envelope.type === 'trajectory.started' && envelope.data.participantId === ids2.started;
    });
    await sendRaw(TOPICS.trajectories, [{ key: ids2.started, value: start.value }]);
    await http()
      .post(`/participants/${ids2.started}/trajectory/end`)
      .set(as('neteland'))
      .send({ on: today, destination: 'NEC_JOB' })
      .expect(200);

    const summary = await eventually(
      () => summaryOf('managerKempen'),
      // Each topic is projected on its own: wait until the enrolments, the exit and the corrected
      // month have all arrived, not just the last of them.
      (r) => r.status === 200 && r.body.referred === 2 && r.body.ended === 1 && r.body.averageCountedHours === 30,
      { what: 'both referrals, the exit and the corrected month in the Kempen summary' },
    );
    expect(summary.body).toMatchObject({
      referred: 2,
      started: 1,
      active: 1,
      ended: 1,
      positiveOutflowRate: 1,
      inWorkNineMonthsRate: null,
      averageCountedHours: 30,
      shareBelowTarget: 0,
    });

    const trend = await http().get('/kpis/hours-trend').set(as('managerKempen')).expect(200);
    expect(trend.body.months.find((m: { month: string }) => m.month === month)).toEqual({
      month,
      participantMonths: 1,
      averageCountedHours: 30,
      shareBelowTarget: 0,
    });
    const outflow = await http().get('/kpis/outflow-by-destination').set(as('managerKempen')).expect(200);
    expect(outflow.body.destinations).toEqual([{ destination: 'NEC_JOB', positive: true, count: 1 }]);
    const funnel = await http().get('/kpis/referral-funnel').set(as('managerKempen')).expect(200);
    expect(funnel.body).toMatchObject({
      stages: [
        { stage: 'REFERRED', count: 2 },
        { stage: 'INTAKE', count: 1 },
        { stage: 'STARTED', count: 1 },
      ],
      dropOffs: [{ stage: 'REFERRED', reasonCode: 'NOT_REACHED', count: 1 }],
    });
    const drill = await http().get('/kpis/organisations').set(as('managerKempen')).expect(200);
    expect(
      drill.body.organisations.map((o: { organisationId: string; referred: number }) => [o.organisationId, o.referred]),
    ).toEqual(
      expect.arrayContaining([
        [ids.neteland, 2],
        [ids.herentals, 0],
      ]),
    );
    expect(drill.body.organisations.map((o: { organisationId: string }) => o.organisationId)).not.toContain(ids.ghent);
  });

  it('shows the Gent manager nothing of Kempen and answers 404 when they ask for it', async () => {
    expect((await summaryOf('managerGent').expect(200)).body).toMatchObject({ referred: 0, started: 0 });
    const region = await summaryOf('managerGent', { regionId: ids.kempen }).expect(404);
    expect(region.headers['content-type']).toContain('application/problem+json');
    expect(region.body.code).toBe('KPI.SCOPE_NOT_FOUND');
    await summaryOf('managerGent', { organisationId: ids.neteland }).expect(404);
    await summaryOf('herentals', { organisationId: ids.neteland }).expect(404);
    expect((await summaryOf('herentals').expect(200)).body.referred).toBe(0);
  });

  it('refuses a period over 36 months or running backwards with a problem', async () => {
    const long = await summaryOf('managerKempen', { from: '2023-01', to: '2026-01' }).expect(400);
    expect(long.body.code).toBe('KPI.PERIOD_TOO_LONG');
    const backwards = await summaryOf('managerKempen', { from: '2026-05', to: '2026-04' }).expect(400);
    expect(backwards.body.code).toBe('KPI.PERIOD_REVERSED');
  });

  it('counts an alert raised from an hours report as open, by kind and age, as many as the inbox lists', async () => {
    await sendRaw(TOPICS.hours, [
      hoursEvent('participant.low-hours-flagged', ids2.started, {
        month,
        countedHours: 14,
        targetHours: 20,
        consecutiveMonthsBelow: 1,
        fallingTrend: false,
        severity: 'MEDIUM',
      }),
    ]);
    const alerts = await eventually(
      () => http().get('/kpis/alerts').set(as('neteland')),
      (r) =>
        r.status === 200 &&
        r.body.kinds.some((k: { kind: string; open: number }) => k.kind === 'LOW_HOURS' && k.open === 1),
      { what: 'the LOW_HOURS alert in the KPI alerts' },
    );
    expect(alerts.body.kinds.find((k: { kind: string }) => k.kind === 'LOW_HOURS').byAge).toEqual({
      '0-7': 1,
      '8-30': 0,
      '31+': 0,
    });
    // The dashboard and the inbox count the same alerts: per kind, and per age band (8–30 and 31+
    // are the inbox's "older than 7 days" and "older than 30 days").
    for (const who of ['neteland', 'managerKempen']) {
      const dashboard = (await http().get('/kpis/alerts').set(as(who)).expect(200)).body.kinds as Array<{
        kind: string;
        open: number;
        byAge: Record<string, number>;
      }>;
      const inbox = async (query: string) =>
        (await http().get(`/alerts?${query}`).set(as(who)).expect(200)).body.total as number;
      for (const kind of dashboard) {
        expect([who, kind.kind, await inbox(`kind=${kind.kind}`)]).toEqual([who, kind.kind, kind.open]);
        expect(await inbox(`kind=${kind.kind}&olderThanDays=7`)).toBe(kind.byAge['8-30'] + kind.byAge['31+']);
        expect(await inbox(`kind=${kind.kind}&olderThanDays=30`)).toBe(kind.byAge['31+']);
      }
      const summary = (await summaryOf(who).expect(200)).body;
      expect(await inbox('')).toBe(summary.openAlerts);
    }
  });

  it('exports the organisation-months as CSV and XLSX, and suppresses small groups in the pseudonymised one', async () => {
    // Waits for the set-up's referrals and start to be projected, so this test needs none before it.
    const csv = await eventually(
      () => http().get('/kpis/export.csv').set(as('managerKempen')),
      (r) =>
        r.status === 200 &&
        r.text.split('\n').some((line) => line.startsWith(`${ids.neteland};`) && line.includes(`;${month};2;1;1;`)),
      { what: "Neteland's referrals and start of this month in the CSV export" },
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="kpis-\d{4}-\d{2}_\d{4}-\d{2}\.csv"/);
    const row = csv.text.split('\n').find((line) => line.startsWith(`${ids.neteland};`) && line.includes(`;${month};`));
    expect(row?.split(';').slice(3, 7)).toEqual([month, '2', '1', '1']);

    const xlsx = await http()
      .get('/kpis/export.xlsx')
      .set(as('managerKempen'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Organisatie-id');
    expect(sheet.rowCount).toBeGreaterThan(1);

    // Last month, Neteland closed with one participant: under five, so no participant row is
    // published. This test sends that close itself and exports only that month, so it needs no
    // other test before it.
    const lastMonth = monthsAgo(1);
    await sendRaw(TOPICS.hours, [netelandMonthClosed(lastMonth, ids2.started, 12)]);
    await eventually(
      () => http().get('/kpis/hours-trend').query({ from: lastMonth, to: lastMonth }).set(as('managerKempen')),
      (r) => r.status === 200 && r.body.months.some((m: { participantMonths: number }) => m.participantMonths === 1),
      { what: "last month's close of Neteland in the hours trend" },
    );
    // The export runs in the background: started, followed, then downloaded by the one who started it.
    const started = await http()
      .post('/kpis/pseudonymised-exports')
      .set(as('managerKempen'))
      .send({ from: lastMonth, to: lastMonth })
      .expect(202);
    expect(started.headers.location).toBe(`/kpis/pseudonymised-exports/${started.body.id}`);
    expect(started.body).toMatchObject({ filename: expect.stringMatching(/^kpis-gepseudonimiseerd-/) });
    const done = await eventually(
      () => http().get(started.headers.location).set(as('managerKempen')),
      (r) => r.status === 200 && r.body.status === 'DONE',
      { what: 'the pseudonymised export finished' },
    );
    const organisations = (await http().get('/kpis/organisations').set(as('managerKempen')).expect(200)).body
      .organisations.length;
    expect(done.body.progress).toEqual({ done: organisations, total: organisations, rows: 0, suppressedGroups: 1 });
    const pseudonymised = await http().get(`${started.headers.location}/file`).set(as('managerKempen')).expect(200);
    expect(pseudonymised.headers['content-disposition']).toBe(`attachment; filename="${done.body.filename}"`);
    const lines = pseudonymised.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(pseudonymised.text).not.toContain(ids2.started);
    // Someone else's export does not exist for them, even in the same region or for an admin.
    for (const who of ['managerGent', 'admin']) {
      const other = await http().get(started.headers.location).set(as(who)).expect(404);
      expect(other.headers['content-type']).toContain('application/problem+json');
      expect(other.body.code).toBe('KPI.EXPORT_NOT_FOUND');
      expect((await http().get(`${started.headers.location}/file`).set(as(who)).expect(404)).body.code).toBe(
        'KPI.EXPORT_NOT_FOUND',
      );
    }
    const outOfScope = await http()
      .post('/kpis/pseudonymised-exports')
      .set(as('managerGent'))
      .send({ regionId: ids.kempen })
      .expect(404);
    expect(outOfScope.body.code).toBe('KPI.SCOPE_NOT_FOUND');
    const organiser = await http().post('/kpis/pseudonymised-exports').set(as('neteland')).send({}).expect(403);
    expect(organiser.body.code).toBe('AUTH.ROLE_FORBIDDEN');
  });
});
