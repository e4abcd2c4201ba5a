'use strict';
/**
 * `npm run test:start`: runs the real `npm start` (stack, build into dist/, the four services from
 * dist/, the demo seed) as a new user would, on four "todays" that used to break it, each in its own
 * data folder and on ports of its own, and talks to it over HTTP only, on the URL it prints:
 * signs in with every printed demo login, loads the web app and one of its scripts, reads one real
 * page per role, then presses Ctrl-C (SIGINT to the process group) and checks that nothing it
 * started is left and that every port is free again. One run is stopped in the middle of the seed
 * and started again: it must end with exactly the planned data (no duplicates, nothing missing),
 * the same check every uninterrupted run passes.
 *
 * Ports: services 26000–26003, Kafka 26092/26093, FerretDB 46017 (PostgreSQL 46018); override with
 * TEST_START_PORT_BASE (services base) and TEST_START_STACK_BASE. Data under .data/test-start/.
 */
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const plan = require('../../deploy/seed/demo-plan.cjs');
const { measureTimeToContent } = require('./time-to-content.cjs');

const serviceBase = Number(process.env.TEST_START_PORT_BASE || 26000);
const stackBase = Number(process.env.TEST_START_STACK_BASE || 26092);
const mongoPort = Number(process.env.TEST_START_MONGO_PORT || 46017);
const ports = {
  GATEWAY_PORT: serviceBase,
  FLOW_THROUGH_PORT: serviceBase + 1,
  HOURS_PORT: serviceBase + 2,
  COACHING_PORT: serviceBase + 3,
  STACK_KAFKA_PORT: stackBase,
  STACK_KAFKA_CONTROLLER_PORT: stackBase + 1,
  STACK_MONGO_PORT: mongoPort,
  STACK_POSTGRES_PORT: mongoPort + 1,
};
const dataRoot = path.join(root, '.data', 'test-start');

/** `npm start` as a child in a process group of its own, with its output kept and watched. */
function startNpm(name, today, scale) {
  const dataDir = path.join(dataRoot, name);
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    STACK_DATA_DIR: dataDir,
    STAPSTEEN_TODAY: today,
    SEED_PARTICIPANTS: String(scale.participants),
    SEED_MONTHS: String(scale.months),
    LOG_LEVEL: 'warn',
  };
  delete env.NODE_ENV;
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, dataDir, output: '', startedAt: Date.now(), exited: null };
  const keep = (chunk) => {
    run.output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  run.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((run.exited = { code, signal }))));
  return run;
}

