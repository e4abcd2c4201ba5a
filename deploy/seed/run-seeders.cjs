'use strict';
/* global FormData */
/**
 * The seed step of `npm start`. Each file in seeders/ exports { name, run(context) } and runs once
 * per data folder, in file-name order; a seeder added by a later change runs on the next start.
 * Seeders talk to the services' APIs like any client would, with an administrator token.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

async function adminToken(privateKeyPem) {
  const { SignJWT } = require('jose');
  return new SignJWT({ role: 'ADMIN', orgIds: [], regionId: null })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject('seed')
    .setIssuer('stapsteen-gateway')
    .setAudience('stapsteen')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(crypto.createPrivateKey(privateKeyPem));
}

/**
 * The seed's "today" for this data folder: fixed by the first seed run (so a run resumed on a later
 * day makes the same plan), from STAPSTEEN_TODAY or the real Brussels date.
 */
function seedToday(dataDir, scale) {
  const { todayFrom } = require('./today.cjs');
  const now = (scale && scale.today) || todayFrom();
  const file = path.join(dataDir, 'seed-today.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ today: now }));
    return now;
  }
  const { today } = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (now < today) {
    throw new Error(
      `the demo data in ${dataDir} was made for ${today}, which is after today (${now}); ` +
        `delete ${dataDir} to seed again for ${now}`,
    );
  }
  return today;
}

async function runSeeders({ dataDir, urls, privateKeyPem, log, scale }) {
  const ledgerPath = path.join(dataDir, 'seeded.json');
  const done = new Set(fs.existsSync(ledgerPath) ? JSON.parse(fs.readFileSync(ledgerPath, 'utf8')) : []);
  const files = fs
    .readdirSync(path.join(__dirname, 'seeders'))
    .filter((f) => f.endsWith('.cjs'))
    .sort();
  const pending = files.map((f) => require(path.join(__dirname, 'seeders', f))).filter((s) => !done.has(s.name));
  if (pending.length === 0) return 0;
  const seedScale = { ...(scale || {}), today: seedToday(dataDir, scale) };
  let token = await adminToken(privateKeyPem);
  let tokenMadeAt = Date.now();
  const bearer = async () => {
    // The token lives ten minutes; a long seed gets a fresh one.
    if (Date.now() - tokenMadeAt > 5 * 60_000) {
      token = await adminToken(privateKeyPem);
      tokenMadeAt = Date.now();
    }
    return `Bearer ${token}`;
  };
  /** One request; answers { status, body } without throwing when `raw` is set. */
  const request = async (method, url, body, { raw = false } = {}) => {
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    const response = await fetch(url, {
      method,
      headers: form
        ? { authorization: await bearer() }
        : { authorization: await bearer(), 'content-type': 'application/json' },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (raw) return { status: response.status, body: parsed };
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return parsed;
  };
  const api = (method, url, body) => request(method, url, body);
  let ran = 0;
  let begun = 0;
  log(`Seeding the demo data for ${seedScale.today} (${pending.length} steps)`);
  const runOne = async (seeder) => {
    const started = Date.now();
    begun += 1;
    log(`Seeding [${begun}/${pending.length}] ${seeder.name}...`);
    // Whether this seeder began before (and was stopped): then it looks up what is there first.
    const marker = path.join(dataDir, `seeding-${seeder.name}`);
    const resuming = fs.existsSync(marker);
    fs.writeFileSync(marker, new Date().toISOString());
    await seeder.run({ urls, api, request, log, dataDir, scale: seedScale, resuming });
    ran += 1;
    done.add(seeder.name);
    fs.writeFileSync(ledgerPath, JSON.stringify([...done], null, 2));
    fs.rmSync(marker, { force: true });
    log(`  ${seeder.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  // A seeder waits for the ones it `needs` (by default the one before it in file order); seeders
  // that need nothing of each other run side by side (e.g. the hours and the assessments).
  const needsOf = (seeder) => {
    const index = files.findIndex((f) => require(path.join(__dirname, 'seeders', f)) === seeder);
    if (seeder.needs) return seeder.needs;
    return index > 0 ? [require(path.join(__dirname, 'seeders', files[index - 1])).name] : [];
  };
  const running = new Map();
  let failure = null;
  const waiting = [...pending];
  while ((waiting.length > 0 && !failure) || running.size > 0) {
    for (const seeder of [...waiting]) {
      if (failure) break;
      if (!needsOf(seeder).every((name) => done.has(name))) continue;
      waiting.splice(waiting.indexOf(seeder), 1);
      running.set(
        seeder.name,
        runOne(seeder)
          .catch((error) => {
            failure = failure || { seeder, error };
          })
          .finally(() => running.delete(seeder.name)),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (failure) {
    const error = new Error(
      `seeding ${failure.seeder.name} failed: ${failure.error.message}\n` +
        `  Run npm start again: the seed continues where it stopped. ` +
        `To start over with fresh demo data, stop it and delete ${dataDir}.`,
    );
    error.cause = failure.error;
    throw error;
  }
  if (waiting.length > 0)
    throw new Error(`seeders wait on steps that never ran: ${waiting.map((s) => s.name).join(', ')}`);
  return ran;
}

module.exports = { runSeeders, seedToday };
