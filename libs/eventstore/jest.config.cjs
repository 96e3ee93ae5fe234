const preset = require('../../jest.preset.cjs')(__dirname);

// PGlite's CommonJS build (index.cjs) loads Node built-ins with a native `import()`, which jest's
// VM refuses without --experimental-vm-modules. Transforming that file (swc turns the imports into
// require calls) avoids it; this needs `.cjs` in the transform pattern and PGlite out of the ignores.
const swc = Object.values(preset.transform)[0];
module.exports = {
  ...preset,
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@electric-sql/pglite)/)'],
};
