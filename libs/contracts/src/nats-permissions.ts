import { streams, subjects } from './subjects.js';

/**
 * Who may do what on NATS: one user per service, the console's server, channel gateways, and an
 * operator. The
 * nats-server configuration of `npm start`, the tests and `deploy/nats` is generated from this table
 * (`renderNatsConfig` in @chp/nats-server), and SECURITY.md prints it. Nothing else grants a
 * permission, so a subject a service starts using needs a line here.
 */
export const natsUserNames = [
  'intake',
  'complaints',
  'projections',
  'notifications',
  'knowledge',
  'console',
  'channel',
  'operator',
] as const;
export type NatsUserName = (typeof natsUserNames)[number];
/** The users a service of this repository connects as (the console, channels and the operator are not). */
export type NatsServiceUser = Exclude<NatsUserName, 'console' | 'channel' | 'operator'>;

export interface NatsUserPermissions {
  /** Why the user exists, for SECURITY.md. */
  readonly purpose: string;
  readonly publish: { readonly allow: readonly string[]; readonly deny?: readonly string[] };
  readonly subscribe: { readonly allow: readonly string[]; readonly deny?: readonly string[] };
  /** May answer requests it received (publish once to their reply subject, nothing else). */
  readonly allowResponses?: boolean;
  /** Streams the user creates when missing and updates to the wanted configuration. */
  readonly ownsStreams: readonly string[];
  /** Streams the user creates when missing (so start order does not matter) but never changes. */
  readonly usesStreams: readonly string[];
}

/**
 * A user's reply subjects start with its own prefix, so that no user can read another's replies
 * (an `_INBOX.>` permission would show every reply on the server). Pass it as `inboxPrefix`.
 */
export const natsInboxPrefix = (user: NatsUserName): string => `_INBOX_${user}`;

const api = '$JS.API';
/** The KV bucket names of the services, with their backing streams `KV_<bucket>`. */
export const kvBuckets = {
  /** intake's ledger of submissions (idempotency keys and promised references). */
  intakeLedger: 'intake-submissions',
  /** intake's portal: customer-visible views of complaints, references to ids. */
  intakePortal: 'intake-portal',
  /** intake's portal: one-time links, expiring on their own. */
  intakePortalLinks: 'intake-portal-links',
  /** complaints' relay lease (one relay at a time). */
  complaintsLeases: 'complaints_leases',
  /** complaints' dead-letter desk: the operators' decisions (replayed, discarded: who, when) per letter. */
  deadLetterDecisions: 'dead-letter-decisions',
} as const;

/** The durable consumers of the services: permissions name them, so a renamed durable needs its line here. */
export const durableConsumers = {
  intake: { stream: streams.intake, names: ['intake', 'intake-email'] },
  complaints: { stream: streams.notifications, names: ['complaints-customer-notified'] },
  projections: { stream: streams.complaints, names: ['projections'] },
  notifications: { stream: streams.complaints, names: ['notifications'] },
} as const;

/** intake's portal follows COMPLAINTS into its own views (a second durable, on another stream than INTAKE's). */
export const intakePortalDurable = { stream: streams.complaints, name: 'intake-portal' } as const;

/** The JetStream API requests that ensure a stream (info, create, and update when owned). */
function streamApi(stream: string, owned: boolean): string[] {
  return [
    `${api}.STREAM.INFO.${stream}`,
    `${api}.STREAM.CREATE.${stream}`,
    ...(owned ? [`${api}.STREAM.UPDATE.${stream}`] : []),
  ];
}

