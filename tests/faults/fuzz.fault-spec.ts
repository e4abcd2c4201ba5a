import type { INestApplication } from '@nestjs/common';
import { startTestService } from '@stapsteen/testing';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { COACHING_SERVICE_FOR_TESTS } from '../../services/coaching/src/app.module';
import { FLOW_THROUGH_SERVICE_FOR_TESTS } from '../../services/flow-through/src/app.module';
import { createGatewayApp } from '../../services/gateway/src/app.module';
import { HOURS_SERVICE_FOR_TESTS } from '../../services/hours/src/app.module';
import { testGatewayConfig } from '../e2e/gateway-fixture';
import { type FuzzStack, ROOT, pythonTools, startFuzzStack } from './support/fuzz-stack';

/**
 * Every service's OpenAPI document, fuzzed with schemathesis (from PyPI, scripts/python-tools.sh):
 * the documented examples, schemathesis's boundary and negative "coverage" cases and random
 * inputs, each operation a bounded number of times. No answer may be a 5xx, every invalid input
 * (one the document forbids) must be refused with a 4xx, and every answer must match the
 * document's response schema and media type.
 *
 * The three services are fuzzed directly, with access tokens the gateway issued when the suite
 * signed in: the gateway forwards a service's requests byte for byte (it parses no body on those
 * routes and only checks the token), so going through it adds no input the service would not see,
 * while it would turn a crashed service into the gateway's 502 and hide which service failed. The
 * gateway's own API (sign-in, users, colleagues) is fuzzed on the gateway itself.
 *
 * FUZZ_MAX_EXAMPLES (default 10) bounds the random inputs per operation; FUZZ_SEED makes a run
 * repeatable (a failing run prints its seed). Reports go to artifacts/fuzz/.
 */

jest.setTimeout(1_200_000);

const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CHECKS = [
  'not_a_server_error',
  'negative_data_rejection',
  'response_schema_conformance',
  'content_type_conformance',
].join(',');
const REPORTS = path.join(ROOT, 'artifacts', 'fuzz');

interface FuzzResult {
  service: string;
  role: string;
  exitCode: number;
  /** Requests schemathesis sent. */
  inputs: number;
  serverErrors: number;
  failures: string[];
  /** Operations schemathesis itself could not generate inputs for (its bugs, not ours). */
  errors: string[];
  seconds: number;
}

