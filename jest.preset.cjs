// Shared jest settings: @swc/jest transforms TypeScript (tsc 7 has no compiler API for ts-jest),
// workspace imports resolve to sources so tests need no prior build, and a few dependencies are
// transformed to CommonJS because jest's CommonJS sandbox refuses ESM and native `import()`:
// - jose is ESM-only;
// - the OTLP exporter loads `http` with a dynamic import();
// - PGlite's CommonJS build (index.cjs) loads Node built-ins with import() (hence `.cjs` in the pattern).
// - intl-messageformat and its @formatjs dependencies are ESM-only (notifications' templates).
// - eld (intake's language detector) is ESM-only and exports its entries for `import` alone, so
//   jest's resolver (require conditions) is pointed at the file.
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

/** @param {string} packageDir the package's absolute directory (pass __dirname) */
module.exports = (packageDir) => ({
  rootDir: packageDir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{src,test}/**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|@opentelemetry/otlp-exporter-base|@electric-sql/pglite|intl-messageformat|@formatjs|eld)/)',
  ],
  moduleNameMapper: {
    // Sources import siblings as './x.js' (nodenext); jest resolves them to './x.ts'.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^eld/(small|medium|large|extrasmall)$': path.join(
      __dirname,
      'node_modules/eld/src/entries/static.$1.js',
    ),
    '^@chp/platform/sleep$': path.join(__dirname, 'libs/platform/src/sleep.ts'),
    '^@chp/messaging/service$': path.join(__dirname, 'libs/messaging/src/service/index.ts'),
    '^@chp/(contracts|eventstore|messaging|platform|testing|stack|nats-server)$': path.join(
      __dirname,
      'libs/$1/src/index.ts',
    ),
  },
  testTimeout: 30_000,
  // Integration tests start real servers; one file at a time keeps a 2-core machine honest.
  maxWorkers: 1,
});
