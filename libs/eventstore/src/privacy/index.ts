export {
  type FilingReader,
  PersonalDataCipher,
  revealPersonalData,
  sealedKeyIdOf,
  subjectIdOf,
} from './cipher.js';
export { type EncryptExistingResult, encryptExistingEvents } from './encrypt-existing.js';
export { type Envelope, envelopeAlgorithm, isEnvelope, newDataKey, open, seal } from './envelope.js';
export type { DataKey, KeyLookup, KeyStore } from './keys.js';
export { MemoryKeyStore } from './memory-keys.js';
export { type DataKeyFetcher, PersonalDataOpener, type PersonalDataOpenerOptions } from './opener.js';
export { ProtectingEventStore } from './protecting-store.js';
export { SqlKeyStore } from './sql-keys.js';
