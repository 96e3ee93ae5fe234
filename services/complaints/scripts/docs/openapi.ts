// The OpenAPI 3.1 document of the complaints HTTP API, from the zod schemas its routes validate with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  commandBodySchemas,
  complaintCloudEventSchema,
  complaintEventTypes,
  correctCustomerLanguageBodySchema,
  type HttpCommandType,
  httpCommandTypes,
  statuses,
} from '@chp/contracts';
import {
  checkedExample,
  headerParameter,
  jsonContent,
  jsonSchemaOf,
  type OpenApiDocument,
  openApiDocument,
  type PathItem,
  parametersOf,
  pathTemplateOf,
  probePaths,
  problems,
  rolesText,
  schemaRef,
  secured,
  toYaml,
} from '@chp/platform';
import { MAX_AUDIT_PAGE, MAX_FEED_PAGE } from '../../src/application/index.js';
import { deadLetterQuery, discardBody, MAX_DEAD_LETTER_PAGE, replayBody } from '../../src/http/admin.js';
import { complaintParams } from '../../src/http/commands.js';
import { feedQuery } from '../../src/http/internal.js';
import { auditQuery, referenceParams, stateQuery } from '../../src/http/queries.js';
import { headersSchema } from '../../src/http/request-metadata.js';
import { commandRoute, routes } from '../../src/http/routes.js';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

const etagHeader = {
  ETag: {
    schema: { type: 'string', pattern: '^"\\d+"$' },
    description: 'The revision, `"<n>"`, for `If-Match`.',
  },
};

/** The desk's commands, and the language correction that has its own route (routes.ts). */
type DocumentedCommand = HttpCommandType | 'CorrectCustomerLanguage';
const documentedCommands: DocumentedCommand[] = [...httpCommandTypes, 'CorrectCustomerLanguage'];
const routeOf = (type: DocumentedCommand) =>
  type === 'CorrectCustomerLanguage' ? routes.correctCustomerLanguage : commandRoute(type);
const bodySchemaOf = (type: DocumentedCommand) =>
  type === 'CorrectCustomerLanguage' ? correctCustomerLanguageBodySchema : commandBodySchemas[type];

/** Why some values of a command need the supervisor role (roles.ts's supervisorReason). */
const supervisorOnly: Partial<Record<DocumentedCommand, string>> = {
  CloseComplaint:
    'Closing with `reason` `dismissed` or `duplicate` needs the `supervisor` role (403 otherwise).',
  EscalateComplaint: 'Escalating to `level` 3 needs the `supervisor` role (403 otherwise).',
};

/** The customer's acts: staff record them only with a source (decider rule, 409 `illegal-transition`). */
const onBehalfNote =
  "The customer's act: agents, supervisors and admins record it only with `source`, how they learned it (for example `by phone`); without one it is refused with 409. The customer's own later answer (a link, a reply) is recorded as well.";
const notes: Partial<Record<DocumentedCommand, string>> = {
  CorrectCustomerLanguage:
    'Sets the language the customer is written to in (`CustomerLanguageCorrected`, with the `previous` one), when intake detected a wrong one or fell back to `DEFAULT_LANGUAGE` (`customer.preferredLanguageSource` `detected` or `default`); messages sent afterwards use it. Any filed complaint, whatever its status; the language it already has changes nothing (`events: []`).',
  RecordCustomerResponse: onBehalfNote,
  AcceptResolution: onBehalfNote,
  RejectResolution: onBehalfNote,
  RecordSatisfaction: onBehalfNote,
  RevokeCustomerLinks:
    'Revokes the accept, reject and survey links sent for the current resolution (`CustomerLinksRevoked`): they then show the customer an expired page. Revoking again changes nothing; a complaint with no resolution sent with links gives 409. Needs the `supervisor` or `admin` role.',
  EraseCustomerData:
    "Erases the personal data of the complaint's customer in every complaint of theirs (crypto-shredding): their data key is deleted, and `CustomerDataErased` is appended to each of those complaints. Their name, contact, texts and attachment names then read `[erased]`; counts, times, categories and outcomes stay. Erasing again changes nothing; a legal hold on any of the customer's complaints gives 409. Needs the `admin` role.",
  PlaceLegalHold:
    "Places a legal hold (`LegalHoldPlaced`): neither the retention sweep nor an admin erases the customer's personal data until it is lifted. Placing it again changes nothing. Needs the `admin` role.",
  LiftLegalHold:
    'Lifts the legal hold (`LegalHoldLifted`): the retention policy applies again. Without a hold nothing changes. Needs the `admin` role.',
};

