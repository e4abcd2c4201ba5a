#!/usr/bin/env node
'use strict';
/**
 * Compiles every service and library with swc into dist/, keeping the folder layout
 * (dist/services/<service>/src/main.js) and rewriting the @stapsteen/* aliases to relative paths,
 * so the output runs with plain `node` and no path-mapping hook. Type checking is `npm run typecheck`.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
swcrc.jsc.baseUrl = root;
swcrc.jsc.paths = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, targets]) => [
    alias,
    targets.map((t) => `./${t}/index.ts`),
  ]),
);
swcrc.exclude = ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$'];

const buildDir = path.join(root, '.cache', 'build');
fs.mkdirSync(buildDir, { recursive: true });
const configFile = path.join(buildDir, 'swcrc.json');
fs.writeFileSync(configFile, JSON.stringify(swcrc));

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const swc = path.join(root, 'node_modules', '.bin', 'swc');
const result = spawnSync(
  swc,
  [
    'services',
    'libs',
    '--out-dir',
    'dist',
    '--config-file',
    configFile,
    '--ignore',
    'services/gateway/web/**',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);

// The web app (React + Vite) into dist/web, which the gateway serves.
const vite = path.join(root, 'node_modules', '.bin', 'vite');
const web = spawnSync(
  vite,
  ['build', '--config', path.join(root, 'services', 'gateway', 'web', 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: path.join(root, 'services', 'gateway', 'web'),
    stdio: 'inherit',
  },
);
process.exit(web.status ?? 1);
