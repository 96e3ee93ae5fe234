export { defaultKeyStoreUrl, openKeyStore, protectPersonalData } from './key-store.js';
export { type DroppedMessages, dropMessagesOf, streamsHoldingCustomers } from './stream-traces.js';
