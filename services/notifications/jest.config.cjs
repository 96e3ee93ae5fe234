const base = require('../../jest.preset.cjs')(__dirname);

// intl-messageformat and its @formatjs dependencies are ESM-only; jest's CommonJS sandbox needs them
// transformed (Node itself loads them through require(esm)).
module.exports = {
  ...base,
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|@opentelemetry/otlp-exporter-base|@electric-sql/pglite|intl-messageformat|@formatjs)/)',
  ],
};
