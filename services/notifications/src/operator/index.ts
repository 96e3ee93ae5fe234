export * from './unsettled-emails.js';
