import { eventually, monthsAgo } from '@stapsteen/testing';
import { mkdirSync } from 'node:fs';
import { CDPSession, Page, Request } from 'playwright-core';
import { apiAs, assertDutchOnly, bootStack, CallApi, checkScreen, SCREENSHOTS, signIn, Stack } from './harness';

jest.setTimeout(400_000);

/**
 * The manager's inbox names each participant's coach (from the gateway's scoped names lookup) and
 * who changed an alert; a manual resolution can be undone from the resolved list after a reload for
 * as long as flow-through accepts it; the inbox's requests leave in parallel; and a half-typed
 * prestation survives a reload until it is saved, cancelled or its author signs out.
 */
describe("the manager's inbox and the organiser's entry, kept across reloads", () => {
  let stack: Stack;
  let asAdmin: CallApi;
  const run = Date.now().toString(36);
  const month = monthsAgo(1);
  const organisation = { id: `org-h6-${run}`, name: 'Wijk-werken Kleine Nete', regionId: `region-h6-${run}` };
  // Another region's organisation: its coach's name must not reach this region's manager.
  const far = { id: `org-h6far-${run}`, name: 'Wijk-werken Westhoek', regionId: `region-h6far-${run}` };
  const password = 'Een-Lang-Wachtwoord-2026';
  const manager = { email: `ilse.${run}@kempen.test`, password, displayName: 'Ilse Maes' };
  const colleague = { email: `jan.${run}@kempen.test`, password, displayName: 'Jan Colleman' };
  const coach = { email: `els.${run}@kempen.test`, password, displayName: 'Els Peeters' };
  const farCoach = { email: `bart.${run}@westhoek.test`, password, displayName: 'Bart Verre' };
  const organiser = { email: `lies.${run}@kempen.test`, password, displayName: 'Lies Wouters' };
  const ids: Record<string, string> = {};
  /** 50 more participants coached by Els: a full first page of the inbox for the timing. */
  const CROWD = 50;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await bootStack({ hoursEnv: { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' } });
    asAdmin = await apiAs(stack.baseUrl, stack.admin);
    for (const o of [organisation, far])
      await asAdmin('PUT', '/flow-through/organisations', { ...o, kind: 'WIJK_WERK' });
    const user = async (
      key: string,
      who: { email: string; password: string; displayName: string },
      role: string,
      scope: { organisationIds: string[]; regionId: string | null },
    ) => {
      ids[key] = (await asAdmin<{ id: string }>('POST', '/admin/users', { ...who, role, ...scope })).id;
    };
    await user('manager', manager, 'REGIONAL_MANAGER', { organisationIds: [], regionId: organisation.regionId });
    await user('colleague', colleague, 'REGIONAL_MANAGER', { organisationIds: [], regionId: organisation.regionId });
    await user('coach', coach, 'COACH', { organisationIds: [organisation.id], regionId: null });
    await user('farCoach', farCoach, 'COACH', { organisationIds: [far.id], regionId: null });
    await user('organiser', organiser, 'ORGANISER', { organisationIds: [organisation.id], regionId: null });
    const enrolStarted = async (firstName: string, lastName: string, coachId?: string) => {
      const { id } = await asAdmin<{ id: string }>('POST', '/flow-through/participants', {
        organisationId: organisation.id,
        firstName,
        lastName,
        dateOfBirth: '1984-06-02',
        referralSource: 'VDAB',
        monthlyHoursTarget: 20,
        enrolledOn: `${month}-01`,
        ...(coachId ? { coachId } : {}),
      });
      await asAdmin('POST', `/flow-through/participants/${id}/trajectory/start`, { on: `${month}-01` });
      return id;
    };
    ids.lotte = await enrolStarted('Lotte', 'Janssens', ids.coach);
    ids.tom = await enrolStarted('Tom', 'Claes');
    // A coach id of someone outside the region (recorded by mistake): the inbox must not name them.
    ids.sara = await enrolStarted('Sara', 'Mertens', ids.farCoach);
    const crowd: string[] = [];
    for (let i = 0; i < CROWD; i += 5)
      crowd.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, j) =>
            enrolStarted(`Deelnemer${String.fromCharCode(65 + ((i + j) % 26))}${i + j}`, 'Wouters', ids.coach),
          ),
        )),
      );
    await asAdmin('PUT', `/hours/organisations/${organisation.id}/hours-targets`, {
      steps: [],
      flagAfterMonthsBelow: 1,
    });
    const everyone = [ids.lotte, ids.tom, ids.sara, ...crowd];
    await eventually(
      () => asAdmin<{ participantId: string }[]>('GET', `/hours/organisations/${organisation.id}/months/${month}`),
      (grid) => everyone.every((id) => grid.some((row) => row.participantId === id)),
      { what: 'every participant in the hours month grid', timeoutMs: 90_000 },
    );
    // No hours at all last month: far below the target of 20, so the close flags each of them.
    await asAdmin('POST', `/hours/organisations/${organisation.id}/months/${month}/close`, {});
    const asManager = await apiAs(stack.baseUrl, manager);
    await eventually(
      () =>
        asManager<{ total: number }>('GET', `/flow-through/alerts?kind=LOW_HOURS&organisationId=${organisation.id}`),
      (r) => r.total === everyone.length,
      { what: `${everyone.length} low-hours alerts in the manager's inbox`, timeoutMs: 90_000 },
    );
  });
  afterAll(async () => stack?.stop());

  const newPage = async (): Promise<Page> => {
    const context = await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    return page;
  };
  const signedIn = async (who: { email: string; password: string }): Promise<Page> => {
    const page = await newPage();
    await signIn(page, stack.baseUrl, who.email, who.password);
    // Signed in before going elsewhere: leaving at once would abort the sign-in request.
    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    return page;
  };
  const inboxUrl = (extra = '') =>
    `${stack.baseUrl}/manager/alerts?kind=LOW_HOURS&organisationId=${organisation.id}${extra}`;
  const rowOf = (page: Page, name: string) =>
    page.getByRole('table', { name: 'Signalen' }).getByRole('row').filter({ hasText: name });

  it('gives only names, and only of colleagues in the caller’s scope', async () => {
    const asManager = await apiAs(stack.baseUrl, manager);
    const asFarCoach = await apiAs(stack.baseUrl, farCoach);
    const asked = [ids.coach, ids.farCoach, ids.colleague, ids.organiser, 'no-such-user'].join(',');
    expect(await asManager('GET', `/people/names?ids=${asked}`)).toEqual({
      items: [
        { id: ids.coach, displayName: 'Els Peeters' },
        { id: ids.colleague, displayName: 'Jan Colleman' },
        { id: ids.organiser, displayName: 'Lies Wouters' },
      ],
    });
    // The other region's coach learns nothing about this region's people, not even that they exist.
    expect(await asFarCoach('GET', `/people/names?ids=${[ids.coach, ids.manager, 'no-such-user'].join(',')}`)).toEqual({
      items: [],
    });
    // Els's own organisation's organiser and the region's managers, never the other region's coach.
    const asCoach = await apiAs(stack.baseUrl, coach);
    expect(
      (
        await asCoach<{ items: { displayName: string }[] }>('GET', `/people/names?ids=${asked},${ids.manager}`)
      ).items.map((n) => n.displayName),
    ).toEqual(['Els Peeters', 'Jan Colleman', 'Lies Wouters', 'Ilse Maes']);
  });

  it("shows each participant's coach in the inbox, and in an alert's history who changed it by name", async () => {
    const page = await signedIn(manager);
    await page.goto(inboxUrl());
    const coachCell = (name: string) => rowOf(page, name).getByRole('cell').nth(3);
    await eventually(
      async () => [await coachCell('Lotte Janssens').innerText(), await coachCell('Tom Claes').innerText()],
      ([lotte, tom]) => lotte === 'Els Peeters' && tom === 'geen coach',
      { what: "Lotte's coach by name and Tom without a coach", timeoutMs: 30_000 },
    );
    expect(await page.getByRole('columnheader').nth(3).innerText()).toBe('Coach');
    await eventually(
      () => coachCell('Sara Mertens').innerText(),
      (text) => text === 'coach niet gevonden',
      { what: "Sara's coach from another region not named" },
    );
    expect(await page.evaluate<string>('document.body.innerText')).not.toContain('Bart Verre');
    await assertDutchOnly(page);
    await checkScreen(page, 'manager-inbox-coaches');

    // A colleague acknowledges and resolves Lotte's alert: the history names him.
    const asColleague = await apiAs(stack.baseUrl, colleague);
    await asColleague('POST', `/flow-through/alerts/${ids.lotte}/LOW_HOURS/acknowledge`, {});
    await asColleague('POST', `/flow-through/alerts/${ids.lotte}/LOW_HOURS/resolve`, {
      reason: 'Afgesproken met de coach',
    });
    await page.getByLabel('Status').selectOption({ label: 'Opgelost' });
    const lotte = rowOf(page, 'Lotte Janssens');
    await lotte.getByRole('button', { name: 'Details' }).click();
    const steps = page.getByRole('region', { name: 'Verloop van het signaal' }).getByRole('listitem');
    await steps.last().getByText('Opgelost door Jan Colleman: Afgesproken met de coach').waitFor();
    expect((await steps.allInnerTexts()).map((t) => t.replace(/^.* — /, ''))).toEqual([
      'Signaal gemeld door het systeem',
      'Bevestigd door Jan Colleman',
      'Opgelost door Jan Colleman: Afgesproken met de coach',
    ]);
    await assertDutchOnly(page);
    await checkScreen(page, 'manager-inbox-history-names');
    await page.close();
  });

  it('offers to undo a resolution after a reload, from the resolved alerts, while the service accepts it', async () => {
    const page = await signedIn(manager);
    await page.goto(inboxUrl());
    const tom = rowOf(page, 'Tom Claes');
    await tom.getByRole('button', { name: 'Oplossen' }).click();
    await page.getByLabel('Waarom is het opgelost?').fill('Begint volgende week bij een nieuwe werkgever');
    await page.getByLabel('Waarom is het opgelost?').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Opgelost: Weinig uren van Tom Claes.' }).waitFor();
    const asManager = await apiAs(stack.baseUrl, manager);
    const { resolvedAt } = await asManager<{ resolvedAt: string }>('GET', `/flow-through/alerts/${ids.tom}/LOW_HOURS`);

    // After a reload the notice is gone; the resolved alert itself still offers the undo, and until when.
    await page.reload();
    await page.getByLabel('Status').selectOption({ label: 'Opgelost' });
    const undo = tom.getByRole('button', { name: 'Ongedaan maken' });
    await undo.waitFor();
    const until = new Intl.DateTimeFormat('nl-BE', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Brussels',
    }).format(new Date(Date.parse(resolvedAt) + 24 * 3_600_000));
    expect(await tom.getByText(/^kan tot /).innerText()).toMatch(new RegExp(`^kan tot .+ ${until}$`));
    expect(await undo.getAttribute('aria-describedby')).toBeTruthy();
    await assertDutchOnly(page);
    await checkScreen(page, 'manager-inbox-resolved-undo');

    await undo.click();
    await page.getByRole('status').filter({ hasText: 'Heropend: Weinig uren van Tom Claes.' }).waitFor();
    await tom.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption({ label: 'Alle niet-opgeloste' });
    await tom.getByRole('cell', { name: 'Open', exact: true }).waitFor();
    expect((await asManager<{ status: string }>('GET', `/flow-through/alerts/${ids.tom}/LOW_HOURS`)).status).toBe(
      'OPEN',
    );
    await page.close();
  });

  it('asks for the inbox, its names and the signed-in user at once, and loads no chart code for it', async () => {
    const page = await signedIn(manager);
    const cdp: CDPSession = await page.context().newCDPSession(page);
    const timings: number[] = [];
    let requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    // A loaded machine: Chromium's CPU four times slower, five full loads of a full page of 50 rows.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    for (let round = 0; round < 5; round++) {
      requests = [];
      await page.goto(inboxUrl(), { waitUntil: 'commit' });
      timings.push(await untilContent(page));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    timings.sort((a, b) => a - b);
    console.log(`time to content, inbox (50 rows, CPU x4): median ${timings[2]} ms of [${timings.join(', ')}]`);
    await page.waitForLoadState('networkidle');
    const scripts = requests.filter((r) => r.resourceType() === 'script');
    const scriptBytes = (
      await Promise.all(scripts.map(async (r) => (await (await r.response())!.body()).length))
    ).reduce((a, b) => a + b, 0);
    const t0 = Math.min(...requests.map((r) => r.timing().startTime));
    console.log(
      requests
        .map((r) => {
          const timing = r.timing();
          const path = new URL(r.url()).pathname;
          return `${Math.round(timing.startTime - t0)}–${Math.round(timing.startTime - t0 + timing.responseEnd)} ms ${path}`;
        })
        .join('\n'),
    );

    const ended = (request: Request | undefined) => {
      const timing = request!.timing();
      return timing.startTime + timing.responseEnd;
    };
    const find = (pattern: RegExp) => requests.find((r) => pattern.test(new URL(r.url()).pathname));
    const clock = find(/^\/api\/clock$/);
    const page1 = find(/^\/api\/flow-through\/alerts$/);
    const names = find(/^\/api\/flow-through\/participants$/);
    // The inbox's page and the participants' names leave at start-up, before the clock has answered
    // (the app used to wait for the clock, then ask who is signed in, then render and only then ask
    // for the page: three round trips in a row).
    expect(page1!.timing().startTime).toBeLessThan(ended(clock));
    expect(names!.timing().startTime).toBeLessThan(ended(clock));
    expect(requests.filter((r) => new URL(r.url()).pathname === '/api/me')).toHaveLength(1);
    // The chart library (Dashboard, competency charts) is not part of the inbox's code any more.
    expect(scriptBytes).toBeGreaterThan(100_000);
    expect(scriptBytes).toBeLessThan(600_000);
    await page.close();
  });

  it('keeps a half-typed prestation across a reload until it is saved, cancelled or its author signs out', async () => {
    const page = await signedIn(organiser);
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    const entry = page.getByRole('region', { name: 'Prestatie invoeren' });
    const participant = entry.getByLabel('Deelnemer');
    await participant.locator(`option[value="${ids.tom}"]`).waitFor({ state: 'attached', timeout: 60_000 });
    const duration = entry.getByLabel('Duur (u:mm)');
    const gebruiker = entry.getByLabel('Gebruiker', { exact: true });
    const activity = entry.getByLabel('Activiteit');
    const type = async (minutes: string) => {
      await participant.selectOption(ids.tom);
      await duration.fill(minutes);
      await gebruiker.fill('Familie Peeters');
      await activity.fill('Tuinonderhoud');
    };
    const values = async () => [
      await participant.inputValue(),
      await duration.inputValue(),
      await gebruiker.inputValue(),
      await activity.inputValue(),
    ];
    const reloaded = async () => {
      await page.reload();
      await participant.locator(`option[value="${ids.tom}"]`).waitFor({ state: 'attached', timeout: 60_000 });
    };
    const restoredNotice = entry
      .getByRole('status')
      .filter({ hasText: 'Je invoer van voor het herladen staat er nog' });

    await type('2:15');
    await reloaded();
    await restoredNotice.waitFor();
    expect(await values()).toEqual([ids.tom, '2:15', 'Familie Peeters', 'Tuinonderhoud']);
    await assertDutchOnly(page);
    await checkScreen(page, 'organiser-entry-restored');

    // Cancelled: gone now and after a reload.
    await entry.getByRole('button', { name: 'Annuleren' }).click();
    expect((await values()).slice(1)).toEqual(['', '', '']);
    await reloaded();
    expect((await values()).slice(1)).toEqual(['', '', '']);
    expect(await restoredNotice.count()).toBe(0);

    // Saved: nothing comes back after a reload.
    await type('1:00');
    await entry.getByRole('button', { name: 'Opslaan (Enter)' }).click();
    await entry.getByRole('status').filter({ hasText: /Tom/ }).filter({ hasText: /1:00/ }).waitFor();
    await reloaded();
    expect((await values()).slice(1)).toEqual(['', '', '']);

    // Signed out: the draft is gone from the tab, also for whoever signs in next.
    await type('0:30');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByLabel('E-mailadres', { exact: true }).waitFor();
    expect(
      await page.evaluate<string[]>('Object.keys(sessionStorage).filter((k) => k.startsWith("stapsteen.draft."))'),
    ).toEqual([]);
    await page.getByLabel('E-mailadres', { exact: true }).fill(organiser.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(organiser.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await participant.locator(`option[value="${ids.tom}"]`).waitFor({ state: 'attached', timeout: 60_000 });
    expect((await values()).slice(1)).toEqual(['', '', '']);
    await page.close();
  });
});

/** As tests/start/time-to-content.cjs: a first row inside <main> visible and nothing loading. */
const CONTENT_VISIBLE = `(() => {
  const main = document.querySelector('main');
  if (!main) return false;
  if (main.querySelector('[data-state="loading"], [aria-busy="true"]')) return false;
  const content = main.querySelector('table tbody tr, canvas, svg, [role="listitem"], li, dd');
  if (!content) return false;
  const box = content.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
})()`;

async function untilContent(page: Page, deadlineMs = 30_000): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await page.evaluate<boolean>(CONTENT_VISIBLE).catch(() => false))
      return Math.round(await page.evaluate<number>('performance.now()'));
    if (Date.now() > deadline) throw new Error(`no content on ${page.url()} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