async function waitFor(run, pattern, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(run.output);
    if (match) return match;
    if (run.exited)
      throw new Error(`npm start ended (${JSON.stringify(run.exited)}) before ${pattern}:\n${run.output}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${run.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** An address as /proc/net/tcp{,6} writes it (hex, each 32-bit word in host byte order, little-endian here). */
function procAddress(hex) {
  const words = hex.match(/.{8}/g).map((word) => word.match(/../g).reverse().join(''));
  if (hex.length === 8)
    return words[0]
      .match(/../g)
      .map((byte) => parseInt(byte, 16))
      .join('.');
  const groups = words
    .join('')
    .match(/.{4}/g)
    .map((group) => parseInt(group, 16).toString(16));
  // An IPv4 address on an IPv6 socket (Java's Kafka listens so): ::ffff:127.0.0.1 is 127.0.0.1.
  if (groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff')
    return [groups[6], groups[7]]
      .map((group) => group.padStart(4, '0'))
      .join('')
      .match(/../g)
      .map((byte) => parseInt(byte, 16))
      .join('.');
  return groups.join(':');
}

/** The local addresses of the sockets listening on a port, read from the kernel's socket tables. */
function listeningAddresses(port) {
  const found = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, portHex] = local.split(':');
      // 0A: TCP_LISTEN.
      if (state === '0A' && parseInt(portHex, 16) === port) found.push(procAddress(address));
    }
  }
  return found.sort();
}

/**
 * Only the gateway is meant to be reached from outside: the three services behind it, Kafka,
 * FerretDB and PostgreSQL listen on 127.0.0.1 and nowhere else, the gateway on every IPv4 interface
 * (issue 15; HOST configures the services and the gateway).
 */
function checkListenAddresses() {
  const expected = Object.fromEntries(
    Object.keys(ports).map((name) => [name, name === 'GATEWAY_PORT' ? ['0.0.0.0'] : ['127.0.0.1']]),
  );
  const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, listeningAddresses(ports[name])]));
  assert.deepEqual(actual, expected, 'the addresses the services listen on');
}

/** Processes whose command line names the data folder (Kafka, PostgreSQL, FerretDB, the services' logs). */
function processesOf(dataDir) {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(dataDir)) found.push(`${pid} ${cmdline.slice(0, 160)}`);
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `promise`'s value, or null once `ms` have passed. The timer is cleared either way: a pending
 * 60-second timer kept the whole test:start process alive for a minute after its last test.
 */
async function within(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ctrl-C as a terminal sends it (SIGINT to the whole group), then: nothing left, every port free. */
async function stopAndCheck(run) {
  process.kill(-run.child.pid, 'SIGINT');
  const ended = await within(run.exit, 60_000);
  assert.ok(ended, `npm start did not end within 60 s of SIGINT:\n${run.output.slice(-2000)}`);
  const deadline = Date.now() + 10_000;
  while (groupAlive(run.child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.equal(groupAlive(run.child.pid), false, 'a process of npm start’s group is still running');
  assert.deepEqual(processesOf(run.dataDir), [], 'a process of the local stack is still running');
  for (const [name, port] of Object.entries(ports)) assert.ok(await portIsFree(port), `${name} ${port} is still taken`);
}

/** Kills whatever a failed test left (group and stack), so the next case gets free ports. */
async function cleanUp(run) {
  if (!run) return;
  if (!run.exited) {
    try {
      process.kill(-run.child.pid, 'SIGINT');
    } catch {
      /* gone */
    }
    await within(run.exit, 30_000);
  }
  try {
    process.kill(-run.child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  for (const line of processesOf(run.dataDir)) {
    try {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** A browser-like session on the gateway: signs in with a printed login and keeps its cookies. */
async function signIn(url, email, password) {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'stapsteen-web' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, `signing in as ${email} answered ${response.status}`);
  const cookies = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = await response.json();
  const get = async (apiPath) => {
    const answer = await fetch(`${url}/api${apiPath}`, {
      headers: { cookie: cookies, 'x-requested-with': 'stapsteen-web', accept: 'application/json' },
    });
    assert.equal(answer.status, 200, `GET /api${apiPath} as ${email} answered ${answer.status}`);
    return answer.json();
  };
  return { user: body.user, get };
}

function readyInfo(run) {
  const url = /Stapsteen is running: (http:\/\/\S+)/.exec(run.output)[1];
  const logins = [...run.output.matchAll(/^ {4}(organiser|coach|regional manager|admin)\s+(\S+@\S+)\s+(\S+)$/gm)].map(
    ([, role, email, password]) => ({ role, email, password }),
  );
  const seeded = /Seeded in (\d+) s/.exec(run.output);
  return { url, logins, seedSeconds: seeded ? Number(seeded[1]) : null };
}

const previousMonth = (today) => {
  const [y, m] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

/** What a user sees: the web app, and one real page of data per role. */
async function checkAsUsers(run, today) {
  const { url, logins } = readyInfo(run);
  assert.deepEqual(logins.map((l) => l.role).sort(), ['admin', 'coach', 'organiser', 'regional manager']);

  const html = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
  assert.equal(html.status, 200);
  const page = await html.text();
  assert.match(page, /<div id="root">/, 'the web app’s HTML');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(page);
  assert.ok(script, 'the web app names its script');
  const js = await fetch(`${url}${script[1]}`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') || '', /javascript/);
  assert.ok((await js.text()).length > 10_000, 'the web app’s script has a body');

  const sessions = {};
  for (const login of logins) sessions[login.role] = await signIn(url, login.email, login.password);

  const organiser = sessions.organiser;
  const organisationId = organiser.user.organisationIds[0];
  const grid = await organiser.get(`/hours/organisations/${organisationId}/months/${previousMonth(today)}`);
  assert.ok(grid.length > 0, `the organiser’s month grid for ${previousMonth(today)} has rows`);
  assert.ok(
    grid.some((row) => row.countedHours > 0),
    'someone in the grid has hours',
  );
  const alerts = await sessions['regional manager'].get('/flow-through/alerts?limit=100');
  assert.ok(alerts.items.length > 0, 'the manager’s alert list is not empty');
  const caseload = await sessions.coach.get('/coaching/participants');
  assert.ok(caseload.length > 0, 'the coach’s caseload is not empty');
  assert.ok(
    caseload.some((entry) => entry.coachId === sessions.coach.user.id),
    'the coach has participants of their own',
  );
  return sessions;
}

const listOf = (answer) => (Array.isArray(answer) ? answer : answer.items || []);

/** The data equals the plan: every participant once, every assessment and session once, the hours. */
async function checkCounts(run, admin, today, scale) {
  const people = plan.participantsPlan({ ...scale, today });
  const ids = JSON.parse(fs.readFileSync(path.join(run.dataDir, 'seed-demo-participants.json'), 'utf8'));
  const counts = { participants: 0, assessments: 0, groupSessions: 0, peerPairs: 0, hours: 0 };
  for (const organisationId of plan.ORGANISATIONS) {
    const page = await admin.get(`/flow-through/participants?organisationId=${organisationId}&limit=1`);
    const planned = people.filter((p) => p.organisationId === organisationId).length;
    assert.equal(page.total, planned, `${organisationId} holds each planned participant once`);
    counts.participants += page.total;
    const groups = listOf(await admin.get(`/coaching/group-sessions?organisationId=${organisationId}`));
    assert.equal(new Set(groups.map((g) => `${g.title}|${g.date}`)).size, groups.length, 'no group session twice');
    assert.ok(groups.length <= 2);
    counts.groupSessions += groups.length;
    const pairs = listOf(await admin.get(`/coaching/organisations/${organisationId}/peer-pairs`));
    assert.ok(pairs.length <= 1, `${organisationId} has at most the one demo peer pair`);
    counts.peerPairs += pairs.length;
  }
  const yesterday = plan.addDays(today, -1);
  for (const p of people.filter((x) => x.startedOn)) {
    const history = listOf(await admin.get(`/coaching/participants/${ids[p.key]}/assessments`));
    const lastDay = [p.endedOn, p.suspendedOn, yesterday].filter(Boolean).sort()[0];
    const expected = plan.addDays(p.startedOn, 95) <= lastDay ? 2 : 1;
    assert.equal(history.length, expected, `${p.key} has ${expected} assessments`);
    counts.assessments += history.length;
  }
  // The hours of the last closed month, participant by participant, as planned (a twice-imported
  // prestation would double them).
  const month = plan.pastMonths({ ...scale, today }).at(-1);
  for (const organisationId of plan.ORGANISATIONS) {
    const grid = await admin.get(`/hours/organisations/${organisationId}/months/${month}`);
    const byId = new Map(grid.map((row) => [row.participantId, row]));
    for (const p of people.filter((x) => x.organisationId === organisationId && x.startedOn)) {
      const minutes = plan
        .prestationsPlan(p, { ...scale, today })
        .filter((r) => r.date.startsWith(month))
        .reduce((sum, r) => sum + r.minutes, 0);
      const counted = byId.get(ids[p.key])?.countedHours ?? 0;
      assert.equal(counted, Math.min(60, minutes / 60), `${p.key}'s hours in ${month}`);
      counts.hours += counted;
    }
  }
  return counts;
}

