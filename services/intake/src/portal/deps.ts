import { createHmac } from 'node:crypto';
import type { ConsumerRunner, MessagingLogger } from '@chp/messaging';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Router } from 'express';
import { attachmentStoreFrom } from '../attachments/index.js';
import type { IntakeConfig } from '../config.js';
import type { SubmissionDeps } from '../submission/index.js';
import { complaintRouter, type PortalDeps } from './complaint-routes.js';
import { deflectionRouter } from './deflection-routes.js';
import { followRouter } from './follow-routes.js';
import { derivedKey, formGuard } from './guard.js';
import { knowledgeClient, noKnowledge } from './knowledge.js';
import { runPortalProjection } from './projection.js';
import { statusRouter } from './status-routes.js';
import { type LinkStore, openLinkStore, openViewStore, type ViewStore } from './store.js';
import { type PortalLanguage, portalLanguages, portalTexts } from './texts.js';
import { signedTokens } from './tokens.js';

const perHour = (count: number) => ({ perSecond: count / 3600, burst: count });

/** The filing form's dependencies from intake's configuration. */
export function portalDepsFrom(
  config: IntakeConfig,
  submissions: SubmissionDeps,
  now: () => number = Date.now,
  logger?: MessagingLogger,
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
    attachments: attachmentStoreFrom(config),
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
    knowledge: config.KNOWLEDGE_URL
      ? knowledgeClient({
          baseUrl: config.KNOWLEDGE_URL,
          timeoutMs: config.KNOWLEDGE_TIMEOUT,
          ...(logger ? { logger } : {}),
        })
      : noKnowledge,
  };
}

export interface Portal {
  routers: Router[];
  projection: ConsumerRunner;
}

/** The portal's routers: the filing form, the follow form and its links, the status page. */
export function portalRouters(options: {
  config: IntakeConfig;
  submissions: SubmissionDeps;
  nc: NatsConnection;
  views: ViewStore;
  links: LinkStore;
  logger?: MessagingLogger;
  now?: () => number;
}): Router[] {
  const { config, nc, views } = options;
  const now = options.now ?? Date.now;
  const form = portalDepsFrom(config, options.submissions, now, options.logger);
  const sessions = signedTokens(derivedKey(config.CUSTOMER_LINK_SECRET, 'session'));
  return [
    complaintRouter(form),
    deflectionRouter(form),
    followRouter({
      guard: form.guard,
      limits: form.limits,
      views,
      links: options.links,
      linkTokens: signedTokens(derivedKey(config.CUSTOMER_LINK_SECRET, 'links')),
      sessions,
      digest: contactDigest(config),
      nc,
      publicUrl: config.INTAKE_PUBLIC_URL,
      linkTtlMs: config.PORTAL_LINK_TTL,
      sessionTtlMs: config.PORTAL_SESSION_TTL,
      secureCookies: config.INTAKE_PUBLIC_URL.startsWith('https:'),
      defaultRegion: config.DEFAULT_PHONE_REGION,
      now,
      ...(options.logger ? { logger: options.logger } : {}),
    }),
    statusRouter({
      guard: form.guard,
      attachments: attachmentStoreFrom(config),
      views,
      sessions,
      nc,
      timeoutMs: config.FILE_TIMEOUT,
      timeZone: config.PORTAL_TIME_ZONE,
      now,
    }),
  ];
}

/** The keyed digest of contact details the views keep (never the addresses themselves). */
function contactDigest(config: IntakeConfig): (text: string) => string {
  const key = derivedKey(config.CUSTOMER_LINK_SECRET, 'contact');
  return (text) => createHmac('sha256', key).update(text).digest('base64url');
}

/** The whole portal: its KV stores, the projection following COMPLAINTS, and its routers. */
export async function openPortal(options: {
  config: IntakeConfig;
  submissions: SubmissionDeps;
  nc: NatsConnection;
  js: JetStreamClient;
  logger?: MessagingLogger;
  now?: () => number;
}): Promise<Portal> {
  const { config, js } = options;
  const replicas = config.JETSTREAM_REPLICAS;
  const views = await openViewStore(js, replicas);
  const links = await openLinkStore(js, config.PORTAL_LINK_TTL, replicas);
  const projection = await runPortalProjection({
    nc: options.nc,
    views,
    links,
    attachments: attachmentStoreFrom(config),
    view: { digest: contactDigest(config), showAssignee: config.PORTAL_SHOW_ASSIGNEE },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { projection, routers: portalRouters({ ...options, views, links }) };
}
