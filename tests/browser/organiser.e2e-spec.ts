import { monthsAgo, testToday } from '@stapsteen/testing';
import { mkdirSync } from 'node:fs';
import { Locator, Page } from 'playwright-core';
import { apiAs, bootStack, checkScreen, Organiser, SCREENSHOTS, seedOrganiser, Stack } from './harness';

jest.setTimeout(300_000);

/** Last month in Brussels: fully worked, not yet closed (automatic closing is pushed past it). */
function previousMonth(): string {
  return monthsAgo(1);
}

const belgian = (iso: string) => iso.split('-').reverse().map(Number).join('/');

/** Hours learns of participants from flow-through's events: look again until the row is there. */
async function openGridOf(page: Page, monthLabel: RegExp, row: Locator, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    await page.getByRole('button', { name: /Vorige maand/ }).click();
    await page.getByRole('heading', { name: monthLabel, level: 1 }).waitFor();
    try {
      await row.waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
      await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    }
  }
}

describe('the organiser in a real browser', () => {
  let stack: Stack;
  // A fresh organisation per run: the services read the shared Kafka topics from the start.
  const organiser: Organiser = {
    organisation: {
      id: `org-weborg-${Date.now().toString(36)}`,
      name: 'Wijk-werken Kempen-Noord',
      regionId: 'region-kempen',
    },
    email: 'els.wouters@kempen-noord.test',
    password: 'Organisator-Wachtwoord-2',
    displayName: 'Els Wouters',
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await bootStack({ hoursEnv: { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' } });
    await seedOrganiser(stack, organiser);
  });
  afterAll(async () => stack?.stop());

  it('enrols a participant, fills up the month to 60 hours, sees the next one refused, closes the month', async () => {
    const month = previousMonth();
    const monthName = new Intl.DateTimeFormat('nl-BE', { month: 'long', timeZone: 'UTC' }).format(
      new Date(`${month}-15T12:00:00Z`),
    );
    const monthHeading = new RegExp(`Maandoverzicht – ${monthName} ${month.slice(0, 4)}`);
    // A second participant, started last month without any hours, so the close flags someone.
    const asOrganiser = await apiAs(stack.baseUrl, organiser);
    const jan = await asOrganiser<{ id: string }>('POST', '/flow-through/participants', {
      organisationId: organiser.organisation.id,
      firstName: 'Jan',
      lastName: 'Janssens',
      dateOfBirth: '1990-01-01',
      referralSource: 'OCMW',
      enrolledOn: `${month}-01`,
    });
    await asOrganiser('POST', `/flow-through/participants/${jan.id}/trajectory/start`, { on: `${month}-02` });
    // The organisation flags after one month below target (the default is two in a row).
    await asOrganiser('PUT', `/hours/organisations/${organiser.organisation.id}/hours-targets`, {
      steps: [],
      flagAfterMonthsBelow: 1,
    });

    const context = await stack.browser.newContext({
      locale: 'nl-BE',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('E-mailadres', { exact: true }).fill(organiser.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(organiser.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    // The organisation picker shows the name from the directory, not the code.
    const picker = page.getByRole('combobox', { name: 'Organisatie' });
    await picker.getByRole('option', { name: 'Wijk-werken Kempen-Noord' }).waitFor({ state: 'attached' });
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });

    // Enrolment: the form explains per field what is missing, and the API's refusal at its field.
    await nav.getByRole('link', { name: 'Inschrijven' }).click();
    await page.getByRole('heading', { name: 'Deelnemer inschrijven', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    const firstName = page.getByRole('textbox', { name: 'Voornaam (verplicht)' });
    expect(await firstName.getAttribute('aria-invalid')).toBe('true');
    const firstNameHelp = (await firstName.getAttribute('aria-describedby'))!.split(' ')[0];
    expect(await page.locator(`#${firstNameHelp}`).innerText()).toBe('Vul de voornaam in (hoogstens 80 tekens).');
    await firstName.fill('Sofie');
    await page.getByRole('textbox', { name: 'Familienaam (verplicht)' }).fill('Verbeeck');
    await page.getByLabel('Geboortedatum (verplicht)').fill('1987-04-12');
    await page.getByText('zo 12/4/1987').waitFor();
    const nrn = page.getByRole('textbox', { name: 'Rijksregisternummer' });
    await nrn.fill('87.04.12-123.00');
    await page.getByLabel('Doorverwezen door').selectOption('VDAB');
    await page.getByLabel('Datum van doorverwijzing').fill(`${month}-01`);
    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await page.getByText('Dit rijksregisternummer klopt niet (controlegetal). Kijk het na of laat het leeg.').waitFor();
    expect(await nrn.getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'organiser-enrol');
    await nrn.fill('');
    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await page.getByRole('heading', { name: 'Sofie Verbeeck', level: 1 }).waitFor();
    const sofieId = /participants\/([0-9a-f-]{36})/.exec(page.url())![1];

    // The trajectory starts the day after the referral: from then on hours count.
    await page.getByRole('button', { name: 'Traject starten' }).click();
    const start = page.getByRole('form', { name: 'Traject starten' });
    await start.getByLabel('Startdatum (overeenkomst getekend)').fill(`${month}-02`);
    await start.getByRole('button', { name: 'Traject starten' }).click();
    await page.getByRole('heading', { name: 'Traject: Lopend' }).waitFor();

    // Everyone enrolled, also before their start, with the state of their trajectory.
    await nav.getByRole('link', { name: 'Deelnemers' }).click();
    const people = page.getByRole('table', { name: 'Deelnemers' });
    await people.getByRole('row').filter({ hasText: 'Sofie Verbeeck' }).filter({ hasText: 'Lopend' }).waitFor();
    await people.getByRole('row').filter({ hasText: 'Jan Janssens' }).filter({ hasText: 'Lopend' }).waitFor();

    // Keyboard entry of the first prestation of the paper form.
    await nav.getByRole('link', { name: 'Maandoverzicht' }).click();
    const sofieRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Sofie V.' }) });
    await openGridOf(page, monthHeading, sofieRow);
    const entry = page.getByRole('region', { name: 'Prestatie invoeren' });
    await entry.getByLabel('Deelnemer').selectOption({ label: 'Sofie V.' });
    await entry.getByLabel('Datum').fill(`${month}-03`);
    await entry.getByLabel('Duur (u:mm)').focus();
    await page.keyboard.type('3:30');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Familie Peeters');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tuinonderhoud');
    await page.keyboard.press('Enter');
    await entry
      .getByRole('status')
      .filter({ hasText: 'Opgeslagen: 3:30 (4 uur geteld) voor Sofie V.' })
      .filter({ hasText: 'nog 56 van 60' })
      .waitFor();
    // Ready for the next line of the form.
    expect(await page.locator(':focus').getAttribute('id')).toBe('entry-date');

    // The rest of the month from the spreadsheet: 7 × 8 h, a day that does not exist, one hour too many.
    await nav.getByRole('link', { name: 'Importeren' }).click();
    await page.getByRole('heading', { name: 'Prestaties importeren', level: 1 }).waitFor();
    const lines = ['deelnemer;naam;datum;duur;type gebruiker;gebruiker;activiteit;km'];
    for (let day = 4; day <= 10; day++) {
      lines.push(
        `${sofieId};Sofie;${belgian(`${month}-${String(day).padStart(2, '0')}`)};8:00;school;GBS De Klimop;Middagtoezicht;12`,
      );
    }
    lines.push(
      `${sofieId};Sofie;31/${Number(month.slice(5))}/${month.slice(0, 4)};2:00;school;GBS De Klimop;Middagtoezicht;`,
    );
    lines.push(`${sofieId};Sofie;${belgian(`${month}-11`)};1:00;particulier;Familie Peeters;Tuinonderhoud;`);
    if (new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate() === 31) {
      // A 31-day month: make the bad date impossible in every month.
      lines[8] = lines[8].replace(/;31\//, ';32/');
    }
    await page.getByLabel('CSV-bestand').setInputFiles({
      name: `prestaties-${month}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    const report = page.getByRole('region', { name: `Verslag van prestaties-${month}.csv` });
    await report.getByText('Klaar: alle 9 rijen verwerkt.').waitFor();
    await report.getByText('7 rijen aanvaard').waitFor();
    await report.getByText('2 rijen geweigerd').waitFor();
    const refused = report.getByRole('table', { name: /Geweigerde rijen/ });
    await refused
      .getByRole('row')
      .filter({ hasText: '9' })
      .filter({ hasText: 'De datum bestaat niet (gebruik 6/10/2026 of 2026-10-06).' })
      .waitFor();
    await refused
      .getByRole('row')
      .filter({ hasText: '10' })
      .filter({ hasText: 'Zou boven de 60 uur van die maand gaan.' })
      .waitFor();
    await report.getByText('Aanvaard of al aanwezig: rijen 2–8.').waitFor();
    expect(await report.getByRole('progressbar').evaluate((bar) => (bar as unknown as { value: number }).value)).toBe(
      9,
    );
    await checkScreen(page, 'organiser-import-report');

    // The next prestation is refused, explained in the entry form where it was typed.
    await nav.getByRole('link', { name: 'Maandoverzicht' }).click();
    await openGridOf(page, monthHeading, sofieRow);
    await sofieRow.getByRole('cell', { name: '60' }).first().waitFor();
    await sofieRow.getByText('(grens bereikt)').waitFor();
    await entry.getByLabel('Deelnemer').selectOption({ label: 'Sofie V.' });
    await entry.getByLabel('Datum').fill(`${month}-12`);
    await entry.getByLabel('Duur (u:mm)').fill('1:00');
    await entry.getByLabel('Gebruiker', { exact: true }).fill('Familie Peeters');
    await entry.getByLabel('Activiteit').fill('Tuinonderhoud');
    await entry.getByRole('button', { name: 'Opslaan (Enter)' }).click();
    const refusal = entry.getByRole('alert');
    await refusal.filter({ hasText: 'Nog 0 uur toegelaten deze maand (al 60 van 60 geteld).' }).waitFor();
    const duration = entry.getByLabel('Duur (u:mm)');
    expect(await duration.getAttribute('aria-invalid')).toBe('true');
    expect(await duration.getAttribute('aria-describedby')).toBe(await refusal.getAttribute('id'));

    // Sofie's month, as a panel under her row.
    await sofieRow.getByRole('button', { name: 'Sofie V.' }).click();
    const panel = page.getByRole('region', { name: `Prestaties van Sofie V. in ${monthName} ${month.slice(0, 4)}` });
    await panel.getByRole('row').filter({ hasText: 'Middagtoezicht' }).nth(6).waitFor();

    // Closing the month: totals and who was flagged, then Jan's barriers.
    await page.getByRole('button', { name: 'Maand afsluiten' }).click();
    await page.getByRole('button', { name: 'Ja, maand afsluiten' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Maand afgesloten: 2 deelnemers, samen 60 uur geteld, 1 gesignaleerd wegens weinig uren.' })
      .waitFor();
    await page.getByRole('button', { name: 'Drempels van Jan J. registreren' }).click();
    await page.getByRole('checkbox', { name: 'Mobiliteit' }).check();
    await page.getByRole('checkbox', { name: 'Zorgtaken' }).check();
    await page.getByRole('button', { name: 'Drempels opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Drempels van Jan J. opgeslagen.' }).waitFor();
    await checkScreen(page, 'organiser-grid');
    await page.setViewportSize({ width: 768, height: 1024 });
    await checkScreen(page, 'organiser-grid-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });

    // A late correction on the participant's page: the screen says it is late before and after.
    await page.getByRole('link', { name: 'Naar de fiche van Sofie V.' }).click();
    await page.getByRole('heading', { name: 'Sofie Verbeeck', level: 1 }).waitFor();
    const year = month.slice(0, 4);
    if (!testToday().startsWith(year)) {
      // In January last month lies in last year's table.
      await page.getByRole('button', { name: `← ${year}` }).click();
    }
    await page.getByRole('button', { name: new RegExp(`^${monthName} ${year}$`) }).click();
    await page.getByRole('button', { name: new RegExp(`Prestatie van .* 3:30 corrigeren`) }).click();
    const correction = page.getByRole('form', { name: 'Prestatie corrigeren' });
    await correction.getByText('Laattijdige wijziging: de maand is al afgesloten.', { exact: false }).waitFor();
    await correction.getByLabel('Duur (u:mm)').fill('3:00');
    await correction.getByRole('button', { name: 'Correctie opslaan' }).click();
    await correction.getByText('Geef een reden voor deze wijziging.').waitFor();
    await correction.getByLabel('Reden (verplicht)').fill('Prestatieformulier verkeerd overgenomen');
    await correction.getByRole('button', { name: 'Correctie opslaan' }).click();
    const corrected = page.getByRole('row').filter({ hasText: 'Familie Peeters' }).filter({ hasText: '3:00' });
    await corrected.getByText('Laattijdig').waitFor();
    await corrected.getByText('1 keer gewijzigd').waitFor();
    await checkScreen(page, 'organiser-participant');

    // A deletion needs a reason too; the prestation stays visible, struck through.
    const [y, m] = [month.slice(0, 4), Number(month.slice(5))];
    await page.getByRole('button', { name: new RegExp(`Prestatie van \\S+ 10/${m}/${y} 8:00 verwijderen`) }).click();
    const deletion = page.getByRole('form', { name: 'Prestatie verwijderen' });
    await deletion.getByLabel('Reden (verplicht)').fill('Dubbel ingegeven');
    await deletion.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: `10/${m}/${y}` })
      .getByText('Verwijderd')
      .waitFor();
    await page.getByText('51 uur geteld, nog 9 van 60 deze maand').waitFor();

    // The same screen in English, for the organiser who prefers it.
    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('heading', { name: `Hours in ${year}` }).waitFor();
    await corrected.getByText('Late').waitFor();
    await corrected.getByText('changed 1 time').waitFor();
    await page.getByRole('heading', { name: 'Trajectory: Running' }).waitFor();
    await context.close();
  });
});
