/**
 * The architecture's import rules (../shared/design/ARCHITECTURE.md, sections 1, 2 and 5), run by
 * `npm run depcheck` inside `npm test`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-service-imports',
      comment: 'A service never imports another service; they share only libs/contracts and talk over Kafka.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'domain-is-framework-free',
      comment: 'Business rules do not depend on NestJS, Mongoose, kafkajs or the outer layers.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: [
          'node_modules/(@nestjs|mongoose|mongodb|kafkajs|express)/',
          '/(application|interface|infrastructure)/',
          '^libs/(messaging|observability|auth|service-kit|config)/',
        ],
      },
    },
    {
      name: 'application-not-on-outer-layers',
      comment: 'Use cases depend on ports, not on controllers or repositories.',
      severity: 'error',
      from: { path: '/application/' },
      to: { path: '/(interface|infrastructure)/' },
    },
    {
      name: 'libs-not-on-services',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'contracts-and-errors-are-framework-free',
      comment: 'Every service and every consumer can use them, whatever framework it runs on.',
      severity: 'error',
      from: { path: '^libs/(contracts|errors)/' },
      to: { path: ['node_modules/(@nestjs|mongoose|mongodb|kafkajs|express)/', '^libs/(?!contracts|errors)'] },
    },
    {
      name: 'testing-lib-only-in-tests',
      severity: 'error',
      from: {
        pathNot: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^tests/', '^bench/', '^libs/testing/', '^services/[^/]+/test/'],
      },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.cache|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
