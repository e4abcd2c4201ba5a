// Two tiers: fast unit tests with in-memory fakes, and integration/end-to-end tests that run
// against the real local Kafka and FerretDB, started once per run by the global set-up.
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  moduleNameMapper: { '^@stapsteen/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/.data/'],
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // A backstop, not a cure: on 2 cores Jest runs the suites in its own process, and one app that
  // never finished closing once kept a finished run open until CI killed it 90 minutes later. The
  // harnesses close apps with closeApps (libs/testing), which fails the suite naming the app that
  // did not close; this makes sure that failure is reported instead of a hang.
  forceExit: true,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{services,libs}/**/*.spec.ts',
        '<rootDir>/tests/deploy/**/*.spec.ts',
        '<rootDir>/tests/docs/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{services,libs}/**/*.int-spec.ts', '<rootDir>/tests/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tests/setup/global-setup.cjs',
      globalTeardown: '<rootDir>/tests/setup/global-teardown.cjs',
      // The database rules, enforced on what the services send (docs/architecture.md, rule 8).
      setupFilesAfterEnv: ['<rootDir>/tests/setup/database-rules.ts'],
      slowTestThreshold: 20,
    },
  ],
};
