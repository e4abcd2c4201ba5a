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
    await asAdmin('PUT', '/flow-through/organisations', { ...organisation, kind: 'WIJK_WERK' });
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
    await row.getByRole('button', { name: 'Bevestigen' }).click();
    await row.getByRole('cell', { name: 'Bevestigd' }).waitFor();

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
});
