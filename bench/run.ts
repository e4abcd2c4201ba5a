/**
 * `npm run bench`: every scenario, each in a process of its own (so one's memory and leftovers do
 * not colour the next), then one table of figures against their same-run baselines and goals.
 * Writes bench/results/<time>.json, latest.json, latest.md and latest.svg (latency distributions).
 * It fails only when a scenario crashes or breaks an invariant, never on timing.
 *
 *   npm run bench                       every scenario
 *   npm run bench -- hours dashboard    some of them (hours, close, dashboard)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MEMORY_GOAL_MB, ScenarioResult, log, parseResults, percentile, round } from './support';

const SCENARIOS: Record<string, string> = {
  hours: 'hours.bench.ts',
  close: 'month-close.bench.ts',
  dashboard: 'dashboard.bench.ts',
};

function runScenario(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line && !line.startsWith('@@')) log(line);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

const cell = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '' : String(round(n, digits));

function markdown(results: ScenarioResult[], failures: string[]): string {
  const lines = [
    `# Bench results — ${new Date().toISOString()}`,
    '',
    `Node ${process.version}, ${results[0]?.database ?? ''}. Ratio = the use case against the raw work in the same run.`,
    '',
    '| scenario | figure | value | unit | raw baseline | ratio | goal | met | bottleneck |',
    '| --- | --- | ---: | --- | ---: | ---: | --- | --- | --- |',
  ];
  for (const r of results) {
    for (const f of r.figures) {
      lines.push(
        `| ${r.title} | ${f.name} | ${cell(f.value)} | ${f.unit} | ${cell(f.baseline)} | ${cell(f.ratio, 2)} | ${f.goal ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} | ${f.bottleneck ?? ''} |`,
      );
    }
    for (const [service, peak] of Object.entries(r.servicePeakRssMb ?? {}))
      lines.push(
        `| ${r.title} | peak RSS of ${service} (its own process) | ${peak} | MB | | | ≤ ${MEMORY_GOAL_MB} MB | ${peak <= MEMORY_GOAL_MB ? 'yes' : '**no**'} | |`,
      );
    lines.push(
      `| ${r.title} | peak RSS of the bench process (seeding, clients; not a service) | ${r.peakRssMb} | MB | | | | | |`,
    );
  }
  for (const failure of failures) lines.push('', `**${failure}**`);
  lines.push('', '## Scale and notes', '');
  for (const r of results) {
    lines.push(
      `- ${r.title}: ${Object.entries(r.scale)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    for (const note of r.notes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Box plots of every latency series on a log scale: the use cases beside their raw baselines. */
function chart(results: ScenarioResult[]): string {
  const values = results.flatMap((r) =>
    Object.entries(r.latencies).flatMap(([series, samples]) =>
      samples.map((ms) => ({ series: `${r.scenario}: ${series}`, ms: Math.max(ms, 0.1) })),
    ),
  );
  const rendered = spawnSync(process.execPath, [path.join(__dirname, 'chart.mjs')], {
    input: JSON.stringify({
      title: 'Latency distributions (ms, log scale): use cases and their raw baselines',
      values,
    }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (rendered.status !== 0) throw new Error(`the chart could not be drawn: ${rendered.stderr}`);
  return rendered.stdout;
}

async function main() {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(SCENARIOS);
  for (const name of names)
    if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const results: ScenarioResult[] = [];
  const failures: string[] = [];
  for (const name of names) {
    log(`\n=== ${name} ===`);
    const { code, output } = await runScenario(SCENARIOS[name]);
    results.push(...parseResults(output));
    if (code !== 0) failures.push(`scenario ${name} failed (exit code ${code})`);
  }
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ at: new Date().toISOString(), node: process.version, results, failures }, null, 2);
  writeFileSync(path.join(dir, `${stamp}.json`), json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  const table = markdown(results, failures);
  writeFileSync(path.join(dir, 'latest.md'), table);
  if (results.some((r) => Object.keys(r.latencies).length)) writeFileSync(path.join(dir, 'latest.svg'), chart(results));
  log(`\n${table}`);
  for (const r of results) {
    for (const [series, samples] of Object.entries(r.latencies)) {
      log(
        `${r.scenario}: ${series}: n ${samples.length}, p50 ${round(percentile(samples, 50))} ms, p95 ${round(percentile(samples, 95))} ms`,
      );
    }
  }
  log(`results in ${path.relative(process.cwd(), dir)}/ (latest.md, latest.json, latest.svg)`);
  if (failures.length) process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
