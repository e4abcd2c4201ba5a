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

async function runSeeders({ dataDir, urls, privateKeyPem, log, scale }) {
  const ledgerPath = path.join(dataDir, 'seeded.json');
  const done = new Set(fs.existsSync(ledgerPath) ? JSON.parse(fs.readFileSync(ledgerPath, 'utf8')) : []);
  const files = fs
    .readdirSync(path.join(__dirname, 'seeders'))
    .filter((f) => f.endsWith('.cjs'))
    .sort();
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
  for (const file of files) {
    const seeder = require(path.join(__dirname, 'seeders', file));
    if (done.has(seeder.name)) continue;
    log(`Seeding: ${seeder.name}`);
    ran += 1;
    await seeder.run({ urls, api, request, log, dataDir, scale });
    done.add(seeder.name);
    fs.writeFileSync(ledgerPath, JSON.stringify([...done], null, 2));
  }
  return ran;
}

module.exports = { runSeeders };
