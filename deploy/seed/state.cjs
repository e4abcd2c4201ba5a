'use strict';
// What the demo seeders share between steps (the demo participants' ids), kept with the data.
const fs = require('node:fs');
const path = require('node:path');

const file = (dataDir) => path.join(dataDir, 'seed-demo-participants.json');

function readIds(dataDir) {
  return fs.existsSync(file(dataDir)) ? JSON.parse(fs.readFileSync(file(dataDir), 'utf8')) : {};
}

function writeIds(dataDir, ids) {
  fs.mkdirSync(dataDir, { recursive: true });
  // Written aside and renamed, so a kill in the middle never leaves half a file.
  const aside = `${file(dataDir)}.${process.pid}.tmp`;
  fs.writeFileSync(aside, JSON.stringify(ids, null, 2));
  fs.renameSync(aside, file(dataDir));
}

/** Every value of the fields called `field` anywhere in `value` (an API answer of any shape). */
function valuesOf(value, field, found = []) {
  if (Array.isArray(value)) value.forEach((v) => valuesOf(v, field, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === field && (typeof v === 'string' || typeof v === 'number')) found.push(v);
      else valuesOf(v, field, found);
    }
  }
  return found;
}

/**
 * The gateway ids of the demo logins that stand for a planned coach (`plannedCoachId`), so the demo
 * coach signs in to a caseload of their own; other planned coaches keep their plan id.
 */
async function coachIdsOf(urls, api) {
  const { DEMO_USERS, DEMO_COLLEAGUES } = require('./demo-plan.cjs');
  const users = await api('GET', `${urls.gateway}/api/admin/users`);
  const ids = {};
  for (const demo of [...DEMO_USERS, ...DEMO_COLLEAGUES].filter((u) => u.plannedCoachId)) {
    const user = users.find((u) => u.email.toLowerCase() === demo.email.toLowerCase());
    if (user) ids[demo.plannedCoachId] = user.id;
  }
  return (plannedId) => ids[plannedId] ?? plannedId;
}

/** Runs `work` over `items` with at most `width` at a time. */
async function inParallel(items, width, work) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index], index);
    }
  });
  await Promise.all(lanes);
}

/** Polls `check` until it answers truthy or the deadline passes (then throws with `what`). */
async function until(check, what, timeoutMs = 60_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

module.exports = {
  coachIdsOf,
  readIds,
  writeIds,
  valuesOf,
  inParallel,
  until,
};
