const preset = require('../../jest.preset.cjs')(__dirname);

// The OTLP exporter loads `http` with a dynamic import(), which jest's CommonJS sandbox refuses
// without --experimental-vm-modules; transforming it turns the import() into require().
module.exports = {
  ...preset,
  transformIgnorePatterns: ['/node_modules/(?!(jose|@opentelemetry/otlp-exporter-base)/)'],
};
