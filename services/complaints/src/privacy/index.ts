export { type DroppedDeadLetters, dropDeadLettersOf } from './dead-letters.js';
export { defaultKeyStoreUrl, openKeyStore, protectPersonalData } from './key-store.js';
