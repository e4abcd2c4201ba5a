#!/usr/bin/env node
'use strict';
/**
 * `npm test`: every check, in the time a 2-core machine allows.
 *
 * The integration tests spend most of their time waiting for Kafka, the database and the
 * browser, one suite at a time, and leave a core idle. The static checks and the unit tests
 * (lint, format, types, dependency rules, unit specs and the Helm chart's, whose tools are built
 * from the Go module proxy on a fresh machine) are CPU work of their own. So both lanes run at
 * once: the integration tests at normal priority, the checks under `nice` so that they take the
 * idle core and give way whenever the integration lane wants it. `npm run test:start` (the real
 * `npm start`, several times) needs the machine to itself and runs after both.
 *
 * Each step's output goes through as it comes, the checks' lines marked `[checks]`. A failed step
 * fails the run, but the other lane still finishes, so one run reports every failure.
 */
const { spawn } = require('node:child_process');

const CHECKS = [
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['format', 'npm', ['run', '--silent', 'format:check']],
  ['types', 'npm', ['run', '--silent', 'typecheck']],
  ['dependency rules', 'npm', ['run', '--silent', 'depcheck']],
  ['unit tests', 'npx', ['jest', '--selectProjects', 'unit']],
];
const INTEGRATION = ['integration tests', 'npx', ['jest', '--selectProjects', 'integration']];
const START = ['npm start as a new user', 'npm', ['run', '--silent', 'test:start']];

const children = new Set();
const results = [];

/** Writes `chunk` with `prefix` before each line, keeping a partial last line for the next chunk. */
function prefixed(stream, prefix) {
  let rest = '';
  return {
    write(chunk) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop();
      for (const line of lines) stream.write(`${prefix}${line}\n`);
    },
    end() {
      if (rest) stream.write(`${prefix}${rest}\n`);
      rest = '';
    },
  };
}

function run([name, command, args], { prefix, nice } = {}) {
  const startedAt = Date.now();
  const [file, argv] = nice ? ['nice', ['-n', '19', command, ...args]] : [command, args];
  const child = spawn(file, argv, { stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
  children.add(child);
  const outputs = prefix ? [prefixed(process.stdout, prefix), prefixed(process.stderr, prefix)] : [];
  if (prefix) {
    child.stdout.on('data', (chunk) => outputs[0].write(chunk));
    child.stderr.on('data', (chunk) => outputs[1].write(chunk));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      for (const output of outputs) output.end();
      const ok = code === 0;
      results.push({ name, ok, seconds: (Date.now() - startedAt) / 1000, code: code ?? signal });
      resolve(ok);
    });
  });
}

async function checksLane() {
  let ok = true;
  for (const step of CHECKS) ok = (await run(step, { prefix: '[checks] ', nice: true })) && ok;
  return ok;
}

function summary(totalStartedAt) {
  console.log('\nnpm test:');
  for (const r of results)
    console.log(
      `  ${r.ok ? 'passed' : 'FAILED'}  ${r.name} (${r.seconds.toFixed(0)} s${r.ok ? '' : `, exit ${r.code}`})`,
    );
  console.log(`  in all ${((Date.now() - totalStartedAt) / 1000).toFixed(0)} s`);
}

async function main() {
  const startedAt = Date.now();
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      for (const child of children) child.kill(signal);
    });
  const [checks, integration] = await Promise.all([checksLane(), run(INTEGRATION)]);
  const started = checks && integration ? await run(START) : false;
  summary(startedAt);
  if (!(checks && integration)) console.log('  (npm start as a new user not run: fix the failures above first)');
  process.exitCode = checks && integration && started ? 0 : 1;
}

main();
