import { postgresServerAvailability } from '@chp/testing';
import { describeEventStoreConformance } from './conformance/suite.js';
import { postgresTarget } from './support/postgres-target.js';

const server = postgresServerAvailability();

if (server.available) {
  // A pool larger than the default so that the gap test really runs 16 transactions at once.
  describeEventStoreConformance('postgres', () => postgresTarget({ poolSize: 20 }));
} else {
  process.stderr.write(`[eventstore] postgres conformance skipped: ${server.reason}\n`);
  it.skip(`EventStore conformance: postgres (skipped: ${server.reason})`, () => undefined);
}
