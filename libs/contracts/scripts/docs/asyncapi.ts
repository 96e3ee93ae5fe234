import {
  channels as complaintChannels,
  complaintEventTypes,
  natsCommandNames,
  natsCommandTypes,
  notificationEventTypes,
  notificationSubjects,
  streams,
  subjects,
} from '../../src/index.js';
import type { JsonSchema } from './json-schemas.js';

const ref = ($ref: string) => ({ $ref });
const NATS_BINDING_VERSION = '0.1.0';

/** NATS headers the publishers set: JetStream deduplication and W3C trace context. */
const cloudEventHeaders = {
  type: 'object',
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'The CloudEvent id; JetStream deduplicates on it.' },
    traceparent: { type: 'string', description: 'W3C trace context.' },
    tracestate: { type: 'string' },
  },
};

interface Message {
  name: string;
  title: string;
  summary: string;
  contentType: string;
  schema?: string;
  payload?: JsonSchema;
  headers?: JsonSchema;
}

interface Channel {
  id: string;
  address: string | null;
  description: string;
  parameters?: Record<string, { description: string; enum?: string[] }>;
  messages: Message[];
  /** [operation id, action, description, extra] */
  operations: [string, 'send' | 'receive', string, Record<string, unknown>?][];
}

const cloudEvent = (name: string, summary: string): Message => ({
  name,
  title: name.replace(/CloudEvent$/, ''),
  summary,
  contentType: 'application/cloudevents+json',
  schema: name,
  headers: cloudEventHeaders,
});
const json = (name: string, summary: string): Message => ({
  name,
  title: name,
  summary,
  contentType: 'application/json',
  schema: name,
});
const queue = (name: string) => ({
  bindings: { nats: { queue: name, bindingVersion: NATS_BINDING_VERSION } },
});
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function channelList(): Channel[] {
  const list: Channel[] = [
    {
      id: 'intakeSubmissions',
      address: subjects.intake.complaint('{channel}'),
      description: `JetStream stream ${streams.intake}: submissions from channel adapters, and intake's own queued ones after a 202.`,
      parameters: {
        channel: { description: 'The channel the complaint came through.', enum: [...complaintChannels] },
      },
      messages: [
        json('IntakeSubmission', 'A submission as plain JSON.'),
        cloudEvent(
          'ComplaintSubmittedCloudEvent',
          'A submission wrapped as a CloudEvent; its id is the idempotency key.',
        ),
        cloudEvent(
          'SubmissionQueuedCloudEvent',
          'A submission intake answered 202 for, with the promised id and reference.',
        ),
      ],
      operations: [
        ['submitComplaint', 'send', 'Channel adapters (and intake after a 202) hand in a complaint.'],
        [
          'consumeSubmissions',
          'receive',
          'Intake files each submission through complaints.cmd.file, exactly once.',
        ],
      ],
    },
    {
      id: 'intakeRawEmail',
      address: subjects.intake.emailRaw,
      description: 'Raw RFC 5322 mail from the e-mail gateway.',
      messages: [
        {
          name: 'RawEmail',
          title: 'RawEmail',
          summary: 'The message bytes, as received.',
          contentType: 'message/rfc822',
          payload: { type: 'string', description: 'RFC 5322 message.' },
        },
      ],
      operations: [
        ['submitRawEmail', 'send', 'The e-mail gateway forwards a received mail.'],
        ['consumeRawEmail', 'receive', 'Intake files a new complaint or threads a reply onto one.'],
      ],
    },
    {
      id: 'intakeDeadLetters',
      address: subjects.intake.dead('{channel}'),
      description: `Submissions intake could not accept (stream ${streams.deadLetters}), with the original bytes and why.`,
      parameters: { channel: { description: 'The channel token of the rejected message.' } },
      messages: [json('DeadLetter', 'A rejected message with its reasons.')],
      operations: [['deadLetterSubmission', 'send', 'Intake rejects a submission it cannot file.']],
    },
  ];

  for (const type of natsCommandTypes) {
    const id = lowerFirst(type);
    const request = `${type}Request`;
    const reply = type === 'FileComplaint' ? 'FileComplaintReply' : 'CommandReply';
    const replyChannel = `#/channels/${id}Reply`;
    const replyTo = {
      reply: { channel: ref(replyChannel), messages: [ref(`${replyChannel}/messages/${reply}`)] },
    };
    list.push(
      {
        id,
        address: subjects.complaints.command(natsCommandNames[type]),
        description: `Core NATS request/reply, queue group "complaints": ${type}.`,
        messages: [json(request, `The ${type} command's data and metadata.`)],
        operations: [
          [`request${type}`, 'send', `Intake sends ${type} and waits for the reply.`, replyTo],
          [
            `serve${type}`,
            'receive',
            `The complaints service decides ${type} and replies.`,
            { ...queue('complaints'), ...replyTo },
          ],
        ],
      },
      {
        id: `${id}Reply`,
        address: null,
        description: `The reply inbox of ${subjects.complaints.command(natsCommandNames[type])} (chosen by the requester).`,
        messages: [json(reply, '{ok: true, result} or {ok: false, error}.')],
        operations: [],
      },
    );
  }

  const linkReply = '#/channels/linkResolutionReply';
  list.push(
    {
      id: 'linkResolution',
      address: subjects.complaints.linkResolution,
      description:
        'Core NATS request/reply, queue group "complaints": what a customer link acts on (the resolution\'s summary, outcome and remedies while the link acts).',
      messages: [json('LinkResolutionRequest', 'The complaint and resolution a verified link names.')],
      operations: [
        [
          'requestLinkResolution',
          'send',
          'Intake asks before it shows a link page.',
          {
            reply: { channel: ref(linkReply), messages: [ref(`${linkReply}/messages/LinkResolutionReply`)] },
          },
        ],
        [
          'serveLinkResolution',
          'receive',
          'The complaints service folds the complaint and replies.',
          {
            ...queue('complaints'),
            reply: { channel: ref(linkReply), messages: [ref(`${linkReply}/messages/LinkResolutionReply`)] },
          },
        ],
      ],
    },
    {
      id: 'linkResolutionReply',
      address: null,
      description: `The reply inbox of ${subjects.complaints.linkResolution} (chosen by the requester).`,
      messages: [json('LinkResolutionReply', '{ok: true, result} or {ok: false, error}.')],
      operations: [],
    },
  );

  for (const type of complaintEventTypes) {
    list.push({
      id: lowerFirst(type),
      address: subjects.complaints.event(type),
      description: `JetStream stream ${streams.complaints}: ${type}, relayed from the event store.`,
      messages: [cloudEvent(`${type}CloudEvent`, `${type} as a CloudEvent; subject is the complaint id.`)],
      operations: [
        [`publish${type}`, 'send', 'The complaints relay publishes it with msgID = event id.'],
        [`consume${type}`, 'receive', 'Projections and notifications consume it, idempotently.'],
      ],
    });
  }

  for (const type of notificationEventTypes) {
    list.push({
      id: lowerFirst(type),
      address: notificationSubjects[type],
      description: `JetStream stream ${streams.notifications}: ${type}.`,
      messages: [cloudEvent(`${type}CloudEvent`, `${type} as a CloudEvent; subject is the complaint id.`)],
      operations: [
        [`publish${type}`, 'send', 'The notifications service reports the outcome of a message.'],
        [`consume${type}`, 'receive', 'The complaints service records it as CustomerNotified.'],
      ],
    });
  }

  list.push({
    id: 'deadLetters',
    address: subjects.deadLetters.of('{service}', '{name}'),
    description: `JetStream stream ${streams.deadLetters} (filter ${subjects.deadLetters.all.join(', ')}): every consumer's dead letters.`,
    parameters: {
      service: { description: 'The consuming service.' },
      name: { description: 'The consumer or channel.' },
    },
    messages: [json('DeadLetter', 'A message a consumer gave up on, with the reason and delivery count.')],
    operations: [
      ['publishDeadLetter', 'send', 'A consumer terms a message and records why.'],
      ['inspectDeadLetters', 'receive', 'Operators inspect and replay dead letters.'],
    ],
  });
  return list;
}

