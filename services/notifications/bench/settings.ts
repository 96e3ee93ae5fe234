// What every notifications process of the benchmark runs with: the one in notifications.bench.ts
// and its replicas (replica.ts). Alert routes are empty: the events generated need none.
import { cloudEventSources } from '@chp/contracts';
import { resolutionLinks } from '../src/links/resolution-links.js';
import type { NotificationsServiceOptions } from '../src/service/index.js';

export const benchSettings: Pick<NotificationsServiceOptions, 'delivery' | 'plan' | 'maxAttempts'> = {
  delivery: {
    from: 'care@complaints.bench',
    messageIdDomain: 'complaints.bench',
    sendLeaseMs: 300_000,
    source: cloudEventSources.notifications,
  },
  plan: {
    alertRoutes: { teams: {} },
    defaultTimeZone: 'UTC',
    staffLanguage: 'en',
    resolutionLinks: resolutionLinks(() => 'https://intake.bench/v1/customer-links/x', 86_400_000),
  },
  maxAttempts: 5,
};