/** Ensure, read and acknowledge one durable pull consumer (nats.js uses the extended create form with the filter). */
function durableApi(stream: string, durable: string): string[] {
  return [
    `${api}.CONSUMER.INFO.${stream}.${durable}`,
    `${api}.CONSUMER.CREATE.${stream}.${durable}`,
    `${api}.CONSUMER.CREATE.${stream}.${durable}.>`,
    `${api}.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
    `${api}.CONSUMER.MSG.NEXT.${stream}.${durable}`,
    `$JS.ACK.${stream}.${durable}.>`,
  ];
}

/** A KV bucket: create or open it, read, write and delete keys. */
function kvApi(bucket: string): string[] {
  const stream = `KV_${bucket}`;
  return [
    `$KV.${bucket}.>`,
    ...streamApi(stream, true),
    `${api}.DIRECT.GET.${stream}`,
    `${api}.DIRECT.GET.${stream}.>`,
    `${api}.STREAM.MSG.GET.${stream}`,
  ];
}

const consumersOf = (user: keyof typeof durableConsumers): string[] => {
  const { stream, names } = durableConsumers[user];
  return names.flatMap((name) => durableApi(stream, name));
};

/** Nobody but the operator purges or deletes streams, messages or consumers. */
const destructive = [
  `${api}.STREAM.DELETE.>`,
  `${api}.STREAM.PURGE.>`,
  `${api}.STREAM.MSG.DELETE.>`,
  `${api}.CONSUMER.DELETE.>`,
];

const service = (
  user: NatsServiceUser,
  grant: {
    publish: string[];
    subscribe?: string[];
    allowResponses?: boolean;
    owns: string[];
    uses: string[];
    /**
     * Streams the user deletes single messages of: its own processed messages (INTAKE), or an
     * erased customer's dead letters. Not a purge: no other destructive request is allowed.
     */
    deletesMessagesOf?: string[];
  },
  purpose: string,
): NatsUserPermissions => ({
  purpose,
  publish: {
    allow: [
      `${api}.INFO`,
      ...grant.owns.flatMap((stream) => streamApi(stream, true)),
      ...grant.uses.flatMap((stream) => streamApi(stream, false)),
      ...grant.publish,
      ...(grant.deletesMessagesOf ?? []).map((stream) => `${api}.STREAM.MSG.DELETE.${stream}`),
    ],
    // A deny wins over any allow: a user that deletes single messages is denied the rest only.
    deny: grant.deletesMessagesOf?.length
      ? destructive.filter((subject) => subject !== `${api}.STREAM.MSG.DELETE.>`)
      : destructive,
  },
  subscribe: { allow: [`${natsInboxPrefix(user)}.>`, ...(grant.subscribe ?? [])] },
  ...(grant.allowResponses ? { allowResponses: true } : {}),
  ownsStreams: grant.owns,
  usesStreams: grant.uses,
});

const anyCommand = subjects.complaints.command('*');

export const natsPermissions: Readonly<Record<NatsUserName, NatsUserPermissions>> = {
  intake: service(
    'intake',
    {
      owns: [streams.intake],
      uses: [streams.deadLetters, streams.complaints],
      deletesMessagesOf: [streams.intake],
      publish: [
        subjects.intake.all,
        subjects.intake.emailRaw,
        subjects.intake.dead('>'),
        anyCommand,
        subjects.complaints.linkResolution,
        // The portal's view opens sealed personal fields with keys asked of complaints.
        subjects.complaints.dataKeys,
        ...consumersOf('intake'),
        ...kvApi(kvBuckets.intakeLedger),
        ...durableApi(intakePortalDurable.stream, intakePortalDurable.name),
        ...kvApi(kvBuckets.intakePortal),
        ...kvApi(kvBuckets.intakePortalLinks),
        subjects.intake.portalLinkRequested,
      ],
    },
    'the public edge: queues submissions on INTAKE, files them by request to complaints; its portal follows COMPLAINTS and asks notifications to send one-time links',
  ),
  complaints: service(
    'complaints',
    {
      owns: [streams.complaints],
      uses: [streams.notifications, streams.deadLetters],
      // An erasure finds the customer's dead letters and proofs of sending (read one by one) and deletes them.
      deletesMessagesOf: [streams.deadLetters, streams.notifications],
      publish: [
        subjects.complaints.allEvents,
        subjects.deadLetters.of('complaints', '>'),
        ...consumersOf('complaints'),
        ...kvApi(kvBuckets.complaintsLeases),
        // The dead-letter desk (GET /admin/v1/dead-letters): reads DEAD_LETTERS by sequence, records
        // decisions, and replays a channel's submission to its channel subject (as a gateway would).
        `${api}.STREAM.MSG.GET.${streams.deadLetters}`,
        ...kvApi(kvBuckets.deadLetterDecisions),
        subjects.intake.complaint('*'),
        `${api}.STREAM.MSG.GET.${streams.notifications}`,
      ],
      subscribe: [anyCommand, subjects.complaints.linkResolution, subjects.complaints.dataKeys],
      allowResponses: true,
    },
    'answers complaints.cmd.*, complaints.query.link-resolution and complaints.keys.get, relays its events (personal fields sealed) to COMPLAINTS, consumes proof of sending, keeps the dead-letter desk',
  ),
  projections: service(
    'projections',
    {
      owns: [],
      uses: [streams.complaints, streams.deadLetters],
      publish: [
        subjects.deadLetters.of('projections', '>'),
        subjects.complaints.dataKeys,
        ...consumersOf('projections'),
      ],
    },
    'consumes COMPLAINTS into the read models (asks complaints.keys.get for the keys of sealed personal fields)',
  ),
  notifications: service(
    'notifications',
    {
      owns: [streams.notifications],
      uses: [streams.complaints, streams.deadLetters],
      publish: [
        subjects.notifications.allEvents,
        subjects.deadLetters.of('notifications', '>'),
        subjects.complaints.dataKeys,
        ...consumersOf('notifications'),
        // An operator's resend of an `unknown` e-mail re-reads its event by sequence (admin routes).
        `${api}.STREAM.MSG.GET.${streams.complaints}`,
      ],
      subscribe: [subjects.intake.portalLinkRequested],
    },
    'consumes COMPLAINTS (asks complaints.keys.get for the keys of sealed personal fields), sends e-mail (and the portal’s one-time links intake asks for), publishes proof of sending',
  ),
  knowledge: service(
    'knowledge',
    { owns: [streams.knowledge], uses: [], publish: [subjects.knowledge.allEvents] },
    'publishes the directory of standard answers and typical questions to KNOWLEDGE',
  ),
  console: {
    purpose: "the console's server: sends commands, follows COMPLAINTS with ordered (ephemeral) consumers",
    publish: {
      allow: [
        anyCommand,
        `${api}.INFO`,
        `${api}.STREAM.INFO.${streams.complaints}`,
        // Ordered consumers have generated names, so any name on COMPLAINTS but the services' durables.
        `${api}.CONSUMER.CREATE.${streams.complaints}.*`,
        `${api}.CONSUMER.CREATE.${streams.complaints}.*.>`,
        `${api}.CONSUMER.INFO.${streams.complaints}.*`,
        `${api}.CONSUMER.DELETE.${streams.complaints}.*`,
        `${api}.CONSUMER.MSG.NEXT.${streams.complaints}.*`,
      ],
      deny: [
        ...[
          ...durableConsumers.projections.names,
          ...durableConsumers.notifications.names,
          intakePortalDurable.name,
        ].flatMap((name) => [
          `${api}.CONSUMER.*.${streams.complaints}.${name}`,
          `${api}.CONSUMER.*.${streams.complaints}.${name}.>`,
          `${api}.CONSUMER.MSG.NEXT.${streams.complaints}.${name}`,
        ]),
        `${api}.CONSUMER.DURABLE.CREATE.>`,
        `${api}.STREAM.DELETE.>`,
        `${api}.STREAM.PURGE.>`,
        `${api}.STREAM.MSG.DELETE.>`,
      ],
    },
    subscribe: { allow: [`${natsInboxPrefix('console')}.>`] },
    ownsStreams: [],
    usesStreams: [],
  },
  channel: {
    purpose:
      'channel gateways (a postal scanning desk, terminals): submit to intake.complaints.<channel>, read the acknowledgement',
    publish: { allow: [subjects.intake.complaint('*')] },
    subscribe: { allow: [`${natsInboxPrefix('channel')}.>`] },
    ownsStreams: [],
    usesStreams: [],
  },
  operator: {
    purpose:
      'people operating the platform: inspect, replay dead letters, purge and delete (never a service)',
    publish: { allow: ['>'] },
    subscribe: { allow: ['>'] },
    ownsStreams: [
      streams.intake,
      streams.complaints,
      streams.notifications,
      streams.knowledge,
      streams.deadLetters,
    ],
    usesStreams: [],
  },
};
