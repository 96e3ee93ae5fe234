export { defaultKeyStoreUrl, openKeyStore, protectPersonalData } from './key-store.js';