/** Runs schemathesis once and reads its JUnit report and its NDJSON event stream. */
async function fuzz(bin: string, service: string, role: string, baseUrl: string, token: string): Promise<FuzzResult> {
  const dir = path.join(REPORTS, `${service}-${role}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [
    'run',
    `${baseUrl}/docs-json`,
    '--url',
    baseUrl,
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    CHECKS,
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    String(SEED),
    '--workers',
    '2',
    '--no-shrink',
    '--continue-on-failure',
    '--suppress-health-check',
    'all',
    '--request-timeout',
    '20',
    // Server-sent events never end.
    '--exclude-path-regex',
    '/stream$',
    '--report',
    'junit,ndjson',
    '--report-dir',
    dir,
    '--output-truncate',
    'true',
  ];
  const started = Date.now();
  const output: Buffer[] = [];
  const child = spawn(path.join(bin, 'schemathesis'), args, {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const seconds = (Date.now() - started) / 1000;
  const text = Buffer.concat(output).toString('utf8');
  writeFileSync(path.join(dir, 'output.txt'), text);

  let inputs = 0;
  let serverErrors = 0;
  const ndjson = readdirSync(dir).find((name) => name.endsWith('.ndjson'));
  for (const line of ndjson ? readFileSync(path.join(dir, ndjson), 'utf8').split('\n') : []) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    for (const interaction of interactionsOf(event)) {
      inputs += 1;
      if (interaction >= 500) serverErrors += 1;
    }
  }
  // Schemathesis's own errors (a schema it cannot generate from) are listed apart, under ERRORS, and
  // reported here without failing the run; the failures are the API's.
  const section = (name: string) => {
    const start = text.indexOf(`= ${name} =`);
    if (start === -1) return '';
    const rest = text.slice(text.indexOf('\n', start) + 1);
    const end = rest.search(/^=+ [A-Z]+ =+$/m);
    return end === -1 ? rest : rest.slice(0, end);
  };
  const headings = (part: string) => [...part.matchAll(/^_+ (.+?) _+$/gm)].map((m) => m[1]);
  const failures = headings(section('FAILURES'));
  const errors = headings(section('ERRORS'));
  return { service, role, exitCode, inputs, serverErrors, failures, errors, seconds };
}

/** The status codes of the responses recorded in one NDJSON event. */
function interactionsOf(event: unknown): number[] {
  const found: number[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.response && typeof record.response === 'object' && 'status_code' in (record.response as object))
        found.push(Number((record.response as { status_code: unknown }).status_code));
      for (const [key, inner] of Object.entries(record)) if (key !== 'response') walk(inner);
    }
  };
  walk(event);
  return found;
}

describe('fuzzing every OpenAPI document with schemathesis', () => {
  let stack: FuzzStack;
  let bin = '';
  const apps: Record<string, INestApplication> = {};
  const urlOf = (app: INestApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokens: Record<string, string> = {};
  const results: FuzzResult[] = [];
  const suffix = randomUUID().slice(0, 8);

  beforeAll(async () => {
    [stack, bin] = await Promise.all([startFuzzStack(), pythonTools()]);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keys = {
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const [flowThrough, hours, coaching] = await Promise.all([
      startTestService(FLOW_THROUGH_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(HOURS_SERVICE_FOR_TESTS, keys.publicKeyPem),
      startTestService(COACHING_SERVICE_FOR_TESTS, keys.publicKeyPem),
    ]);
    Object.assign(apps, { 'flow-through': flowThrough, hours, coaching });
    await Promise.all(Object.values(apps).map((app) => app.listen(0, '127.0.0.1')));
    const admin = { email: `admin-${suffix}@stapsteen.test`, password: 'fuzz suite admin passphrase' };
    const gateway = await createGatewayApp(
      testGatewayConfig(keys, {
        LOG_LEVEL: 'fatal',
        FLOW_THROUGH_URL: urlOf(flowThrough),
        HOURS_URL: urlOf(hours),
        COACHING_URL: urlOf(coaching),
        GATEWAY_BOOTSTRAP_ADMIN_EMAIL: admin.email,
        GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      }),
    );
    await gateway.listen(0, '127.0.0.1');
    apps.gateway = gateway;
    const http = request(urlOf(gateway));
    tokens.admin = (await http.post('/api/auth/token').send(admin).expect(200)).body.accessToken;
    // An organiser of one organisation: the scoped reads and writes take other paths than an admin's.
    const organisation = `org-fuzz-${suffix}`;
    await request(urlOf(gateway))
      .put('/api/flow-through/organisations')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ id: organisation, name: 'Wijk-werken Fuzz', kind: 'WIJK_WERK', regionId: `region-fuzz-${suffix}` })
      .expect(200);
    const organiser = { email: `organiser-${suffix}@stapsteen.test`, password: 'fuzz suite organiser passphrase' };
    await request(urlOf(gateway))
      .post('/api/admin/users')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({
        ...organiser,
        displayName: 'Fuzz Organisator',
        role: 'ORGANISER',
        organisationIds: [organisation],
        regionId: `region-fuzz-${suffix}`,
      })
      .expect(201);
    tokens.organiser = (
      await request(urlOf(gateway)).post('/api/auth/token').send(organiser).expect(200)
    ).body.accessToken;
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
    await stack?.down();
    if (process.env.STACK_DATA_DIR) rmSync(process.env.STACK_DATA_DIR, { recursive: true, force: true });
    if (results.length) {
      const rows = results.map(
        (r) =>
          `${r.service.padEnd(13)} ${r.role.padEnd(10)} ${String(r.inputs).padStart(6)} inputs  ${String(r.serverErrors).padStart(3)} 5xx  ${String(r.failures.length).padStart(3)} failed operations  ${r.seconds.toFixed(0)} s${r.errors.length ? `  (schemathesis could not generate for: ${r.errors.join(', ')})` : ''}`,
      );
      process.stdout.write(`\nfuzz (seed ${SEED}, ${MAX_EXAMPLES} examples per operation):\n${rows.join('\n')}\n`);
    }
  });

  it.each([
    ['flow-through', 'admin'],
    ['hours', 'admin'],
    ['coaching', 'admin'],
    ['gateway', 'admin'],
    // An organiser's reads and writes go through the scope filters an admin's skip.
    ['hours', 'organiser'],
  ])('%s, as %s: no 5xx, invalid input refused, answers as documented', async (service, role) => {
    const result = await fuzz(bin, service, role, urlOf(apps[service]), tokens[role]);
    results.push(result);
    expect(result.inputs).toBeGreaterThan(0);
    expect({ seed: SEED, serverErrors: result.serverErrors, failures: result.failures }).toEqual({
      seed: SEED,
      serverErrors: 0,
      failures: [],
    });
    // Exit code 1 also stands for schemathesis's own errors, reported above; anything else is a crash.
    expect([0, 1]).toContain(result.exitCode);
  });
});
