import { eventually, monthsAgo, testToday } from '@stapsteen/testing';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { apiAs, bootStack, CallApi, checkScreen, SCREENSHOTS, signIn, Stack } from './harness';

jest.setTimeout(300_000);

/** Last month in Brussels (over, so it can be closed) and today, as YYYY-MM and YYYY-MM-DD. */
function calendar(): { previousMonth: string; today: string } {
  return { previousMonth: monthsAgo(1), today: testToday() };
}

interface Gap {
  reasonCode: string;
}

describe('the coach in a real browser', () => {
  let stack: Stack;
  let asAdmin: CallApi;
  const run = Date.now().toString(36);
  const organisation = { id: `org-webcoach-${run}`, name: 'Wijk-werken Zuiderkempen', regionId: `region-wc-${run}` };
  const coach = {
    email: `bram.claes.${run}@zuiderkempen.test`,
    password: 'Coach-Wachtwoord-2026',
    displayName: 'Bram Claes',
  };
  const { previousMonth, today } = calendar();
  let coacheeId: string;
  let peerId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // No automatic close of last month: the journey closes it itself.
    stack = await bootStack({ hoursEnv: { HOURS_AUTO_CLOSE_AFTER_DAYS: '60' } });
    asAdmin = await apiAs(stack.baseUrl, stack.admin);
    await asAdmin('PUT', '/flow-through/organisations', { ...organisation, kind: 'WIJK_WERK' });
    const coachUser = await asAdmin<{ id: string }>('POST', '/admin/users', {
      ...coach,
      role: 'COACH',
      organisationIds: [organisation.id],
      regionId: organisation.regionId,
    });
    const enrol = async (firstName: string, lastName: string, coachId?: string) => {
      const participant = await asAdmin<{ id: string }>('POST', '/flow-through/participants', {
        organisationId: organisation.id,
        firstName,
        lastName,
        dateOfBirth: '1985-03-14',
        referralSource: 'OCMW',
        monthlyHoursTarget: 20,
        enrolledOn: `${previousMonth}-01`,
        ...(coachId ? { coachId } : {}),
      });
      await asAdmin('POST', `/flow-through/participants/${participant.id}/trajectory/start`, {
        on: `${previousMonth}-01`,
      });
      return participant.id;
    };
    coacheeId = await enrol('Sofie', 'Verbeeck', coachUser.id);
    peerId = await enrol('Karim', 'Bouzid');
    await eventually(
      () => asAdmin<{ participantId: string }[]>('GET', '/coaching/participants'),
      (roster) => [coacheeId, peerId].every((id) => roster.some((p) => p.participantId === id)),
      { what: 'both participants in the coaching roster', timeoutMs: 60_000 },
    );
    // A baseline for both: Sofie below target on punctuality, Karim well above it (so he can coach her).
    await asAdmin('POST', `/coaching/participants/${coacheeId}/assessments`, {
      assessorKind: 'COACH',
      assessedOn: today,
      ratings: [
        { competencyCode: 'STIPTHEID', level: 2, note: 'Kwam twee keer te laat.' },
        { competencyCode: 'SAMENWERKEN', level: 3 },
      ],
    });
    // Sofie rates herself higher than her coach does: her trend shows both lines.
    await asAdmin('POST', `/coaching/participants/${coacheeId}/assessments`, {
      assessorKind: 'SELF',
      assessedOn: today,
      ratings: [{ competencyCode: 'STIPTHEID', level: 3 }],
    });
    await asAdmin('POST', `/coaching/participants/${peerId}/assessments`, {
      assessorKind: 'COACH',
      assessedOn: today,
      ratings: [{ competencyCode: 'STIPTHEID', level: 4 }],
    });
    // Last month closes with no hour worked: hours flags low hours, coaching opens the gap.
    await eventually(
      () =>
        asAdmin<{ participantId: string }[]>('GET', `/hours/organisations/${organisation.id}/months/${previousMonth}`),
      (grid) => grid.some((row) => row.participantId === coacheeId),
      { what: 'Sofie in the hours month grid', timeoutMs: 60_000 },
    );
    // The organisation flags after one month below target (the default is two in a row).
    await asAdmin('PUT', `/hours/organisations/${organisation.id}/hours-targets`, {
      steps: [],
      flagAfterMonthsBelow: 1,
    });
    await asAdmin('POST', `/hours/organisations/${organisation.id}/months/${previousMonth}/close`, {});
    await eventually(
      () => asAdmin<Gap[]>('GET', `/coaching/participants/${coacheeId}/gaps?status=OPEN`),
      (gaps) => gaps.some((g) => g.reasonCode === 'LOW_HOURS_NO_COACHING'),
      { what: 'the low-hours coaching gap of Sofie', timeoutMs: 60_000 },
    );
  });
  afterAll(async () => stack?.stop());

  it('sees the open gap, pairs a peer coach from the suggestions and the gap goes away by itself', async () => {
    const page = await (await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' })).newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, stack.baseUrl, coach.email, coach.password);
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();

    const gaps = page.getByRole('region', { name: 'Open coachingnoden', exact: true });
    const gapRow = gaps
      .getByRole('row')
      .filter({ hasText: 'Sofie V.' })
      .filter({ hasText: 'Weinig uren zonder coaching' });
    await gapRow.waitFor();
    // Only Sofie names Bram as her coach: his own caseload is shown first.
    const participants = page.getByRole('region', { name: 'Deelnemers (1)', exact: true });
    await participants.getByRole('link', { name: 'Sofie V.' }).waitFor();
    await checkScreen(page, 'coach-caseload');

    await gapRow.getByRole('link', { name: 'Sofie V.' }).click();
    await page.getByRole('heading', { name: 'Sofie V.', level: 1 }).waitFor();
    const openGaps = page.locator('section', { has: page.getByRole('heading', { name: 'Open coachingnoden' }) });
    await openGaps.getByText('Weinig uren zonder coaching').waitFor();
    // The profile as a chart with its table: punctuality at 2 against target 3.
    await page.getByRole('img', { name: 'Competentieprofiel' }).waitFor();
    await page.getByText('1 onder het doelniveau 3: Stiptheid en aanwezigheid').waitFor();
    // The trend per competency: the coach's 2 and her own 3, each point naming its level by keyboard focus.
    const trend = page.getByRole('group', { name: 'Stiptheid en aanwezigheid: 2 beoordelingen, van niveau 2 naar 2' });
    await trend.getByRole('img', { name: /Coach: niveau 2 – gedeeltelijk/ }).focus();
    await page.locator('.trend-detail', { hasText: /Coach: niveau 2 – gedeeltelijk/ }).waitFor();
    await trend.getByRole('img', { name: /Zelfbeoordeling: niveau 3/ }).waitFor();
    // The modality advice with its reason, and Karim as peer coach with why.
    await page.getByText(/Te weinig gepresteerde uren gesignaleerd/).waitFor();
    const peer = page.getByRole('listitem').filter({ hasText: 'Karim B.' });
    // The reason in Dutch, with the competency's name rather than its code.
    await peer.getByText('Stiptheid en aanwezigheid: niveau 4, doel 3').waitFor();
    await checkScreen(page, 'coach-participant');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'coach-participant-768.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard only: focus the pairing button and press Enter.
    const pair = peer.getByRole('button', { name: 'Koppel aan Karim B.' });
    await pair.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Coaching toegewezen.' }).waitFor();
    // No reload: the polled gaps drop the closed one.
    await openGaps.getByText('Geen open coachingnoden.').waitFor({ timeout: 30_000 });
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Lopende coaching' }) })
      .getByRole('cell', { name: 'Peercoaching' })
      .waitFor();
    const stillOpen = await asAdmin<Gap[]>('GET', `/coaching/participants/${coacheeId}/gaps?status=OPEN`);
    expect(stillOpen.map((g) => g.reasonCode)).not.toContain('LOW_HOURS_NO_COACHING');

    // A single assessment: teamwork up to 4; the history shows the change.
    await page.getByLabel('Niveau voor Samenwerken').selectOption('4');
    await page.getByRole('button', { name: 'Beoordeling opslaan (1)' }).click();
    await page.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Samenwerken' }).filter({ hasText: '+1' }).waitFor();
    await page.close();
  });

  it('plans a group session, records attendance and rates the group in one go', async () => {
    const page = await (await stack.browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' })).newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, stack.baseUrl, coach.email, coach.password);
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Groepssessies' }).click();
    await page.getByRole('heading', { name: 'Groepssessies', level: 1 }).waitFor();
    const plan = page.getByRole('form', { name: 'Groepssessie plannen' });
    await plan.getByLabel('Titel', { exact: true }).fill('Op tijd komen en verwittigen');
    await plan.getByLabel('Datum', { exact: true }).fill(today);
    await plan.getByLabel('Plaats', { exact: true }).fill('Dienstencentrum De Wending, Geel');
    await plan.getByLabel('Trainer', { exact: true }).fill('Els Peeters');
    await plan.getByRole('checkbox', { name: 'Stiptheid en aanwezigheid' }).check();
    await plan.getByRole('button', { name: 'Groepssessie plannen' }).click();
    const detail = page.getByRole('region', { name: /Op tijd komen en verwittigen –/ });
    await detail.waitFor();
    for (const name of ['Sofie V.', 'Karim B.']) {
      await detail.getByLabel('Deelnemer').selectOption({ label: name });
      await detail.getByRole('button', { name: 'Inschrijven' }).click();
      await detail
        .getByRole('listitem')
        .filter({ hasText: `${name} – ingeschreven` })
        .waitFor();
    }
    await detail.getByRole('checkbox', { name: 'Sofie V.' }).check();
    await detail.getByRole('checkbox', { name: 'Karim B.' }).check();
    await detail.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
    await detail.getByRole('listitem').filter({ hasText: 'Sofie V. – ingeschreven · aanwezig' }).waitFor();
    await detail.getByLabel('Niveau van Sofie V. voor Stiptheid en aanwezigheid').selectOption('3');
    await detail.getByLabel('Niveau van Karim B. voor Stiptheid en aanwezigheid').selectOption('4');
    await detail.getByRole('button', { name: 'Beoordelingen opslaan (2)' }).click();
    await detail.getByRole('status').filter({ hasText: 'Beoordeling opgeslagen.' }).waitFor();
    // The calendar shows the session on today's square of this month's grid, with its seats.
    const calendarGrid = page.getByRole('table', { name: /^Groepssessies in .*: 1$/ });
    const todayCell = calendarGrid.locator('td[aria-current="date"]');
    await todayCell
      .getByRole('link', { name: /Op tijd komen en verwittigen, Dienstencentrum De Wending, Geel, 2 van/ })
      .waitFor();
    await page.getByRole('button', { name: /→$/ }).click();
    await page.getByRole('table', { name: /^Groepssessies in .*: 0$/ }).waitFor();
    await page.getByRole('button', { name: 'Deze maand' }).click();
    await calendarGrid.waitFor();
    await checkScreen(page, 'coach-group-sessions');

    const history = await asAdmin<{ assessedOn: string; ratings: { competencyCode: string; level: number }[] }[]>(
      'GET',
      `/coaching/participants/${coacheeId}/assessments`,
    );
    expect(history.at(-1)?.ratings).toEqual([expect.objectContaining({ competencyCode: 'STIPTHEID', level: 3 })]);
    await page.close();
  });
});
