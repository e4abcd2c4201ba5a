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