/** TEST_START_ONLY=<part of a case's title> runs that case alone (by hand, e.g. to show a failure). */
const only = process.env.TEST_START_ONLY;
const selected = (title) => ({ skip: Boolean(only) && !title.includes(only) });

const SMALL = { participants: 30, months: 7 };
const FULL = { participants: 150, months: 13 };
const timings = [];

/** The four screens users work from, on the demo data, in a real browser. */
async function timeToContent(run, sessions) {
  const { url, logins } = readyInfo(run);
  const login = (role) => logins.find((l) => l.role === role);
  const caseload = await sessions.coach.get('/coaching/participants');
  const own = caseload.find((entry) => entry.coachId === sessions.coach.user.id);
  return measureTimeToContent(url, [
    { name: 'month grid (organiser)', login: login('organiser'), path: '/organiser' },
    { name: 'inbox (regional manager)', login: login('regional manager'), path: '/manager/alerts' },
    { name: 'dashboard (regional manager)', login: login('regional manager'), path: '/manager/dashboard' },
    { name: "coach's participant page", login: login('coach'), path: `/coach/participants/${own.participantId}` },
  ]);
}

async function wholeRun(t, name, today, scale, timeoutMs, { browser = false } = {}) {
  const run = startNpm(name, today, scale);
  try {
    await waitFor(run, /Stapsteen is running: http/, timeoutMs);
    await waitFor(run, /Press Ctrl-C/, 5_000);
    const readyIn = (Date.now() - run.startedAt) / 1000;
    checkListenAddresses();
    const sessions = await checkAsUsers(run, today);
    const counts = await checkCounts(run, sessions.admin, today, scale);
    const screens = browser ? await timeToContent(run, sessions) : [];
    for (const s of screens) t.diagnostic(`time to content, ${s.screen}: ${s.medianMs} ms (median of 3 loads)`);
    await stopAndCheck(run);
    const steps = [...run.output.matchAll(/ {2}(\S+) done in ([\d.]+) s/g)].map(([, step, s]) => `${step} ${s}s`);
    timings.push({ name, today, scale, readyIn, seed: readyInfo(run).seedSeconds, steps, counts, screens });
    t.diagnostic(`${today} seed steps: ${steps.join(', ')}`);
    t.diagnostic(
      `${today}: ready in ${readyIn.toFixed(0)} s, seed ${readyInfo(run).seedSeconds} s, ${JSON.stringify(counts)}`,
    );
    return counts;
  } catch (error) {
    await cleanUp(run);
    throw error;
  }
}

