import { mkdirSync } from 'node:fs';
import { assertDutchOnly, bootStack, checkScreen, SCREENSHOTS, signIn, Stack } from './harness';

jest.setTimeout(120_000);

describe('the web app in a real browser', () => {
  let stack: Stack;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await bootStack();
  });
  afterAll(async () => stack?.stop());

  it('refuses a wrong password with a Dutch message on the sign-in screen', async () => {
    const page = await (await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' })).newPage();
    await signIn(page, stack.baseUrl, stack.admin.email, 'verkeerd-wachtwoord');
    await page.getByRole('alert').filter({ hasText: 'E-mailadres of wachtwoord klopt niet.' }).waitFor();
    await checkScreen(page, 'sign-in');
    await page.close();
  });

  it('lets the admin invite an organiser, who sets their own password with the link and signs in', async () => {
    const adminContext = await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseUrl });
    const page = await adminContext.newPage();
    await signIn(page, stack.baseUrl, stack.admin.email, stack.admin.password);
    await page.getByRole('heading', { name: 'Gebruikers', level: 1 }).waitFor();
    // The region gets its name first; every screen then shows "Kempen", never its code.
    const regions = page.getByRole('region', { name: "Regio's" });
    await regions.getByLabel('Code', { exact: true }).fill('region-kempen');
    await regions.getByLabel('Naam', { exact: true }).fill('Kempen');
    await regions.getByRole('button', { name: 'Regio opslaan' }).click();
    await regions.getByRole('cell', { name: 'Kempen', exact: true }).waitFor();
    const organisations = page.getByRole('region', { name: 'Organisaties' });
    await organisations.getByLabel('Code').fill('org-neteland');
    await organisations.getByLabel('Naam').fill('Wijk-werken Neteland');
    await organisations.getByLabel('Soort').selectOption('WIJK_WERK');
    await organisations.getByLabel('Regio').selectOption({ label: 'Kempen' });
    await organisations.getByRole('button', { name: 'Organisatie opslaan' }).click();
    const organisationRow = organisations.getByRole('row').filter({ hasText: 'Wijk-werken Neteland' });
    await organisationRow.getByRole('cell', { name: 'Kempen', exact: true }).waitFor();
    expect(await page.getByText('region-kempen', { exact: true }).count()).toBe(1); // only as the code in the region list

    const create = page.getByRole('region', { name: 'Gebruiker aanmaken' });
    await create.getByLabel('E-mailadres', { exact: true }).fill('an.peeters@neteland.test');
    await create.getByLabel('Naam', { exact: true }).fill('An Peeters');
    // No password to type: the admin gets a one-time link instead.
    expect(await create.getByLabel('Wachtwoord').count()).toBe(0);
    await create.getByRole('combobox', { name: 'Rol' }).selectOption('ORGANISER');
    await create.getByRole('checkbox', { name: 'Wijk-werken Neteland' }).check();
    await create.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    const row = page.getByRole('row').filter({ hasText: 'an.peeters@neteland.test' });
    // The scope is shown by the organisation's name, not its code.
    await row.getByRole('cell', { name: 'Wijk-werken Neteland', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Uitgenodigd (nog geen wachtwoord)', exact: true }).waitFor();
    const invitation = create.getByRole('region', { name: 'Uitnodigingslink voor An Peeters' });
    await invitation
      .getByText(/Deze link wordt maar één keer getoond\. Geef hem aan An Peeters: .* geldig tot \d+ \w+ 20\d\d/)
      .waitFor();
    await invitation.getByRole('button', { name: 'Link kopiëren' }).click();
    await invitation.getByRole('status').filter({ hasText: 'Link gekopieerd' }).waitFor();
    const link = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(link).toMatch(new RegExp(`^${stack.baseUrl}/wachtwoord-instellen\\?token=[A-Za-z0-9_-]{43}$`));
    expect(await invitation.getByLabel('Eenmalige link').inputValue()).toBe(link);
    await checkScreen(page, 'admin-users');

    // The thresholds the services read: coaching's gap windows and flow-through's alert rules.
    await page.getByRole('button', { name: 'Coachingtermijnen van Wijk-werken Neteland' }).click();
    const gaps = page.getByRole('region', { name: 'Coachingtermijnen van Wijk-werken Neteland' });
    await gaps.getByText('Deze organisatie gebruikt nu de standaardtermijnen.').waitFor();
    await gaps.getByLabel('Nulmeting binnen (dagen)').fill('28');
    await gaps.getByRole('button', { name: 'Coachingtermijnen opslaan' }).click();
    await gaps.getByRole('status').filter({ hasText: 'Coachingtermijnen opgeslagen' }).waitFor();
    await page.getByRole('button', { name: 'Signaalregels van Wijk-werken Neteland' }).click();
    const rules = page.getByRole('region', { name: 'Signaalregels van Wijk-werken Neteland' });
    await rules.getByLabel('Traject loopt af zonder doorstroomplan (dagen vooraf)').fill('45');
    await rules.getByRole('button', { name: 'Signaalregels opslaan' }).click();
    await rules.getByRole('status').filter({ hasText: 'Signaalregels opgeslagen' }).waitFor();
    await checkScreen(page, 'admin-thresholds');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();

    // An opens the link in her own browser, chooses a password within the policy, and is signed in.
    const an = await (await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' })).newPage();
    await an.goto(link);
    await an.getByRole('heading', { name: 'Stel je wachtwoord in', level: 1 }).waitFor();
    await an.getByText('Kies een wachtwoord van minstens 12 en hoogstens 128 tekens.', { exact: false }).waitFor();
    await an.getByLabel('Nieuw wachtwoord').fill('te kort');
    await an.getByLabel('Herhaal het wachtwoord').fill('te kort');
    await an.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await an
      .getByRole('alert')
      .filter({ hasText: 'Een wachtwoord heeft minstens 12 tekens; dit heeft er 7.' })
      .waitFor();
    await assertDutchOnly(an);
    await checkScreen(an, 'set-password');
    await an.getByLabel('Nieuw wachtwoord').fill('Organisator-Wachtwoord-1');
    await an.getByLabel('Herhaal het wachtwoord').fill('Organisator-Wachtwoord-1');
    await an.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await an.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    // The link worked once: opened again, it says so in Dutch and points to sign-in.
    await an.goto(link);
    await an.getByLabel('Nieuw wachtwoord').fill('Nog-Een-Ander-Wachtwoord');
    await an.getByLabel('Herhaal het wachtwoord').fill('Nog-Een-Ander-Wachtwoord');
    await an.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await an
      .getByRole('alert')
      .filter({
        hasText: 'Deze link werd al gebruikt. Meld je aan met je wachtwoord, of vraag de beheerder om een nieuwe link.',
      })
      .waitFor();
    await assertDutchOnly(an);
    await an.context().close();

    await signIn(page, stack.baseUrl, 'an.peeters@neteland.test', 'Organisator-Wachtwoord-1');
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Hoofdnavigatie' })
      .getByRole('link', { name: 'Maandoverzicht' })
      .waitFor();
    await checkScreen(page, 'organiser-month-grid');
    await page.close();
  });
});
