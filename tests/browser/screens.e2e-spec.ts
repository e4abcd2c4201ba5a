import { addDays } from '@stapsteen/calendar';
import { eventually, monthsAgo, testToday } from '@stapsteen/testing';
import { weekOf } from '../../services/gateway/web/src/screens/entry-helpers';
import { mkdirSync } from 'node:fs';
import { Page } from 'playwright-core';
import { apiAs, assertDutchOnly, bootStack, CallApi, checkScreen, SCREENSHOTS, signIn, Stack } from './harness';

jest.setTimeout(420_000);

/** Today and last month in Brussels, as YYYY-MM-DD and YYYY-MM. */
function calendar(): { today: string; previousMonth: string; currentMonth: string } {
  const today = testToday();
  return { today, currentMonth: monthsAgo(0), previousMonth: monthsAgo(1) };
}

const monthLabel = (month: string) =>
  new Intl.DateTimeFormat('nl-BE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );

/**
 * Polls an expression in the page until it is true. (page.waitForFunction polls with an eval inside
 * the page, which the web app's Content-Security-Policy rightly forbids: it failed whenever the
 * first evaluation was still false; page.evaluate goes through the debugging protocol instead.)
 */
async function untilTrueInPage(page: Page, expression: string, what: string): Promise<void> {
  await eventually(
    () => page.evaluate<boolean>(expression),
    (value) => value === true,
    { what, timeoutMs: 10_000 },
  );
}

/** The focus after navigation sits on the main heading, with a subtle frame (not the 3 px orange one). */
async function expectFocusOnHeading(page: Page, name: RegExp | string): Promise<void> {
  await untilTrueInPage(page, "document.activeElement && document.activeElement.tagName === 'H1'", 'focus on the h1');
  // Evaluated in the page (the test's own TypeScript has no DOM types).
  const focused = await page.evaluate<{ text: string; outline: number; mainOutline: string }>(`(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const main = getComputedStyle(document.querySelector('main'));
    return {
      text: element.innerText,
      // "outline: none" keeps a computed width (medium = 3px): only a drawn outline counts.
      outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) || 0,
      mainOutline: main.outlineStyle,
    };
  })()`);
  expect(focused.text).toMatch(name);
  expect(focused.outline).toBeLessThanOrEqual(2);
  expect(focused.mainOutline).toBe('none');
}

describe('every screen: Dutch from stable codes, loading states, guards, names that cannot be confused', () => {
  let stack: Stack;
  let asAdmin: CallApi;
  const run = Date.now().toString(36);
  const { today, previousMonth, currentMonth } = calendar();
  const organisation = { id: `org-webscreens-${run}`, name: 'Wijk-werken Netevallei', regionId: `region-ws-${run}` };
  const organiser = { email: `an.peeters.${run}@netevallei.test`, password: 'Organisator-Wachtwoord-3' };
  const coach = { email: `lien.maes.${run}@netevallei.test`, password: 'Coach-Wachtwoord-2026x' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await bootStack({ hoursEnv: { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' } });
    asAdmin = await apiAs(stack.baseUrl, stack.admin);
    await asAdmin('PUT', '/flow-through/organisations', { ...organisation, kind: 'WIJK_WERK' });
    await asAdmin('POST', '/admin/users', {
      ...organiser,
      displayName: 'An Peeters',
      role: 'ORGANISER',
      organisationIds: [organisation.id],
      regionId: null,
    });
    const coachUser = await asAdmin<{ id: string }>('POST', '/admin/users', {
      ...coach,
      displayName: 'Lien Maes',
      role: 'COACH',
      organisationIds: [organisation.id],
      regionId: organisation.regionId,
    });
    // Two pairs of people whose shortened names are the same: "Greet V." and "Koen V.".
    const people: Array<[string, string, string, string | undefined]> = [
      ['Greet', 'Vermeulen', '1985-02-03', coachUser.id],
      ['Greet', 'Verhoeven', '1990-07-08', coachUser.id],
      ['Koen', 'Vos', '1979-11-30', undefined],
      ['Koen', 'Verstraete', '1988-05-05', undefined],
    ];
    for (const [firstName, lastName, dateOfBirth, coachId] of people) {
      const participant = await asAdmin<{ id: string }>('POST', '/flow-through/participants', {
        organisationId: organisation.id,
        firstName,
        lastName,
        dateOfBirth,
        referralSource: 'OCMW',
        enrolledOn: `${previousMonth}-01`,
        ...(coachId ? { coachId } : {}),
      });
      await asAdmin('POST', `/flow-through/participants/${participant.id}/trajectory/start`, {
        on: `${previousMonth}-02`,
      });
      ids[`${firstName} ${lastName}`] = participant.id;
    }
    await eventually(
      () =>
        asAdmin<{ participantId: string }[]>('GET', `/hours/organisations/${organisation.id}/months/${previousMonth}`),
      (grid) => Object.values(ids).every((id) => grid.some((row) => row.participantId === id)),
      { what: 'all four in the hours grid', timeoutMs: 90_000 },
    );
    await eventually(
      () => asAdmin<{ participantId: string }[]>('GET', '/coaching/participants'),
      (roster) => Object.values(ids).every((id) => roster.some((p) => p.participantId === id)),
      { what: 'all four in the coaching roster', timeoutMs: 90_000 },
    );
  });
  afterAll(async () => stack?.stop());

  it('organiser: loading states, told-apart names, Dutch refusals, month close only after the month, guards', async () => {
    const context = await stack.browser.newContext({
      locale: 'nl-BE',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    // While the month's participants are on the way, the screens say so (the answer is held back here).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const gridAnswer = /\/api\/hours\/organisations\/[^/]+\/months\/\d{4}-\d{2}$/;
    await page.route(gridAnswer, async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, stack.baseUrl, organiser.email, organiser.password);
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    await page.locator('[data-state="loading"]').first().waitFor();
    expect(await page.getByRole('combobox', { name: 'Deelnemer' }).isDisabled()).toBe(true);
    expect(await page.getByRole('table').count()).toBe(0);
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-grid-loading');
    await nav.getByRole('link', { name: 'Importeren' }).click();
    await page.getByRole('heading', { name: 'Prestaties importeren', level: 1 }).waitFor();
    await page.getByText('Sjabloon wordt klaargemaakt: deelnemers laden…').waitFor();
    expect(await page.getByRole('link', { name: /Sjabloon/ }).count()).toBe(0);
    await checkScreen(page, 'screens-import-loading');
    release();
    await page.getByRole('link', { name: /Sjabloon/ }).waitFor();
    await nav.getByRole('link', { name: 'Maandoverzicht' }).click();
    await page.getByRole('table').getByRole('rowheader').first().waitFor();
    await expectFocusOnHeading(page, /Maandoverzicht/);

    // Time to content: navigation start → the grid's rows visible (the month grid, on fresh load).
    await page.goto(`${stack.baseUrl}/organiser`);
    await page.getByRole('table').getByRole('rowheader').first().waitFor();
    const timeToContent = await page.evaluate<number>('performance.now()');
    console.log(`time to content, month grid: ${Math.round(timeToContent)} ms`);
    expect(timeToContent).toBeLessThan(10_000);

    // Last month: four rows, no two under the same name, the entry list too.
    await page.getByRole('button', { name: /Vorige maand/ }).click();
    await page
      .getByRole('heading', { name: new RegExp(`Maandoverzicht – ${monthLabel(previousMonth)}`), level: 1 })
      .waitFor();
    const rowNames = page.getByRole('table').getByRole('rowheader');
    await eventually(
      () => rowNames.allInnerTexts(),
      (names) => names.length === 4,
      { what: 'four rows in last month', timeoutMs: 30_000 },
    );
    const names = (await rowNames.allInnerTexts()).map((n) => n.trim());
    expect(new Set(names).size).toBe(4);
    expect(names.filter((n) => n.startsWith('Greet V. (nr. '))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('Koen V. (nr. '))).toHaveLength(2);
    expect(await page.getByRole('region', { name: 'Prestatie invoeren' }).count()).toBe(1);
    const chooser = page
      .getByRole('region', { name: 'Prestatie invoeren' })
      .getByRole('combobox', { name: 'Deelnemer' });
    const options = await chooser.evaluate((select) =>
      [...(select as unknown as { options: { text: string }[] }).options].map((o) => o.text),
    );
    expect(new Set(options).size).toBe(4);
    expect(options.sort()).toEqual([...names].sort());

    // A refusal of the request body by the server, in Dutch and naming the field as the form does.
    await page.route('**/api/hours/prestations', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      await route.continue({ postData: JSON.stringify({ ...body, minutes: 900 }) });
    });
    const entry = page.getByRole('region', { name: 'Prestatie invoeren' });
    await entry.getByLabel('Datum').fill(`${previousMonth}-03`);
    await entry.getByLabel('Duur (u:mm)').fill('2:00');
    await entry.getByLabel('Gebruiker', { exact: true }).fill('Familie Peeters');
    await entry.getByLabel('Activiteit').fill('Tuinonderhoud');
    await entry.getByRole('button', { name: 'Opslaan (Enter)' }).click();
    await entry.getByRole('alert').filter({ hasText: 'Duur mag niet meer zijn dan 720.' }).waitFor();
    await page.unroute('**/api/hours/prestations');

    // Last month is over: closing is offered. This month is not: it says from when.
    await page.getByRole('button', { name: 'Maand afsluiten' }).waitFor();
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-grid-names');
    await page.getByRole('button', { name: /Volgende maand/ }).click();
    await page
      .getByRole('heading', { name: new RegExp(`Maandoverzicht – ${monthLabel(currentMonth)}`), level: 1 })
      .waitFor();
    await page.getByTestId('close-not-yet').waitFor();
    // Last month's refusal does not linger on this month.
    expect(await page.getByText('Duur mag niet meer zijn dan 720.').count()).toBe(0);
    expect(await page.getByTestId('close-not-yet').innerText()).toMatch(/kan zodra de maand voorbij is, vanaf 1/);
    expect(await page.getByRole('button', { name: 'Maand afsluiten' }).count()).toBe(0);
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-grid-current-month');

    // The template has the told-apart names too.
    await nav.getByRole('link', { name: 'Importeren' }).click();
    const template = page.getByRole('link', { name: /Sjabloon/ });
    await template.waitFor();
    const csv = decodeURIComponent((await template.getAttribute('href'))!.split(',').slice(1).join(','));
    expect(csv.match(/Greet V\. \(nr\. \d+\)/g)).toHaveLength(2);

    // The enrolment summary stands above the fields, each item a link to its field.
    await nav.getByRole('link', { name: 'Inschrijven' }).click();
    await page.getByRole('heading', { name: 'Deelnemer inschrijven', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const [summaryBox, firstFieldBox] = await Promise.all([
      summary.boundingBox(),
      page.locator('#enrol-firstName').boundingBox(),
    ]);
    expect(summaryBox!.y).toBeLessThan(firstFieldBox!.y);
    await summary.getByRole('link', { name: /Voornaam/ }).click();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('enrol-firstName');
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-enrol-summary');

    // Wrong-role and unknown addresses: a Dutch "not found" page, no manager or admin screen.
    for (const [address, shot] of [
      ['/manager/dashboard', 'screens-guard-dashboard'],
      ['/admin/users', 'screens-guard-admin'],
      ['/bestaat-niet', 'screens-not-found'],
    ]) {
      await page.goto(`${stack.baseUrl}${address}`);
      await page.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
      expect(await page.getByRole('heading', { name: /Gebruikers|Regio|Dashboard/ }).count()).toBe(0);
      await expectFocusOnHeading(page, 'Pagina niet gevonden');
      await assertDutchOnly(page);
      await checkScreen(page, shot);
    }
    await page.getByRole('link', { name: 'Naar je startpagina' }).click();
    await page.getByRole('heading', { name: /Maandoverzicht/, level: 1 }).waitFor();
    await context.close();
  });

  it('organiser: repeats last week, suggests earlier gebruikers, asks before a long line, fills in a week', async () => {
    const [greet, koen] = [ids['Greet Verhoeven'], ids['Koen Verstraete']];
    const lastWeek = weekOf(addDays(today, -7));
    const thisMonday = weekOf(today)[0];
    const hoursOn = async (participantId: string, days: string[]) => {
      const years = [...new Set(days.map((d) => d.slice(0, 4)))];
      const views = await Promise.all(
        years.map((year) =>
          asAdmin<{ months: { prestations: { date: string; minutes: number; deleted: boolean }[] }[] }>(
            'GET',
            `/hours/participants/${participantId}/hours?year=${year}`,
          ),
        ),
      );
      return views
        .flatMap((v) => v.months.flatMap((m) => m.prestations))
        .filter((p) => !p.deleted && days.includes(p.date))
        .map((p) => `${p.date} ${p.minutes}`)
        .sort();
    };
    // Last week on paper: Monday 2:00 for the municipality, and 1:30 on today's weekday.
    const sameWeekday = lastWeek[weekOf(today).indexOf(today)];
    for (const [date, minutes] of [
      [lastWeek[0], 120],
      [sameWeekday, 90],
    ] as const) {
      await asAdmin('POST', '/hours/prestations', {
        participantId: greet,
        date,
        minutes,
        gebruiker: { kind: 'LOCAL_GOVERNMENT', reference: 'Gemeente Lier' },
        activity: 'Zwerfvuil ruimen',
      });
    }
    const context = await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
    const page = await context.newPage();
    await signIn(page, stack.baseUrl, organiser.email, organiser.password);
    await page
      .getByRole('heading', { name: new RegExp(`Maandoverzicht – ${monthLabel(currentMonth)}`), level: 1 })
      .waitFor();
    const entry = page.getByRole('region', { name: 'Prestatie invoeren' });
    await entry.getByLabel('Deelnemer').selectOption(greet);

    // Repeat last week: the two lines are shown first, and saved one week on after a yes.
    await entry.getByRole('button', { name: 'Vorige week herhalen' }).click();
    const repeat = entry.getByRole('group', { name: /Vorige week van Greet V\. \(nr\. \d+\)/ });
    await repeat.getByRole('listitem').filter({ hasText: '2:00 · Gemeente Lier · Zwerfvuil ruimen' }).waitFor();
    expect(await hoursOn(greet, weekOf(today))).toEqual([]);
    await repeat.getByRole('button', { name: 'Overnemen (2)' }).click();
    await entry
      .getByRole('status')
      .filter({ hasText: /^2 van 2 prestaties opgeslagen voor Greet V\./ })
      .waitFor();
    expect(await hoursOn(greet, weekOf(today))).toEqual([`${thisMonday} 120`, `${today} 90`].sort());

    // Earlier gebruikers and activities are offered while typing (no typos in a second spelling).
    await entry.getByLabel('Soort gebruiker').selectOption('LOCAL_GOVERNMENT');
    expect(
      await page.locator('#entry-references option').evaluateAll((o) => o.map((x) => x.getAttribute('value'))),
    ).toEqual(['Gemeente Lier']);
    expect(await page.locator('#entry-activities option').first().getAttribute('value')).toBe('Zwerfvuil ruimen');

    // A long line needs a second Enter; the first one saves nothing.
    await entry.getByLabel('Datum').fill(today);
    await entry.getByLabel('Duur (u:mm)').fill('8:30');
    await entry.getByLabel('Gebruiker', { exact: true }).fill('Gemeente Lier');
    await entry.getByLabel('Activiteit').fill('Zwerfvuil ruimen');
    await entry.getByLabel('Duur (u:mm)').press('Enter');
    await entry.getByRole('alert').filter({ hasText: '8:30 op één dag voor Greet V.' }).waitFor();
    await entry.getByRole('button', { name: 'Toch opslaan (Enter)' }).waitFor();
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-entry-confirm-long');
    expect(await hoursOn(greet, [today])).toEqual(
      [`${today} 90`].concat(thisMonday === today ? [`${today} 120`] : []).sort(),
    );
    await entry.getByLabel('Duur (u:mm)').press('Enter');
    await entry.getByRole('status').filter({ hasText: 'Opgeslagen: 8:30' }).waitFor();

    // A week in one go for another participant: Monday of this week, the other days left empty.
    await entry.getByLabel('Deelnemer').selectOption(koen);
    // Greet's confirmations go with her: nothing on screen says Koen's hours were saved.
    expect(await entry.getByText(/opgeslagen voor Koen V\.|voor Koen V\. .* op /).count()).toBe(0);
    await entry.getByRole('button', { name: 'Week invullen' }).click();
    const week = page.getByRole('form', { name: /Week invullen voor Koen V\./ });
    await week.getByRole('textbox').first().fill('1:15');
    await week.getByLabel('Gebruiker', { exact: true }).fill('Vzw De Toekomst');
    await week.getByLabel('Activiteit').fill('Sorteren kledij');
    await week.getByRole('button', { name: 'Week opslaan' }).click();
    await week
      .getByRole('status')
      .filter({ hasText: /^1 van 1 prestaties opgeslagen voor Koen V\./ })
      .waitFor();
    expect(await hoursOn(koen, weekOf(today))).toEqual([`${thisMonday} 75`]);
    await checkScreen(page, 'screens-entry-week');
    await context.close();
  });

  it('coach: counts agree, the peer is named on both pages, suggestions skip what is assigned', async () => {
    // Greet Vermeulen is coached by Koen Vos, who rates above target on punctuality.
    const [coachee, peer] = [ids['Greet Vermeulen'], ids['Koen Vos']];
    await asAdmin('POST', `/coaching/participants/${coachee}/assessments`, {
      assessorKind: 'COACH',
      assessedOn: today,
      ratings: [{ competencyCode: 'STIPTHEID', level: 2 }],
    });
    await asAdmin('POST', `/coaching/participants/${peer}/assessments`, {
      assessorKind: 'COACH',
      assessedOn: today,
      ratings: [{ competencyCode: 'STIPTHEID', level: 4 }],
    });
    const asCoach = await apiAs(stack.baseUrl, coach);
    await asCoach('POST', '/coaching/peer-pairs', {
      peerCoachId: peer,
      coacheeId: coachee,
      competencyCodes: ['STIPTHEID'],
    });
    const context = await stack.browser.newContext({
      locale: 'nl-BE',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    await signIn(page, stack.baseUrl, coach.email, coach.password);
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();
    // Two name Lien as their coach: "only mine (2)" and the list of 2 agree.
    await page.getByText('Alleen mijn deelnemers (2)').waitFor();
    await page.getByRole('heading', { name: 'Deelnemers (2)' }).waitFor();
    const links = await page.getByRole('region', { name: 'Deelnemers (2)' }).getByRole('link').allInnerTexts();
    expect(new Set(links).size).toBe(2);
    for (const link of links) expect(link).toMatch(/^Greet V\. \(nr\. \d+\)$/);
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-coach-caseload');

    // The coachee's page names the peer coach, and offers no new peer.
    await page.goto(`${stack.baseUrl}/coach/participants/${coachee}`);
    await page.getByRole('heading', { name: /^Greet V\. \(nr\. \d+\)$/, level: 1 }).waitFor();
    await page.getByRole('cell', { name: /gecoacht door Koen V\. \(nr\. \d+\)/ }).waitFor();
    await page.getByText(/Heeft al een peer coach: Koen V\. \(nr\. \d+\)/).waitFor();
    expect(await page.getByRole('button', { name: /^Koppel aan/ }).count()).toBe(0);
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-coach-coachee');

    // Assigning on a long page: the confirmation appears beside the action, in view.
    await page.goto(`${stack.baseUrl}/coach/participants/${ids['Greet Verhoeven']}`);
    await page.getByRole('heading', { name: /^Greet V\. \(nr\. \d+\)$/, level: 1 }).waitFor();
    const oneOnOne = page.getByRole('region', { name: 'Individuele coaching (1-op-1)' });
    await oneOnOne.getByRole('checkbox', { name: 'Stiptheid en aanwezigheid' }).check();
    await oneOnOne.getByRole('button', { name: 'Start individuele coaching' }).click();
    const assigned = oneOnOne.getByRole('status').filter({ hasText: 'Coaching toegewezen.' });
    await assigned.waitFor();
    await untilTrueInPage(
      page,
      `(() => { const r = document.querySelector('[data-testid="assigned"]').getBoundingClientRect();
        // Scrolled to the bottom edge, the box may end a fraction of a pixel below it.
        return r.top >= 0 && r.bottom <= window.innerHeight + 1; })()`,
      'the confirmation scrolled into view',
    );
    await checkScreen(page, 'screens-coach-assigned');

    // The peer's own page names who they coach.
    await page.goto(`${stack.baseUrl}/coach/participants/${peer}`);
    await page.getByRole('heading', { name: /^Koen V\. \(nr\. \d+\)$/, level: 1 }).waitFor();
    await page
      .getByTestId('peer-coach-of')
      .filter({ hasText: /Greet V\. \(nr\. \d+\)/ })
      .waitFor();
    await assertDutchOnly(page);
    await checkScreen(page, 'screens-coach-peer');
    await context.close();
  });
});