test(
  'npm start works from a fresh data folder on the days that used to break it',
  { timeout: 20 * 60_000 },
  async (t) => {
    fs.rmSync(dataRoot, { recursive: true, force: true });
    fs.mkdirSync(dataRoot, { recursive: true });
    for (const [name, port] of Object.entries(ports))
      assert.ok(await portIsFree(port), `${name} ${port} is free first`);

    await t.test(
      '31 January 2027, the full demo (150 participants, 13 months)',
      selected('31 January 2027, the full demo (150 participants, 13 months)'),
      () => wholeRun(t, 'full-2027-01-31', '2027-01-31', FULL, 300_000, { browser: true }),
    );
    await t.test(
      '1 January 2027 (the month and year before still open)',
      selected('1 January 2027 (the month and year before still open)'),
      () => wholeRun(t, 'small-2027-01-01', '2027-01-01', SMALL, 180_000),
    );
    await t.test('31 December 2026', selected('31 December 2026'), () =>
      wholeRun(t, 'small-2026-12-31', '2026-12-31', SMALL, 180_000),
    );

    await t.test(
      '29 February 2028, stopped with Ctrl-C in the middle of the seed and started again',
      selected('29 February 2028, stopped with Ctrl-C in the middle of the seed and started again'),
      async () => {
        const name = 'resumed-2028-02-29';
        const first = startNpm(name, '2028-02-29', SMALL);
        try {
          await waitFor(first, /Seeding \[3\/\d\] demo-participants/, 180_000);
          await waitFor(first, /\d+\/30 participants/, 60_000);
          await stopAndCheck(first);
        } catch (error) {
          await cleanUp(first);
          throw error;
        }
        assert.doesNotMatch(first.output, /Stapsteen is running/, 'it was stopped before the seed finished');
        const counts = await wholeRun(t, name, '2028-02-29', SMALL, 180_000);
        const resumed = timings.at(-1);
        assert.ok(resumed.counts.participants === SMALL.participants, 'every participant once after the resume');
        t.diagnostic(`resumed run counts ${JSON.stringify(counts)}`);
      },
    );

    // A second start of a seeded folder seeds nothing and is quick.
    await t.test(
      'a second start of the 1 January folder',
      selected('a second start of the 1 January folder'),
      async () => {
        const run = startNpm('small-2027-01-01', '2027-01-01', SMALL);
        try {
          await waitFor(run, /Press Ctrl-C/, 120_000);
          const readyIn = (Date.now() - run.startedAt) / 1000;
          assert.doesNotMatch(run.output, /Seeding/, 'nothing is seeded twice');
          // A start on the same folder while this one runs is refused and leaves it running
          // (it used to stop the running one's Kafka and database on its way out).
          const again = startNpm('small-2027-01-01', '2027-01-01', SMALL);
          const refused = await again.exit;
          assert.notEqual(refused.code, 0, 'a second npm start on the same folder is refused');
          assert.match(again.output, /is taken/);
          assert.doesNotMatch(again.output, /\[stack\] stopped/, 'the refused start stops no part of the stack');
          await checkAsUsers(run, '2027-01-01');
          await stopAndCheck(run);
          t.diagnostic(`second start ready in ${readyIn.toFixed(0)} s`);
        } catch (error) {
          await cleanUp(run);
          throw error;
        }
      },
    );
    fs.writeFileSync(path.join(dataRoot, 'timings.json'), JSON.stringify(timings, null, 2));
  },
);
