/**
 * The architecture's import rules (docs/architecture.md, "Services and their data"), run by
 * `npm run depcheck` inside `npm test`:
 *   npx depcruise services libs tests --config .dependency-cruiser.cjs
 * Paths are the resolved ones: `@stapsteen/<name>` resolves to `libs/<name>/src/...` (tsconfig paths)
 * and npm packages to `node_modules/<package>/...`.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** Frameworks and drivers that belong in the interface and infrastructure layers only. */
const FRAMEWORKS = 'node_modules/(@nestjs/|mongoose/|mongodb/|kafkajs/|(@types/)?express/)';
/** Test files, and the folders that hold nothing but test support. */
const TEST_CODE = [
  '\\.(spec|int-spec|e2e-spec)\\.ts$',
  '^tests/',
  '^bench/',
  '^libs/testing/',
  '^services/[^/]+/test/',
];

module.exports = {
  forbidden: [
    {
      name: 'no-cross-service-imports',
      comment:
        'A service never imports another service: they share only libs (libs/contracts for each other) and talk over Kafka.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'domain-is-framework-free',
      comment:
        'Business rules depend on nothing but node built-ins, @stapsteen/errors, @stapsteen/contracts and @stapsteen/calendar: ' +
        'no NestJS, Mongoose, kafkajs or Express, no outer layer, no infrastructure lib (messaging, observability, auth, ' +
        'service-kit, config, concurrency). @stapsteen/testing is kept to test files by testing-lib-only-in-tests.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: [
          FRAMEWORKS,
          '/(application|interface|infrastructure)/',
          '^libs/(?!(errors|contracts|testing|calendar)/)',
        ],
      },
    },
    {
      name: 'application-not-on-infrastructure',
      comment:
        'Use cases depend on the domain and on ports they declare, not on controllers, consumers or repositories.',
      severity: 'error',
      from: { path: '/application/' },
      to: { path: '/(infrastructure|interface)/' },
    },
    {
      name: 'libs-not-on-services',
      comment: 'Libraries serve every service, so none of them may know one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'contracts-and-errors-are-framework-free',
      comment:
        'Every service and every consumer uses them, whatever it runs on: no framework or driver, and no other lib ' +
        '(which would bring one along).',
      severity: 'error',
      from: { path: '^libs/(contracts|errors|calendar)/' },
      to: { path: [FRAMEWORKS, '^libs/(?!(contracts|errors|testing|calendar)/)'] },
    },
    {
      name: 'testing-lib-only-in-tests',
      comment: 'Test helpers (fake keys, token minting, Kafka probes) never ship in a service.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      comment: 'Cycles make start-up order fragile (undefined providers, forwardRef) and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'A relative import or an @stapsteen/* alias that resolves to no file.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^(\\.{1,2}/|@stapsteen/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules must stay out of `exclude`: excluded modules vanish from the graph, and the rules
    // about @nestjs, mongoose, kafkajs and express would never fire. doNotFollow keeps it cheap.
    // The web app (services/gateway/web) has its own toolchain and tsconfig.
    exclude: { path: '(^|/)(dist|\\.cache|\\.data)/|^services/gateway/web/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
