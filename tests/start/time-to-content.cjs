'use strict';
/**
 * Time to content on the demo data of a real `npm start`, in Chromium (Debian's, driven by
 * playwright-core): for each screen, from navigation start (a full page load, the web app's script
 * included) until its main content is on screen — rows or figures present and no loading state
 * left. Reported, never asserted against a number: a test fails only when a screen never shows
 * its content.
 */
const { chromium } = require('playwright-core');

/** Content is on screen: a first row, figure or chart inside <main>, and nothing still loading. */
const CONTENT_VISIBLE = `(() => {
  const main = document.querySelector('main');
  if (!main) return false;
  if (main.querySelector('[data-state="loading"], [aria-busy="true"]')) return false;
  const content = main.querySelector('table tbody tr, canvas, svg, [role="listitem"], li, dd');
  if (!content) return false;
  const box = content.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
})()`;

async function untilContent(page, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await page.evaluate(CONTENT_VISIBLE).catch(() => false)) return page.evaluate('performance.now()');
    if (Date.now() > deadline) throw new Error(`no content on ${page.url()} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function signedInContext(browser, url, login) {
  const context = await browser.newContext({ locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(login.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'), { timeout: 30_000 });
  return { context, page };
}

/**
 * Median of `rounds` full loads of each screen, in ms. `screens` is a list of
 * { name, login, path } with `login` one of the printed demo logins.
 */
async function measureTimeToContent(url, screens, rounds = 3) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const results = [];
  try {
    const contexts = new Map();
    for (const screen of screens) {
      if (!contexts.has(screen.login.email))
        contexts.set(screen.login.email, await signedInContext(browser, url, screen.login));
      const { page } = contexts.get(screen.login.email);
      const times = [];
      for (let round = 0; round < rounds; round++) {
        await page.goto(`${url}${screen.path}`, { waitUntil: 'commit' });
        times.push(await untilContent(page, 30_000));
      }
      times.sort((a, b) => a - b);
      results.push({ screen: screen.name, path: screen.path, medianMs: Math.round(times[Math.floor(rounds / 2)]) });
    }
    for (const { context } of contexts.values()) await context.close();
  } finally {
    await browser.close();
  }
  return results;
}

module.exports = { measureTimeToContent };
