import type { IntakeConfig } from '../config.js';
import type { SubmissionDeps } from '../submission/index.js';
import type { PortalDeps } from './complaint-routes.js';
import { derivedKey, formGuard } from './guard.js';
import { type PortalLanguage, portalLanguages, portalTexts } from './texts.js';

const perHour = (count: number) => ({ perSecond: count / 3600, burst: count });

/** The portal's dependencies from intake's configuration. */
export function portalDepsFrom(
  config: IntakeConfig,
  submissions: SubmissionDeps,
  now: () => number = Date.now,
): PortalDeps {
  const notices = {
    en: config.PORTAL_PRIVACY_NOTICE_EN,
    uk: config.PORTAL_PRIVACY_NOTICE_UK,
    ru: config.PORTAL_PRIVACY_NOTICE_RU,
    hu: config.PORTAL_PRIVACY_NOTICE_HU,
    lv: config.PORTAL_PRIVACY_NOTICE_LV,
    ro: config.PORTAL_PRIVACY_NOTICE_RO,
  } satisfies Record<PortalLanguage, string | undefined>;
  return {
    submissions,
    guard: formGuard({
      key: derivedKey(config.CUSTOMER_LINK_SECRET, 'forms'),
      minFillMs: config.PORTAL_MIN_FILL_TIME,
      maxAgeMs: config.PORTAL_FORM_MAX_AGE,
      secureCookies: config.INTAKE_PUBLIC_URL.startsWith('https:'),
      now,
    }),
    limits: {
      perAddress: perHour(config.PORTAL_LIMIT_PER_ADDRESS),
      perEmail: perHour(config.PORTAL_LIMIT_PER_EMAIL),
    },
    categories: config.PORTAL_CATEGORIES,
    privacyNotices: Object.fromEntries(
      portalLanguages.map((language) => [language, notices[language] ?? portalTexts[language].privacyNotice]),
    ) as Record<PortalLanguage, string>,
    privacyUrl: config.PORTAL_PRIVACY_URL,
    timeZone: config.PORTAL_TIME_ZONE,
  };
}