const examples: Partial<Record<DocumentedCommand, unknown>> = {
  CorrectCustomerLanguage: { language: 'lv' },
  TriageComplaint: { category: 'billing', priority: 'high', severity: 'moderate' },
  AssignComplaint: { team: 'cards', assigneeId: 'agent-alice', assigneeName: 'Alice' },
  ResolveComplaint: {
    summary: 'Refunded the second charge',
    outcome: 'upheld',
    remedies: [{ type: 'refund', amount: { amount: '49.99', currency: 'GBP' } }],
    firstContact: false,
  },
  LinkComplaints: { linkedReference: 'C-7KX2-9QMG', relation: 'duplicate_of' },
  RecordSatisfaction: { score: 4, source: 'by phone, call of 4 March' },
  RevokeCustomerLinks: { reason: 'The resolution e-mail went to a wrong address.' },
  EraseCustomerData: { reason: 'The customer asked to be forgotten (GDPR art. 17), request of 3 May.' },
  PlaceLegalHold: { reason: 'Evidence in the ombudsman case FOS-123.' },
  LiftLegalHold: { reason: 'The ombudsman closed case FOS-123.' },
  SendHoldingReply: {
    reason:
      'We are waiting for the card scheme to return the disputed payment, which is outside our control. You will have our final answer by 21 April 2026.',
  },
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const commandHeaders = [
  headerParameter(
    'If-Match',
    'One quoted revision from an `ETag`, like `"3"`: the command runs only if the complaint is still at it (412 otherwise). Without it the handler re-reads and retries on a concurrent change.',
    { type: 'string', pattern: '^"\\d{1,19}"$' },
  ),
  ...parametersOf(headersSchema, 'header', {
    'idempotency-key': {
      description:
        'Becomes the command id: a request repeated with the same key is applied once (the repeat answers `events: []`).',
    },
    'x-correlation-id': { description: 'Recorded as the events’ `correlationId` (default: the command id).' },
  }),
  headerParameter('traceparent', 'W3C trace context; recorded on the events.'),
];

function commandOperation(type: DocumentedCommand) {
  const { roles } = routeOf(type);
  const schema = bodySchemaOf(type);
  const example = examples[type];
  const bodyRequired = !schema.safeParse({}).success;
  return {
    operationId: lowerFirst(type),
    tags: ['commands'],
    summary: `${type}`,
    description: [
      `Sends \`${type}\`; the body is its data (unknown fields are errors), the complaint id comes from the path and the actor from the token.`,
      ...(supervisorOnly[type] ? [supervisorOnly[type]] : []),
      ...(notes[type] ? [notes[type]] : []),
      rolesText(roles),
    ].join('\n\n'),
    ...secured(roles),
    parameters: commandHeaders,
    requestBody: {
      required: bodyRequired,
      content: jsonContent(
        schemaRef(`${type}Body`),
        example === undefined ? undefined : checkedExample(schema, example),
      ),
    },
    responses: {
      '200': {
        description: 'Done; `events` is empty when the command changed nothing (an idempotent repeat).',
        headers: etagHeader,
        content: jsonContent(schemaRef('CommandReply')),
      },
      ...problems(
        [
          400,
          type === 'LinkComplaints' || type === 'UnlinkComplaints'
            ? 'A bad body, path id, `If-Match` or header (each field named), or a `linkedReference` no complaint holds.'
            : 'A bad body, path id, `If-Match` or header (each field named).',
        ],
        401,
        supervisorOnly[type] ? [403, 'A role that may not; or the supervisor rule above.'] : 403,
        [404, 'The complaint was never filed (`complaint-not-found`).'],
        [
          409,
          'An illegal transition (`illegal-transition`, with `rule`, `command` and `complaintStatus`); nothing was appended.',
        ],
        [
          412,
          '`If-Match` names a revision the complaint is no longer at (`expectedRevision`, `currentRevision`).',
        ],
        413,
        [415, 'The body is not JSON.'],
        [
          503,
          'Without `If-Match`, the complaint changed on every attempt (`write-conflict`, `Retry-After: 1`).',
        ],
      ),
    },
  };
}

const idParameters = parametersOf(complaintParams, 'path', { id: { description: 'The complaint id.' } });

function commandPathItems(): Record<string, PathItem> {
  return Object.fromEntries(
    documentedCommands.map((type) => {
      const { method, path } = routeOf(type);
      return [pathTemplateOf(path), { parameters: idParameters, [method]: commandOperation(type) }];
    }),
  );
}

const complaintResponse = (description: string, headers: Record<string, unknown>) => ({
  description,
  headers,
  content: jsonContent(schemaRef('ComplaintRepresentation')),
});

const queryPaths: Record<string, PathItem> = {
  [pathTemplateOf(routes.complaintByReference.path)]: {
    [routes.complaintByReference.method]: {
      operationId: 'getComplaintByReference',
      tags: ['queries'],
      summary: 'A complaint by its reference',
      description: [
        'Takes the reference as people type it: any case, with or without dashes or the `C`, O for 0 and I/L for 1. Answers like `GET /v1/complaints/{id}`.',
        rolesText(routes.complaintByReference.roles),
      ].join('\n\n'),
      ...secured(routes.complaintByReference.roles),
      parameters: parametersOf(referenceParams, 'path', { ref: { example: 'c7kx29qmg' } }),
      responses: {
        '200': complaintResponse('The complaint as it is now.', {
          ...etagHeader,
          'Content-Location': { schema: { type: 'string' }, description: '`/v1/complaints/<id>`.' },
        }),
        ...problems(
          [
            400,
            'Not a reference (`invalid-reference`, `reason` `malformed`), or a wrong check character (`reason` `check_character`).',
          ],
          401,
          403,
          [404, 'No complaint holds the reference.'],
        ),
      },
    },
  },
  [pathTemplateOf(routes.complaint.path)]: {
    parameters: idParameters,
    [routes.complaint.method]: {
      operationId: 'getComplaint',
      tags: ['queries'],
      summary: 'A complaint now, or as it was at `asOf`',
      description: [
        'The decider’s state and the SLA clocks computed at that instant. With `asOf`: the longest prefix of the stream whose events’ `at` is at or before it, and no `ETag` (a past revision is not one to send in `If-Match`).',
        rolesText(routes.complaint.roles),
      ].join('\n\n'),
      ...secured(routes.complaint.roles),
      parameters: parametersOf(stateQuery, 'query', {
        asOf: { description: 'An RFC 3339 instant (any offset).', example: '2026-03-02T12:00:00Z' },
      }),
      responses: {
        '200': complaintResponse('The complaint (with an `ETag` unless `asOf` was given).', etagHeader),
        ...problems([400, 'A bad id or `asOf`.'], 401, 403, [
          404,
          'No such complaint, or it had not been filed at `asOf` (`complaint-not-found`).',
        ]),
      },
    },
  },
  [pathTemplateOf(routes.auditTrail.path)]: {
    parameters: idParameters,
    [routes.auditTrail.method]: {
      operationId: 'getAuditTrail',
      tags: ['queries'],
      summary: 'The audit trail: a complaint’s events in stream order',
      description: [
        '`data` is upcast to the current version; `schemaVersion` is the version it was written at.',
        rolesText(routes.auditTrail.roles),
      ].join('\n\n'),
      ...secured(routes.auditTrail.roles),
      parameters: parametersOf(auditQuery, 'query', {
        from: { description: 'First revision, inclusive.', default: '0' },
        limit: { description: `Events per page, 1 to ${MAX_AUDIT_PAGE}.`, default: '100' },
      }),
      responses: {
        '200': { description: 'A page of the trail.', content: jsonContent(schemaRef('AuditPage')) },
        ...problems([400, 'A bad id, `from` or `limit`.'], 401, 403, [404, 'No such complaint.']),
      },
    },
  },
  [pathTemplateOf(routes.eventFeed.path)]: {
    [routes.eventFeed.method]: {
      operationId: 'getEventFeed',
      tags: ['internal'],
      summary: 'Every complaint event in the store’s global order (the projections’ feed)',
      description: [
        'Each event is the CloudEvent the relay publishes on `complaints.events.<Type>`, with the `position` extension. Pass `next` as `after` for the next page; when nothing is new `next` equals the `after` sent.',
        rolesText(routes.eventFeed.roles),
      ].join('\n\n'),
      ...secured(routes.eventFeed.roles),
      parameters: parametersOf(feedQuery, 'query', {
        after: { description: 'A checkpoint: the `next` of the previous page.' },
        limit: { description: `Events per page, 1 to ${MAX_FEED_PAGE}.`, default: '100' },
        complaintId: {
          description:
            'Instead of a page: every event of this one complaint, in revision order (`next` null). Projections re-project a complaint from it after `CustomerDataErased`.',
        },
      }),
      responses: {
        '200': { description: 'A page of the feed.', content: jsonContent(schemaRef('FeedPage')) },
        ...problems([400, 'A bad `limit`, or an `after` that is not a checkpoint of this feed.'], 401, 403),
      },
    },
  },
  [pathTemplateOf(routes.relayStatus.path)]: {
    [routes.relayStatus.method]: {
      operationId: 'getRelayStatus',
      tags: ['admin'],
      summary: 'The relay’s position and its lag behind the event store',
      description: [
        'The stored checkpoint of the relay (the newer of it and this replica’s own progress) and the complaint events after it: how many (counted up to 10,000; `atLeast` when the count stopped there) and the age of the oldest in seconds. `replica` tells whether this replica runs a relay and holds the lease; any replica answers with the same position.',
        rolesText(routes.relayStatus.roles),
      ].join('\n\n'),
      ...secured(routes.relayStatus.roles),
      responses: {
        '200': { description: 'The relay’s status.', content: jsonContent(schemaRef('RelayStatus')) },
        ...problems(401, 403),
      },
    },
  },
  [pathTemplateOf(routes.deadLetters.path)]: {
    [routes.deadLetters.method]: {
      operationId: 'listDeadLetters',
      tags: ['admin'],
      summary:
        'The dead letters on `DEAD_LETTERS`, with their reason, a masked preview and the decisions taken',
      description: [
        'Oldest first, from the stream by sequence (nothing is consumed). The preview is the original payload with personal data masked (`•••`): values of fields named like names, e-mail, phone, addresses and free text, and e-mail addresses or phone numbers anywhere. `replay` is `intake` for a channel submission (replayable here) and `none` otherwise. Pass `next` as `after` for the next page (`null` at the end).',
        rolesText(routes.deadLetters.roles),
      ].join('\n\n'),
      ...secured(routes.deadLetters.roles),
      parameters: parametersOf(deadLetterQuery, 'query', {
        after: { description: 'A `DEAD_LETTERS` sequence: the `next` of the previous page.' },
        limit: { description: `Letters per page, 1 to ${MAX_DEAD_LETTER_PAGE}.`, default: '50' },
        state: {
          description:
            'Comma-separated states to list: `open`, `replayed`, `discarded` (the last decision). Default `open,replayed`.',
        },
      }),
      responses: {
        '200': { description: 'A page of dead letters.', content: jsonContent(schemaRef('DeadLetterPage')) },
        ...problems([400, 'A bad `after`, `limit` or `state`.'], 401, 403, [503, 'No NATS connection.']),
      },
    },
  },
  [pathTemplateOf(routes.replayDeadLetters.path)]: {
    [routes.replayDeadLetters.method]: {
      operationId: 'replayDeadLetters',
      tags: ['admin'],
      summary: 'Replay dead channel submissions to their `intake.complaints.<channel>` subject',
      description: [
        'Publishes each letter’s original payload (or, for one letter, the corrected `payload`) to its original subject, where intake checks and files it like any submission: it is identified by its channel and external reference (or idempotency key), so a replay repeated files one complaint. Each replay is recorded (`by`, `at`). All sequences are checked first: one unknown (404) or not replayable from here (409: only channel submissions are) refuses them all.',
        rolesText(routes.replayDeadLetters.roles),
      ].join('\n\n'),
      ...secured(routes.replayDeadLetters.roles),
      requestBody: { required: true, content: jsonContent(jsonSchemaOf(replayBody)) },
      responses: {
        '200': {
          description: 'The letters with their decisions.',
          content: jsonContent(schemaRef('DeadLetters')),
        },
        ...problems(
          [400, 'A bad body.'],
          401,
          403,
          [404, 'No such dead letter.'],
          [409, 'Not replayable from here.'],
          [503, 'No NATS connection.'],
        ),
      },
    },
  },
  [pathTemplateOf(routes.discardDeadLetters.path)]: {
    [routes.discardDeadLetters.method]: {
      operationId: 'discardDeadLetters',
      tags: ['admin'],
      summary: 'Discard dead letters: recorded, and out of the default list',
      description: [
        'Records the decision (`by`, `at`); the letter stays on `DEAD_LETTERS` (only the `operator` NATS user deletes) and is listed with `state=discarded`. Discarding twice records once.',
        rolesText(routes.discardDeadLetters.roles),
      ].join('\n\n'),
      ...secured(routes.discardDeadLetters.roles),
      requestBody: { required: true, content: jsonContent(jsonSchemaOf(discardBody)) },
      responses: {
        '200': {
          description: 'The letters with their decisions.',
          content: jsonContent(schemaRef('DeadLetters')),
        },
        ...problems(
          [400, 'A bad body.'],
          401,
          403,
          [404, 'No such dead letter.'],
          [503, 'No NATS connection.'],
        ),
      },
    },
  },
};

const timeSpan = {
  type: 'object',
  required: ['ms', 'workingMs'],
  properties: { ms: { type: 'integer' }, workingMs: { type: 'integer', description: 'In working hours.' } },
};
const targetClock = {
  type: 'object',
  required: ['key', 'clock', 'target', 'binding', 'dueAt', 'state', 'remaining', 'overdueBy'],
  properties: {
    key: { type: 'string' },
    clock: { enum: ['operational', 'regulatory'] },
    target: { type: 'string' },
    binding: { type: 'boolean' },
    dueAt: { type: 'string', format: 'date-time' },
    state: { enum: ['on_track', 'at_risk', 'paused', 'met', 'breached', 'missed'] },
    metAt: { type: 'string', format: 'date-time' },
    remaining: timeSpan,
    overdueBy: timeSpan,
    basis: { type: 'string', description: 'The regulatory rule applied.' },
  },
};

const representationSchemas = {
  DeadLetter: {
    type: 'object',
    required: [
      'sequence',
      'subject',
      'originalSubject',
      'stream',
      'streamSequence',
      'consumer',
      'deliveryCount',
      'reason',
      'deadAt',
      'preview',
      'replay',
      'decisions',
    ],
    properties: {
      sequence: { type: 'integer', description: 'Its sequence on `DEAD_LETTERS`: its id.' },
      subject: { type: 'string', description: '`<service>.dead.<consumer or channel>`.' },
      originalSubject: { type: 'string' },
      stream: { type: ['string', 'null'] },
      streamSequence: { type: ['integer', 'null'] },
      consumer: { type: ['string', 'null'] },
      deliveryCount: { type: 'integer' },
      reason: { type: 'string' },
      issues: { type: 'array', items: { type: 'object' } },
      deadAt: { type: 'string', format: 'date-time' },
      preview: {
        type: 'string',
        description: 'The original payload, personal data masked (`•••`), cut at 2,000 characters.',
      },
      replay: { enum: ['intake', 'none'] },
      decisions: {
        type: 'array',
        description: 'Oldest first; the last is its state.',
        items: {
          type: 'object',
          required: ['action', 'by', 'at'],
          properties: {
            action: { enum: ['replayed', 'discarded'] },
            by: { type: 'string', description: 'The operator’s token subject.' },
            at: { type: 'string', format: 'date-time' },
            to: { type: 'string' },
            corrected: { type: 'boolean' },
          },
        },
      },
    },
  },
  DeadLetterPage: {
    type: 'object',
    required: ['letters', 'next'],
    properties: {
      letters: { type: 'array', items: schemaRef('DeadLetter') },
      next: { type: ['integer', 'null'] },
    },
  },
  DeadLetters: {
    type: 'object',
    required: ['letters'],
    properties: { letters: { type: 'array', items: schemaRef('DeadLetter') } },
  },
  RelayStatus: {
    type: 'object',
    required: ['checkpointId', 'position', 'lag', 'replica'],
    properties: {
      checkpointId: { type: 'string' },
      position: {
        type: ['string', 'null'],
        description: 'A position of the event store; null before the first checkpoint.',
      },
      lag: {
        type: 'object',
        required: ['events', 'seconds', 'atLeast'],
        properties: {
          events: { type: 'integer', minimum: 0 },
          seconds: {
            type: 'number',
            minimum: 0,
            description: 'Age of the oldest event not yet relayed; 0 when none.',
          },
          atLeast: {
            type: 'boolean',
            description: 'The count reached the probe limit: there are at least `events`.',
          },
        },
      },
      replica: {
        type: 'object',
        required: ['relayEnabled', 'leading', 'published', 'deadLettered'],
        properties: {
          relayEnabled: { type: 'boolean' },
          leading: { type: 'boolean', description: 'This replica holds the relay lease.' },
          published: {
            type: 'integer',
            minimum: 0,
            description: 'Events this replica published since it started.',
          },
          deadLettered: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
  ComplaintState: {
    type: 'object',
    description:
      'The decider’s state as plain JSON, tagged on `status`: the filing’s facts (reference, channel, customer, subject, description, …), triage, assignment, escalation, deadlines, pauses, breaches, links, and the resolution, closure or withdrawal.',
    required: ['status', 'reference'],
    properties: {
      status: { enum: [...statuses] },
      reference: { type: 'string' },
      priority: { type: 'string' },
      receivedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
    additionalProperties: true,
  },
  SlaClocks: {
    type: 'object',
    required: ['paused', 'operational', 'regulatory'],
    properties: {
      paused: {
        type: 'boolean',
        description: 'The operational clock is stopped: the complaint awaits the customer.',
      },
      operational: { type: 'array', items: targetClock },
      regulatory: { type: 'array', items: targetClock },
    },
  },
  ComplaintRepresentation: {
    type: 'object',
    required: ['complaintId', 'revision', 'state', 'clocks'],
    properties: {
      complaintId: { type: 'string', format: 'uuid' },
      revision: { type: 'integer', minimum: 0 },
      asOf: { type: 'string', format: 'date-time', description: 'Echoed when the query gave it.' },
      state: schemaRef('ComplaintState'),
      clocks: { oneOf: [schemaRef('SlaClocks'), { type: 'null' }] },
    },
  },
  CommandReply: {
    type: 'object',
    required: ['complaintId', 'revision', 'events', 'state'],
    properties: {
      complaintId: { type: 'string', format: 'uuid' },
      revision: { type: 'integer', minimum: 0 },
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'type', 'revision'],
          properties: {
            id: { type: 'string' },
            type: { enum: [...complaintEventTypes] },
            revision: { type: 'integer', minimum: 0 },
          },
        },
      },
      state: schemaRef('ComplaintState'),
    },
  },
  AuditPage: {
    type: 'object',
    required: ['complaintId', 'events', 'next'],
    properties: {
      complaintId: { type: 'string', format: 'uuid' },
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'revision',
            'eventId',
            'type',
            'at',
            'recordedAt',
            'actor',
            'correlationId',
            'causationId',
            'schemaVersion',
            'data',
          ],
          properties: {
            revision: { type: 'integer', minimum: 0 },
            eventId: { type: 'string' },
            type: { enum: [...complaintEventTypes] },
            at: { type: 'string', format: 'date-time', description: 'When it happened.' },
            recordedAt: { type: 'string', format: 'date-time', description: 'When the store recorded it.' },
            actor: {
              type: 'object',
              required: ['id', 'role'],
              properties: { id: { type: 'string' }, role: { type: 'string' } },
            },
            correlationId: { type: 'string' },
            causationId: { type: 'string' },
            traceparent: { type: 'string' },
            schemaVersion: { type: 'integer', minimum: 1 },
            data: {
              type: 'object',
              description: 'The event’s data at the current version (docs/schemas/<Type>.json).',
            },
          },
        },
      },
      next: { type: ['integer', 'null'], description: 'The `from` of the next page; null at the end.' },
    },
  },
  FeedPage: {
    type: 'object',
    required: ['events', 'next'],
    properties: {
      events: { type: 'array', items: schemaRef('ComplaintCloudEvent') },
      next: { type: ['string', 'null'], description: 'Pass as `after` for the next page.' },
    },
  },
  ComplaintCloudEvent: jsonSchemaOf(complaintCloudEventSchema),
};

