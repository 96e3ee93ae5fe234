export { checkpointOf, jetStreamLag, type Lag, type LagSource } from './status.js';
