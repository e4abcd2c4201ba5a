// The fault and attack suite (`npm run test:faults`): outages, crashes, duplicates, poison and
// fuzzed input. Not part of `npm test`: each suite starts a local stack of its own (it kills
// brokers, databases and services), so the suites run one after the other.
const base = require('./jest.config.js');

const integration = base.projects.find((project) => project.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 300000,
  maxWorkers: 1,
  projects: [
    {
      ...integration,
      displayName: 'faults',
      testMatch: ['<rootDir>/tests/faults/**/*.fault-spec.ts'],
      globalSetup: undefined,
      globalTeardown: undefined,
    },
  ],
};
