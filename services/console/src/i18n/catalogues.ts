// Every language's messages at once, for tests and checks; the app loads one (`loadMessages`).
import type { Locale, Messages } from './locales.js';
import { en } from './messages/en.js';
import { hu } from './messages/hu.js';
import { lv } from './messages/lv.js';
import { ro } from './messages/ro.js';
import { ru } from './messages/ru.js';
import { uk } from './messages/uk.js';

export const messages: Record<Locale, Messages> = { en, uk, ru, hu, lv, ro };