/** The document. */
export function complaintsOpenApi(): OpenApiDocument {
  return openApiDocument({
    service: 'complaints',
    version,
    description:
      'Agent and supervisor commands on the Complaint aggregate, complaint reads (now or as of an instant), the audit trail and the internal event feed. Errors are `application/problem+json` (RFC 9457) with a `type` of `urn:chp:problem:<kind>`.',
    port: 3002,
    tags: [
      {
        name: 'commands',
        description: '`POST /v1/complaints/{id}/<command>`: one per agent and supervisor command.',
      },
      { name: 'queries', description: 'Complaints and their audit trail, from the event store.' },
      { name: 'internal', description: 'For services: the event feed projections rebuild from.' },
      { name: 'admin', description: 'For operators: the relay’s status and the dead-letter desk.' },
    ],
    paths: { ...queryPaths, ...commandPathItems(), ...probePaths(['eventStore', 'nats']) },
    schemas: {
      ...Object.fromEntries(
        documentedCommands.map((type) => [`${type}Body`, jsonSchemaOf(bodySchemaOf(type))]),
      ),
      ...representationSchemas,
    },
  });
}

/** The YAML written to docs/openapi/complaints.yaml. */
export const complaintsOpenApiYaml = (): string => toYaml(complaintsOpenApi(), 'complaints');
