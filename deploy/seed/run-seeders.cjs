'use strict';
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

async function runSeeders({ dataDir, urls, privateKeyPem, log }) {
  const ledgerPath = path.join(dataDir, 'seeded.json');
  const done = new Set(fs.existsSync(ledgerPath) ? JSON.parse(fs.readFileSync(ledgerPath, 'utf8')) : []);
  const files = fs
    .readdirSync(path.join(__dirname, 'seeders'))
    .filter((f) => f.endsWith('.cjs'))
    .sort();
  const token = await adminToken(privateKeyPem);
  const api = async (method, url, body) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  for (const file of files) {
    const seeder = require(path.join(__dirname, 'seeders', file));
    if (done.has(seeder.name)) continue;
    log(`Seeding: ${seeder.name}`);
    await seeder.run({ urls, api, log });
    done.add(seeder.name);
    fs.writeFileSync(ledgerPath, JSON.stringify([...done], null, 2));
  }
}

module.exports = { runSeeders };
