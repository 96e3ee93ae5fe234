/**
 * NATS subjects and JetStream stream names: the single source for every service.
 * Subjects are built by these helpers only, never by string concatenation at call sites.
 */
export const streams = {
  /** Channel submissions waiting to be filed. */
  intake: 'INTAKE',
  /** Integration events relayed from the complaints event store. */
  complaints: 'COMPLAINTS',
  /** Proof of sending (and failures) from the notifications service. */
  notifications: 'NOTIFICATIONS',
  /** Dead letters of every consumer, kept for inspection and replay. */
  deadLetters: 'DEAD_LETTERS',
  /** The directory of standard answers and typical questions (knowledge's events). */
  knowledge: 'KNOWLEDGE',
} as const;

export const channels = ['web', 'email', 'phone', 'branch', 'post', 'terminal'] as const;
export type Channel = (typeof channels)[number];

export const subjects = {
  intake: {
    /** Filter for the INTAKE stream. */
    all: 'intake.complaints.>',
    complaint: (channel: string) => `intake.complaints.${channel}`,
    emailRaw: 'intake.email.raw',
    dead: (channel: string) => `intake.dead.${channel}`,
    /** Core NATS: the portal asks notifications to e-mail a one-time link (`PortalLinkRequested`). */
    portalLinkRequested: 'intake.events.portal-link-requested',
  },
  complaints: {
    /** Filter for the COMPLAINTS stream. */
    allEvents: 'complaints.events.>',
    event: (eventType: string) => `complaints.events.${eventType}`,
    /** Core NATS request/reply (queue group `complaints`), not JetStream. */
    command: (command: string) => `complaints.cmd.${command}`,
    file: 'complaints.cmd.file',
    /** Core NATS request/reply (queue group `complaints`): what a customer link acts on. */
    linkResolution: 'complaints.query.link-resolution',
    /**
     * Core NATS request/reply (queue group `complaints`): the data keys that open the sealed
     * personal fields of published events, for the consumers that need the clear text.
     */
    dataKeys: 'complaints.keys.get',
  },
  notifications: {
    allEvents: 'notifications.events.>',
    sent: 'notifications.events.sent',
    failed: 'notifications.events.failed',
  },
  knowledge: {
    /** Filter for the KNOWLEDGE stream. */
    allEvents: 'knowledge.events.>',
    event: (eventType: string) => `knowledge.events.${eventType}`,
  },
  deadLetters: {
    /** Filter for the DEAD_LETTERS stream: `<service>.dead.<consumer or channel>`. */
    all: ['*.dead.>'],
    of: (service: string, name: string) => `${service}.dead.${name}`,
  },
} as const;
