import { eventually, monthsAgo } from '@stapsteen/testing';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { apiAs, bootStack, CallApi, checkScreen, SCREENSHOTS, signIn, Stack } from './harness';

jest.setTimeout(300_000);

describe('the regional manager in a real browser', () => {
  let stack: Stack;
  let asAdmin: CallApi;
  const run = Date.now().toString(36);
  const organisation = { id: `org-webman-${run}`, name: 'Wijk-werken Netevallei', regionId: `region-wm-${run}` };
  // Two more organisations of the region: 54 participants whose month closes at once (more alerts
  // than one page of the inbox holds), and one whose month closes while the manager is on page 2.
  const crowded = { id: `org-webdrukte-${run}`, name: 'Wijk-werken Kempenland', regionId: organisation.regionId };
  const later = { id: `org-weblater-${run}`, name: 'Wijk-werken Zuiderkempen', regionId: organisation.regionId };
  const CROWD = 54;
  const manager = {
    email: `ilse.maes.${run}@kempen.test`,
    password: 'Manager-Wachtwoord-2026',
    displayName: 'Ilse Maes',
  };
  const month = monthsAgo(1);
  let participantId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // No automatic close of last month: the journey closes it while the inbox is open.
    stack = await bootStack({ hoursEnv: { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' } });
    asAdmin = await apiAs(stack.baseUrl, stack.admin);
    for (const o of [organisation, crowded, later])
      await asAdmin('PUT', '/flow-through/organisations', { ...o, kind: 'WIJK_WERK' });
    await asAdmin('POST', '/admin/users', {
      ...manager,
      role: 'REGIONAL_MANAGER',
      organisationIds: [],
      regionId: organisation.regionId,
    });
    const participant = await asAdmin<{ id: string }>('POST', '/flow-through/participants', {
      organisationId: organisation.id,
      firstName: 'Lotte',
      lastName: 'Janssens',
      dateOfBirth: '1979-08-21',
      referralSource: 'VDAB',
      monthlyHoursTarget: 20,
      enrolledOn: `${month}-01`,
    });
    participantId = participant.id;
    await asAdmin('POST', `/flow-through/participants/${participantId}/trajectory/start`, { on: `${month}-01` });
    // Participants of the other two organisations with, like Lotte, two hours in the whole month.
    const enrolStarted = async (organisationId: string, i: number) => {
      const { id } = await asAdmin<{ id: string }>('POST', '/flow-through/participants', {
        organisationId,
        firstName: `Deelnemer${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
        lastName: 'Wouters',
        dateOfBirth: '1985-03-14',
        referralSource: 'VDAB',
        monthlyHoursTarget: 20,
        enrolledOn: `${month}-01`,
      });
      await asAdmin('POST', `/flow-through/participants/${id}/trajectory/start`, { on: `${month}-01` });
      return id;
    };
    const crowd: string[] = [];
    for (let i = 0; i < CROWD; i += 6)
      crowd.push(...(await Promise.all(Array.from({ length: 6 }, (_, j) => enrolStarted(crowded.id, i + j)))));
    const latecomer = await enrolStarted(later.id, 99);
    for (const [o, ids] of [
      [crowded, crowd],
      [later, [latecomer]],
    ] as const)
      await eventually(
        () => asAdmin<{ participantId: string }[]>('GET', `/hours/organisations/${o.id}/months/${month}`),
        (grid) => ids.every((id) => grid.some((row) => row.participantId === id)),
        { what: `every participant of ${o.name} in the hours month grid`, timeoutMs: 60_000 },
      );
    const twoHours = (id: string) =>
      asAdmin('POST', '/hours/prestations', {
        participantId: id,
        date: `${month}-05`,
        minutes: 120,
        gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
        activity: 'Tuinonderhoud',
      });
    const everyone = [...crowd, latecomer];
    for (let i = 0; i < everyone.length; i += 6) await Promise.all(everyone.slice(i, i + 6).map(twoHours));
    // The organisations flag after one month below target (the default is two in a row).
    for (const o of [organisation, crowded, later])
      await asAdmin('PUT', `/hours/organisations/${o.id}/hours-targets`, { steps: [], flagAfterMonthsBelow: 1 });
    // Two hours in the whole month: far below the target of 20.
    await eventually(
      () => asAdmin<{ participantId: string }[]>('GET', `/hours/organisations/${organisation.id}/months/${month}`),
      (grid) => grid.some((row) => row.participantId === participantId),
      { what: 'Lotte in the hours month grid', timeoutMs: 60_000 },
    );
    await asAdmin('POST', '/hours/prestations', {
      participantId,
      date: `${month}-05`,
      minutes: 120,
      gebruiker: { kind: 'PRIVATE_PERSON', reference: 'Fam. Peeters' },
      activity: 'Tuinonderhoud',
    });
  });
  afterAll(async () => stack?.stop());

  it('sees the low-hours alert arrive live, acknowledges it and drills down from region to participant', async () => {
    const page = await (await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' })).newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, stack.baseUrl, manager.email, manager.password);
    await page.getByRole('heading', { name: 'Signalen', level: 1 }).waitFor();
    await page.getByText('Geen open signalen').waitFor();

    // The month closes while the inbox is open: the alert comes in over the stream, no reload.
    const reloads: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && reloads.push(frame.url()));
    await asAdmin('POST', `/hours/organisations/${organisation.id}/months/${month}/close`, {});
    const row = page.getByRole('row').filter({ hasText: 'Lotte Janssens' }).filter({ hasText: 'Weinig uren' });
    await row.waitFor({ timeout: 60_000 });
    expect(reloads).toEqual([]);
    await checkScreen(page, 'manager-alerts');
    await row.getByRole('cell', { name: organisation.name }).waitFor();
    await row.getByRole('button', { name: 'Bevestigen' }).click();
    await row.getByRole('cell', { name: 'Bevestigd' }).waitFor();

    // More alerts than one page: the inbox pages through all of them and says how many there are.
    await asAdmin('POST', `/hours/organisations/${crowded.id}/months/${month}/close`, {});
    // Low hours without coaching also open coaching-gap alerts, later and at their own pace: the
    // pages are checked on the low-hours alerts, whose number is known.
    const asManager = await apiAs(stack.baseUrl, manager);
    await eventually(
      () => asManager<{ total: number }>('GET', '/flow-through/alerts?kind=LOW_HOURS&limit=1'),
      (r) => r.total === CROWD + 1,
      { what: `${CROWD + 1} low-hours alerts in the manager's inbox`, timeoutMs: 60_000 },
    );
    await page.getByLabel('Soort').selectOption({ label: 'Weinig uren' });
    await page.waitForURL(/kind=LOW_HOURS/);
    const inbox = page.getByRole('table', { name: 'Signalen' });
    const paging = page.getByRole('navigation', { name: "Pagina's" }).first();
    await paging.getByText(`1–50 van ${CROWD + 1}`).waitFor();
    expect(await inbox.getByRole('row').count()).toBe(51);
    await paging.getByRole('button', { name: 'Volgende' }).click();
    await paging.getByText(`51–${CROWD + 1} van ${CROWD + 1}`).waitFor();
    await page.waitForURL(/page=1/);
    expect(await inbox.getByRole('row').count()).toBe(CROWD + 1 - 50 + 1);
    const pageTwo = await inbox.getByRole('row').allInnerTexts();

    // A new alert while the manager works on page 2: announced, and the page stays as it was.
    await asAdmin('POST', `/hours/organisations/${later.id}/months/${month}/close`, {});
    await eventually(
      () => asManager<{ total: number }>('GET', '/flow-through/alerts?kind=LOW_HOURS&limit=1'),
      (r) => r.total === CROWD + 2,
      { what: `the latecomer's low-hours alert in the manager's inbox`, timeoutMs: 60_000 },
    );
    await page
      .getByRole('status')
      .getByText(/\d+ nieuwe? signa(al|len) binnengekomen\./)
      .waitFor();
    expect(await inbox.getByRole('row').allInnerTexts()).toEqual(pageTwo);
    await paging.getByText(`51–${CROWD + 1} van ${CROWD + 1}`).waitFor();
    await checkScreen(page, 'manager-alerts-page-2');
    await page.getByRole('button', { name: 'Toon de nieuwe signalen' }).click();
    await paging.getByText(`51–${CROWD + 2} van ${CROWD + 2}`).waitFor();

    // Filters as Dutch controls, carried in the address: one organisation, then one status.
    await page.getByLabel('Organisatie').selectOption({ label: later.name });
    await page.waitForURL(new RegExp(`organisationId=${later.id}`));
    await paging.getByText('1–1 van 1').waitFor();
    await inbox.getByRole('row').filter({ hasText: later.name }).filter({ hasText: 'Weinig uren' }).waitFor();
    await page.getByLabel('Organisatie').selectOption({ label: 'Alle organisaties' });
    await page.getByLabel('Status').selectOption({ label: 'Bevestigd' });
    // Both changes stay in the address, however quickly they follow each other.
    await page.waitForURL((url) => url.searchParams.has('status') && !url.searchParams.has('organisationId'));
    await paging.getByText('1–1 van 1').waitFor();
    await inbox.getByRole('row').filter({ hasText: 'Lotte Janssens' }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Opgelost' });
    await page.getByText('Geen signalen die aan deze filters voldoen.', { exact: false }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Alle niet-opgeloste' });
    await paging.getByText(`1–50 van ${CROWD + 2}`).waitFor();

    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Kerncijfers' }).waitFor();
    // Each chart has its figures as a table, or says plainly that the figures are not there yet.
    for (const title of ['Urenverloop', 'Uitstroom per bestemming', 'Verwijzingstrechter', 'Coachingdekking']) {
      const card = page.getByRole('region', { name: title, exact: true });
      await card
        .getByText(/Cijfers als tabel|Nog niet beschikbaar|Geen gegevens in deze periode/)
        .first()
        .waitFor();
    }
    const exportCsv = page.getByRole('link', { name: 'Kerncijfers als CSV' });
    expect(await exportCsv.getAttribute('href')).toMatch(
      /^\/api\/flow-through\/kpis\/export\.csv\?.*from=\d{4}-\d{2}.*to=\d{4}-\d{2}/,
    );
    // The pseudonymised export runs in the background: started with a button, then offered for download.
    await page.getByRole('button', { name: 'Gepseudonimiseerde gegevens als CSV aanmaken' }).click();
    const pseudonymised = page.getByRole('link', { name: /^Gepseudonimiseerde gegevens downloaden \(\d+ rijen\)$/ });
    await pseudonymised.waitFor();
    const fileHref = await pseudonymised.getAttribute('href');
    expect(fileHref).toMatch(/^\/api\/flow-through\/kpis\/pseudonymised-exports\/[0-9a-f-]{36}\/file$/);
    const file = await page.request.get(new URL(fileHref!, page.url()).toString());
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="kpis-gepseudonimiseerd-/);
    expect(
      (await file.text())
        .replace(/^\uFEFF/, '')
        .split('\n')[0]
        .trim(),
    ).toBe('Pseudoniem;Geboortejaren;Organisatie-id;Maand;Getelde uren;Streefdoel uren;Uitkomst;Uitkomstcode');
    // The dashboard's open alerts are the inbox's total (every kind), once both have heard of every alert.
    const [open] = await eventually(
      async () => [
        (await asManager<{ total: number }>('GET', '/flow-through/alerts?limit=1')).total,
        (await asManager<{ openAlerts: number }>('GET', '/flow-through/kpis/summary')).openAlerts,
      ],
      ([inboxTotal, dashboard]) => inboxTotal === dashboard,
      { what: 'the same open-alert count on the dashboard and in the inbox', timeoutMs: 60_000 },
    );
    await page.reload();
    await page
      .getByRole('region', { name: 'Kerncijfers' })
      .getByRole('link', { name: String(open) })
      .waitFor();
    await checkScreen(page, 'manager-dashboard');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'manager-dashboard-768.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // A narrower period is carried in the address and into the drill-down.
    await page.getByLabel('Van (maand)').fill(month);
    await page.waitForURL(new RegExp(`from=${month}`));
    await page
      .getByRole('region', { name: 'Organisaties in de regio', exact: true })
      .getByRole('link', { name: organisation.name })
      .click();
    await page.getByRole('heading', { name: organisation.name, level: 1 }).waitFor();
    expect(page.url()).toContain(`from=${month}`);
    await page
      .getByRole('region', { name: 'Deelnemers', exact: true })
      .getByRole('link', { name: 'Lotte Janssens' })
      .waitFor();
    await checkScreen(page, 'manager-organisation');

    await page
      .getByRole('region', { name: 'Deelnemers', exact: true })
      .getByRole('link', { name: 'Lotte Janssens' })
      .click();
    await page.getByRole('heading', { name: 'Lotte Janssens', level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Signalen', exact: true })
      .getByRole('cell', { name: 'Weinig uren' })
      .waitFor();
    const hours = page.getByRole('region', { name: new RegExp(`^Uren in ${month.slice(0, 4)}`) }).first();
    await hours.getByText(/uur geteld dit jaar/).waitFor();
    await checkScreen(page, 'manager-participant');

    // English on request.
    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.close();
  });

  it('resolves an alert with a reason, undoes it, and reads who did what in its history', async () => {
    const asManager = await apiAs(stack.baseUrl, manager);
    await eventually(
      () => asManager<{ total: number }>('GET', `/flow-through/alerts?participantId=${participantId}&kind=LOW_HOURS`),
      (r) => r.total === 1,
      { what: "Lotte's low-hours alert in the inbox", timeoutMs: 60_000 },
    );
    const page = await (await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' })).newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, stack.baseUrl, manager.email, manager.password);
    // Signed in before leaving the page: going elsewhere at once would abort the sign-in request.
    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    await page.goto(`${stack.baseUrl}/manager/alerts?kind=LOW_HOURS&organisationId=${organisation.id}`);
    const inbox = page.getByRole('table', { name: 'Signalen' });
    const row = inbox.getByRole('row').filter({ hasText: 'Lotte Janssens' }).filter({ hasText: 'Weinig uren' });
    await row.waitFor();

    // "Oplossen" asks why, in a small form the keyboard can fill and send.
    await row.getByRole('button', { name: 'Oplossen' }).click();
    const reason = page.getByLabel('Waarom is het opgelost?');
    await reason.waitFor();
    expect(await reason.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await reason.fill('Werkt sinds maandag bij een nieuwe werkgever');
    await reason.press('Enter');
    const notice = page.getByRole('status').filter({ hasText: 'Opgelost: Weinig uren van Lotte Janssens.' });
    await notice.waitFor();
    await row.waitFor({ state: 'detached' });
    await checkScreen(page, 'manager-alerts-resolved');

    // Undo: the alert is back in the inbox, open.
    await notice.getByRole('button', { name: 'Ongedaan maken' }).click();
    await row.getByRole('cell', { name: 'Open', exact: true }).waitFor();
    await notice.waitFor({ state: 'detached' });

    // The history, in Dutch: who did what when.
    await row.getByRole('button', { name: 'Details' }).click();
    const history = page.getByRole('region', { name: 'Verloop van het signaal' });
    const steps = history.getByRole('listitem');
    await steps.last().getByText('Heropend door u').waitFor();
    const texts = (await steps.allInnerTexts()).map((t) => t.replace(/^.* — /, ''));
    expect(texts).toEqual([
      'Signaal gemeld door het systeem',
      'Bevestigd door u',
      'Opgelost door u: Werkt sinds maandag bij een nieuwe werkgever',
      'Heropend door u',
    ]);
    await checkScreen(page, 'manager-alerts-history');

    // The reopened alert counts as open again on the dashboard, as in the inbox.
    await eventually(
      async () => [
        (await asManager<{ total: number }>('GET', `/flow-through/alerts?organisationId=${organisation.id}&limit=1`))
          .total,
        (await asManager<{ openAlerts: number }>('GET', `/flow-through/kpis/summary?organisationId=${organisation.id}`))
          .openAlerts,
      ],
      ([inboxTotal, dashboard]) => inboxTotal === dashboard && inboxTotal >= 1,
      { what: "the reopened alert in the dashboard's open-alert count", timeoutMs: 60_000 },
    );
    await page.close();
  });
});