/** The AsyncAPI 3.0.0 document of every NATS channel in `subjects.ts`, as a plain object. */
export function asyncApiDocument(
  version: string,
  schemas: ReadonlyMap<string, JsonSchema>,
): Record<string, unknown> {
  const list = channelList();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const used = new Set<string>();

  for (const channel of list) {
    const channelMessages: Record<string, unknown> = {};
    for (const message of channel.messages) {
      channelMessages[message.name] = ref(`#/components/messages/${message.name}`);
      if (message.schema !== undefined) used.add(message.schema);
      messages[message.name] = {
        name: message.name,
        title: message.title,
        summary: message.summary,
        contentType: message.contentType,
        ...(message.headers === undefined ? {} : { headers: message.headers }),
        payload: message.payload ?? ref(`#/components/schemas/${message.schema}`),
      };
    }
    channels[channel.id] = {
      address: channel.address,
      description: channel.description,
      messages: channelMessages,
      ...(channel.parameters === undefined ? {} : { parameters: channel.parameters }),
    };
    for (const [id, action, description, extra] of channel.operations) {
      operations[id] = {
        action,
        channel: ref(`#/channels/${channel.id}`),
        description,
        messages: channel.messages.map((m) => ref(`#/channels/${channel.id}/messages/${m.name}`)),
        ...extra,
      };
    }
  }

  const componentSchemas: Record<string, unknown> = {};
  for (const name of [...used].sort()) {
    const schema = schemas.get(name);
    if (schema === undefined) throw new Error(`AsyncAPI message ${name} has no schema in messageSchemas`);
    const { $schema: _draft, ...payload } = schema;
    componentSchemas[name] = payload;
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Complaint handling platform',
      version,
      description:
        'Every NATS channel of the platform. Integration events are CloudEvents 1.0 (structured JSON) on JetStream; commands to the complaints service are core NATS request/reply.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: 'localhost:4222', protocol: 'nats', description: 'nats-server 2.9+ with JetStream.' },
    },
    channels,
    operations,
    components: { schemas: componentSchemas, messages },
  };
}
