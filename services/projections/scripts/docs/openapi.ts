// The OpenAPI 3.1 document of the projections query API, from the zod schemas its routes validate with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channels, priorities, statuses } from '@chp/contracts';
import {
  jsonContent,
  type OpenApiDocument,
  openApiDocument,
  type ParameterNote,
  type PathItem,
  parametersOf,
  pathTemplateOf,
  probePaths,
  problems,
  type RouteDeclaration,
  rolesText,
  schemaRef,
  secured,
  toYaml,
} from '@chp/platform';
import { customerQuery, idParams, keyParams } from '../../src/http/app.js';
import { routes } from '../../src/http/routes.js';
import {
  ageBuckets,
  atRiskQuerySchema,
  breachesQuerySchema,
  clocks,
  groupBys,
  listQuerySchema,
  sorts,
  statsQuerySchema,
} from '../../src/query/index.js';
import {
  backlogQuerySchema,
  categoriesQuerySchema,
  clocksQuerySchema,
  complianceQuerySchema,
  complianceSorts,
  csatQuerySchema,
  escalationsQuerySchema,
  flowQuerySchema,
  outcomesQuerySchema,
} from '../../src/reports/index.js';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

const comma = (values: readonly string[]) =>
  `A comma-separated list of ${values.map((v) => `\`${v}\``).join(', ')}.`;
const instantNote = (description: string): ParameterNote => ({
  description,
  example: '2026-03-01T00:00:00Z',
});
const limitNote: ParameterNote = { description: 'Rows per page, 1 to 200.', default: '50' };
const listNotes: Record<string, ParameterNote> = {
  status: { description: comma(statuses), example: 'received,in_progress' },
  priority: { description: comma(priorities), example: 'high,urgent' },
  channel: { description: comma(channels), example: 'email' },
  escalationLevel: { description: '0 to 3.' },
  dueBefore: instantNote('The next due time is before this instant.'),
  customer: { description: 'An e-mail, phone number or customer id.', example: 'ann@example.com' },
  filedFrom: instantNote('Received at or after this instant.'),
  filedTo: instantNote('Received before this instant.'),
  q: {
    description:
      'Full text over subject and description (PostgreSQL `simple` config: no stemming, any language, any case).',
    example: 'двічі',
  },
  sort: { description: `${sorts.filter((s) => !s.startsWith('-')).join(', ')}; \`-\` for descending.` },
  cursor: {
    description: 'The `nextCursor` of the previous page (of the same sort; another sort’s is a 400).',
  },
  limit: limitNote,
  open: { description: 'Not ended (`true`), or ended (`false`): resolved, closed, withdrawn or dismissed.' },
  atRisk: {
    description: `Open and this clock at risk now: ${clocks.join(', ')}. Not breached, not met, not paused (operational clocks, while awaiting the customer), due in the future, and either more than 80% of the time from receipt to due has elapsed or due within \`AT_RISK_WINDOW\`.`,
  },
  unassigned: { description: '`agent`: no assignee; `team`: no team.' },
  stale: { description: 'Open with no event for `staleDays` days (`true`), or not (`false`).' },
  staleDays: { description: 'Days without an event for `stale`, 1 to 365.', default: '5' },
  ageBucket: {
    description: `Open, aged from receipt: ${ageBuckets.join(', ')} (0–3 business days, Monday to Friday UTC; then to 2, 4, 8 weeks; over 8 weeks).`,
  },
  closedFrom: instantNote(
    'Ended at or after this instant (first resolution since the last reopen, or close, or withdrawal).',
  ),
  closedTo: instantNote('Ended before this instant.'),
  closedWithin: { description: 'Ended within 3 business days (`3bd`) or 8 weeks (`8w`) of receipt.' },
  outcome: { description: 'The latest resolution’s outcome: a comma-separated list.', example: 'upheld' },
  reopened: { description: 'Reopened at least once (`true`), or never (`false`).' },
  escalationReason: { description: 'Escalated at least once for this reason.' },
  satisfaction: { description: 'The latest CSAT score: a comma-separated list of 1 to 5.', example: '1,2' },
  regime: { description: 'The legal clock (regulatory regime) of the filing, or `none`.' },
  redressCurrency: {
    description: 'The latest resolution pays a refund or compensation in this currency.',
    example: 'EUR',
  },
  breached: {
    description:
      '`true`/`false`: any SLA target breached; a target’s name (`acknowledge`, `first_response`, `resolve`, …): that one.',
  },
};

const reportNotes: Record<string, ParameterNote> = {
  from: instantNote('The period’s start (what it applies to is the report’s). Default: 30 days before `to`.'),
  to: {
    description: 'The period’s end, exclusive; after `from`. Default: now.',
    example: '2026-04-01T00:00:00Z',
  },
  team: { description: 'Only this team.' },
  channel: listNotes.channel as ParameterNote,
  category: { description: 'Only this category.' },
  regime: listNotes.regime as ParameterNote,
  staleDays: listNotes.staleDays as ParameterNote,
  days: { description: 'Days, 1 to 90, ending today (UTC).', default: '30' },
  limit: { description: 'Rows at most.' },
  sort: {
    description: `${complianceSorts.join(', ')} (\`compliance\`: worst first).`,
    default: 'compliance',
  },
};

const csvContent = { 'text/csv': { schema: { type: 'string' } } };
const csvHeaders = {
  'Content-Disposition': {
    schema: { type: 'string' },
    description: 'With CSV: `attachment; filename="<name>.csv"`.',
  },
};

/** CSV of a paged list: the next page is in the headers, since the body has no room for `nextCursor`. */
const pagedCsvHeaders = {
  ...csvHeaders,
  Link: {
    schema: { type: 'string' },
    description:
      'With CSV and more rows: `<the same query with cursor=…>; rel="next"` (RFC 8288). Absent on the last page.',
  },
  'X-Next-Cursor': {
    schema: { type: 'string' },
    description: 'With CSV and more rows: the `nextCursor` of the JSON answer.',
  },
};

const acceptParameter = {
  name: 'Accept',
  in: 'header',
  required: false,
  description: '`text/csv` for one CSV row per item (RFC 4180); JSON otherwise.',
  schema: { type: 'string', enum: ['application/json', 'text/csv'] },
};

const readProblems = (bad: string) => problems([400, bad], 401, 403);
/** A 200 as JSON (the schema) or, with `Accept: text/csv`, as CSV. */
const jsonOrCsv = (description: string, schema: string, headers: Record<string, unknown>) => ({
  '200': { description, headers, content: { ...jsonContent(schemaRef(schema)), ...csvContent } },
});

/** A query route's operation, under its method and with its roles from the route table. */
function query(
  { method, roles }: RouteDeclaration,
  operationId: string,
  summary: string,
  rest: { description?: string; parameters?: unknown[]; responses: Record<string, unknown> },
) {
  return {
    [method]: {
      operationId,
      tags: ['queries'],
      summary,
      description: [rest.description, rolesText(roles)].filter(Boolean).join('\n\n'),
      ...secured(roles),
      ...(rest.parameters ? { parameters: rest.parameters } : {}),
      responses: rest.responses,
    },
  };
}

const paths: Record<string, PathItem> = {
  [pathTemplateOf(routes.complaints.path)]: query(
    routes.complaints,
    'listComplaints',
    'Complaints, filtered, searched, sorted and paged',
    {
      description:
        'Every filter at once; unknown parameters are errors. The cursor is the last row’s (sort key, id): stable under inserts.',
      parameters: [...parametersOf(listQuerySchema, 'query', listNotes), acceptParameter],
      responses: {
        ...jsonOrCsv(
          'A page of summaries, or CSV with `Accept: text/csv` (the next page in `Link`).',
          'ComplaintPage',
          pagedCsvHeaders,
        ),
        ...readProblems('A bad parameter: `errors[].pointer` names it (`#/limit`, `#/cursor`, …).'),
      },
    },
  ),
  [pathTemplateOf(routes.complaint.path)]: {
    parameters: parametersOf(idParams, 'path', { id: { description: 'The complaint id.' } }),
    ...query(
      routes.complaint,
      'getComplaint',
      'One complaint: the summary, its description, links and timeline',
      {
        responses: {
          '200': { description: 'The complaint.', content: jsonContent(schemaRef('ComplaintDetail')) },
          ...problems([400, 'The id is not a UUID.'], 401, 403, [
            404,
            'No such complaint in the read model.',
          ]),
        },
      },
    ),
  },
  [pathTemplateOf(routes.byCustomer.path)]: {
    parameters: parametersOf(keyParams, 'path', {
      key: { description: 'An e-mail, phone number or customer id.', example: 'ann@example.com' },
    }),
    ...query(routes.byCustomer, 'listCustomerComplaints', 'A customer’s complaints', {
      parameters: [...parametersOf(customerQuery, 'query', listNotes), acceptParameter],
      responses: {
        ...jsonOrCsv(
          'A page of summaries, or CSV with `Accept: text/csv` (the next page in `Link`).',
          'CustomerComplaintPage',
          pagedCsvHeaders,
        ),
        ...readProblems('A bad key, sort, cursor or limit.'),
      },
    }),
  },
  [pathTemplateOf(routes.slaAtRisk.path)]: query(
    routes.slaAtRisk,
    'slaAtRisk',
    'Open complaints due within a window',
    {
      parameters: [
        ...parametersOf(atRiskQuerySchema, 'query', {
          within: { description: 'A duration like `30m`, `2h` or `3d`.', default: '2h' },
          team: { description: 'Only this team.' },
          limit: limitNote,
        }),
        acceptParameter,
      ],
      responses: {
        ...jsonOrCsv('The board, or its items as CSV with `Accept: text/csv`.', 'AtRiskBoard', csvHeaders),
        ...readProblems('A bad parameter, named in `errors[]`.'),
      },
    },
  ),
  [pathTemplateOf(routes.slaBreaches.path)]: query(
    routes.slaBreaches,
    'slaBreaches',
    'Complaints with a breached SLA target',
    {
      parameters: [
        ...parametersOf(breachesQuerySchema, 'query', {
          team: { description: 'Only this team.' },
          since: instantNote('Breached at or after this instant.'),
          limit: limitNote,
        }),
        acceptParameter,
      ],
      responses: {
        ...jsonOrCsv('The board, or its items as CSV with `Accept: text/csv`.', 'BreachBoard', csvHeaders),
        ...readProblems('A bad parameter, named in `errors[]`.'),
      },
    },
  ),
  [pathTemplateOf(routes.statsOverview.path)]: query(
    routes.statsOverview,
    'statsOverview',
    'Statistics of the complaints received in [from, to)',
    {
      description: `Per group (\`groupBy\`: ${groupBys.join(', ')}; weeks keyed by their Monday, UTC), or one group \`all\`.`,
      parameters: [
        ...parametersOf(statsQuerySchema, 'query', {
          from: instantNote('Received at or after.'),
          to: { description: 'Received before; after `from`.', example: '2026-04-01T00:00:00Z' },
        }),
        acceptParameter,
      ],
      responses: {
        ...jsonOrCsv(
          'The groups, or CSV with `Accept: text/csv` (one row per group).',
          'StatsOverview',
          csvHeaders,
        ),
        ...readProblems('A bad or missing `from`/`to` (`to` must be after `from`), or `groupBy`.'),
      },
    },
  ),
  ...reportPaths(),
  [pathTemplateOf(routes.status.path)]: query(
    routes.status,
    'projectionStatus',
    'The read model’s checkpoint, consumer lag and rebuild',
    {
      responses: {
        '200': { description: 'The status.', content: jsonContent(schemaRef('ProjectionStatus')) },
        ...problems(401, 403),
      },
    },
  ),
  [pathTemplateOf(routes.rebuild.path)]: {
    [routes.rebuild.method]: {
      operationId: 'rebuildProjections',
      tags: ['admin'],
      summary: 'Rebuild the read model from the complaints feed',
      description: [
        'Builds shadow tables from the feed while the live ones keep answering, then swaps them in. One at a time across replicas; a rebuild whose heartbeat stopped is taken over.',
        rolesText(routes.rebuild.roles),
      ].join('\n\n'),
      ...secured(routes.rebuild.roles),
      responses: {
        '202': {
          description: 'Started; follow it on `/v1/status`.',
          content: jsonContent({
            type: 'object',
            required: ['rebuild', 'status'],
            properties: { rebuild: schemaRef('RebuildState'), status: { const: '/v1/status' } },
          }),
        },
        ...problems(401, 403, [409, 'A rebuild is already running (`rebuild-running`).']),
      },
    },
  },
};

/** The morning view's reports: each figure is `{count, drillDown}` (the list query of its complaints). */
function reportPaths(): Record<string, PathItem> {
  const report = (
    route: RouteDeclaration & { path: string },
    operationId: string,
    summary: string,
    description: string,
    schema: Parameters<typeof parametersOf>[0],
  ) => ({
    [pathTemplateOf(route.path)]: query(route, operationId, summary, {
      description: `${description} Every figure is \`{count, drillDown}\`: \`drillDown\` is the \`/v1/complaints\` query that lists exactly the complaints counted (evaluated at the time of the request).`,
      parameters: parametersOf(schema, 'query', reportNotes),
      responses: {
        '200': {
          description: 'The report.',
          content: jsonContent({ type: 'object', additionalProperties: true }),
        },
        ...readProblems('A bad parameter, named in `errors[]` (`to` must be after `from`).'),
      },
    }),
  });
  return {
    ...report(
      routes.reportClocks,
      'reportClocks',
      'Breached and at-risk open complaints per clock',
      `Per clock (${clocks.join(', ')}): open complaints whose clock was breached (\`SlaBreached\`), and those at risk now (see \`atRisk\` of the list). The period, if given, applies to receipt.`,
      clocksQuerySchema,
    ),
    ...report(
      routes.reportBacklog,
      'reportBacklog',
      'The open backlog: new, unassigned, stale, by age',
      'Open complaints; new since the start of yesterday (UTC, any status); unassigned (no agent); stale (no event for `staleDays`); by age bucket. The period, if given, applies to receipt.',
      backlogQuerySchema,
    ),
    ...report(
      routes.reportFlow,
      'reportFlow',
      'Opened against closed, per day',
      'Per UTC day of the last `days` days: complaints received, and complaints that ended (first resolution since the last reopen, close, or withdrawal).',
      flowQuerySchema,
    ),
    ...report(
      routes.reportOutcomes,
      'reportOutcomes',
      'Outcomes of the complaints closed in the period',
      'Complaints that ended in the period: % within 3 business days and 8 weeks of receipt, % by outcome (upheld, partially, not), reopened, redress per currency (refunds and compensations of the latest resolution), median and p90 seconds from receipt to the end (`percentile_cont`).',
      outcomesQuerySchema,
    ),
    ...report(
      routes.reportEscalations,
      'reportEscalations',
      'Escalations by reason',
      'Of the complaints received in the period: those escalated at least once for each reason.',
      escalationsQuerySchema,
    ),
    ...report(
      routes.reportCsat,
      'reportCsat',
      'CSAT of the complaints closed in the period',
      'Mean, distribution of 1 to 5, and the low ratings (1–2) as a list of summaries (newest end first, `limit` rows).',
      csatQuerySchema,
    ),
    ...report(
      routes.reportCategories,
      'reportCategories',
      'Top and rising categories',
      'Categories of the complaints received in the period, most first; and those that rose most against the previous period of the same length.',
      categoriesQuerySchema,
    ),
    ...report(
      routes.reportCompliance,
      'reportCompliance',
      'SLA compliance by team and by agent',
      'Of the complaints received in the period, per team and per agent: total, breached (any target), and % without a breach; sorted by `sort`.',
      complianceQuerySchema,
    ),
  };
}

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const instant = () => nullable('string', { format: 'date-time' });
const percentiles = {
  type: 'object',
  properties: { median: nullable('number'), p90: nullable('number') },
  description: 'Seconds from receipt (`percentile_cont`).',
};
const counts = { type: 'object', additionalProperties: { type: 'integer' } };

const schemas = {
  ComplaintSummary: {
    type: 'object',
    required: ['id', 'reference', 'revision', 'status', 'channel', 'priority', 'subject', 'customer', 'sla'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
      revision: { type: 'integer' },
      status: { enum: [...statuses] },
      channel: { enum: [...channels] },
      category: nullable('string'),
      priority: { enum: [...priorities] },
      severity: nullable('string'),
      subject: { type: 'string' },
      customer: {
        type: 'object',
        properties: {
          id: nullable('string'),
          name: nullable('string'),
          email: nullable('string'),
          phone: nullable('string'),
          language: nullable('string'),
        },
      },
      team: nullable('string'),
      assignee: {
        oneOf: [
          { type: 'object', properties: { id: { type: 'string' }, name: nullable('string') } },
          { type: 'null' },
        ],
      },
      escalationLevel: { type: 'integer', minimum: 0, maximum: 3 },
      escalatedTo: nullable('string'),
      receivedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      acknowledgedAt: instant(),
      resolvedAt: instant(),
      closedAt: instant(),
      reopenCount: { type: 'integer' },
      satisfactionScore: nullable('integer'),
      sla: {
        type: 'object',
        required: ['due', 'nextDueAt', 'atRisk', 'overdue', 'breached', 'breachedTargets'],
        properties: {
          due: {
            type: 'object',
            properties: {
              acknowledge: instant(),
              firstResponse: instant(),
              resolve: instant(),
              regulatoryFinalResponse: instant(),
            },
          },
          nextDueAt: instant(),
          atRisk: { type: 'boolean', description: 'Due within the at-risk window (2 h by default).' },
          overdue: { type: 'boolean' },
          breached: { type: 'boolean' },
          breachedTargets: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  ComplaintPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: schemaRef('ComplaintSummary') },
      nextCursor: nullable('string', { description: 'Null on the last page.' }),
    },
  },
  CustomerComplaintPage: {
    type: 'object',
    required: ['customer', 'items', 'nextCursor'],
    properties: {
      customer: { type: 'string' },
      items: { type: 'array', items: schemaRef('ComplaintSummary') },
      nextCursor: nullable('string'),
    },
  },
  ComplaintDetail: {
    allOf: [
      schemaRef('ComplaintSummary'),
      {
        type: 'object',
        properties: {
          description: { type: 'string' },
          slaPolicy: { type: ['object', 'null'] },
          escalationReasons: { type: 'array', items: { type: 'string' } },
          outcome: nullable('string'),
          closeReason: nullable('string'),
          firstContact: nullable('boolean'),
          notesCount: { type: 'integer' },
          links: { type: 'array', items: { type: 'object' } },
          timeline: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                revision: { type: 'integer' },
                eventId: { type: 'string' },
                type: { type: 'string' },
                at: { type: 'string', format: 'date-time' },
                by: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } },
                text: nullable('string'),
                attachments: {
                  type: 'array',
                  description:
                    'The files the event references: name, contentType, sizeBytes, sha256 and objectKey (download through intake) or url.',
                  items: { type: 'object' },
                },
              },
            },
          },
        },
      },
    ],
  },
  AtRiskBoard: {
    type: 'object',
    required: ['asOf', 'withinSeconds', 'byTeam', 'items'],
    properties: {
      asOf: { type: 'string', format: 'date-time' },
      withinSeconds: { type: 'integer' },
      byTeam: { ...counts, description: 'Complaints per team.' },
      items: { type: 'array', items: schemaRef('ComplaintSummary') },
    },
  },
  BreachBoard: {
    type: 'object',
    required: ['byTeam', 'items'],
    properties: { byTeam: counts, items: { type: 'array', items: schemaRef('ComplaintSummary') } },
  },
  StatsOverview: {
    type: 'object',
    required: ['from', 'to', 'groupBy', 'groups'],
    properties: {
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      groupBy: { oneOf: [{ enum: [...groupBys] }, { type: 'null' }] },
      groups: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            key: { type: 'string' },
            total: { type: 'integer' },
            byStatus: counts,
            timeToAcknowledge: percentiles,
            timeToResolve: percentiles,
            resolved: { type: 'integer' },
            firstContactResolutionRate: nullable('number', { description: 'Of resolved complaints.' }),
            reopenRate: nullable('number', { description: 'Of resolved complaints.' }),
            escalationRateByReason: { type: 'object', additionalProperties: { type: 'number' } },
            slaCompliancePercent: nullable('number', { description: 'Complaints without a breach.' }),
            csat: {
              type: 'object',
              properties: { mean: nullable('number'), responses: { type: 'integer' }, distribution: counts },
            },
          },
        },
      },
    },
  },
  RebuildState: {
    type: 'object',
    required: ['state', 'generation', 'events'],
    properties: {
      state: { enum: ['idle', 'running', 'failed'] },
      generation: { type: 'integer' },
      events: { type: 'integer' },
      position: nullable('string'),
      startedAt: instant(),
      finishedAt: instant(),
      error: nullable('string'),
      owner: nullable('string', { description: '`<host>:<pid>:<random>`.' }),
      heartbeatAt: instant(),
    },
  },
  ProjectionStatus: {
    type: 'object',
    required: ['position', 'lag', 'rebuild'],
    properties: {
      position: {
        oneOf: [
          {
            type: 'object',
            properties: {
              streamSequence: { type: 'integer' },
              eventPosition: { type: 'string' },
              eventsApplied: { type: 'integer' },
              updatedAt: { type: 'string', format: 'date-time' },
            },
          },
          { type: 'null' },
        ],
        description: 'The consumer’s checkpoint; null before the first event.',
      },
      lag: {
        oneOf: [
          {
            type: 'object',
            properties: {
              pending: { type: 'integer' },
              unacknowledged: { type: 'integer' },
              streamLastSequence: { type: 'integer' },
            },
          },
          { type: 'null' },
        ],
        description: 'From JetStream; null when NATS cannot tell now.',
      },
      rebuild: schemaRef('RebuildState'),
    },
  },
};

/** The document. */
export function projectionsOpenApi(): OpenApiDocument {
  return openApiDocument({
    service: 'projections',
    version,
    description:
      'PostgreSQL read models for supervisors: complaint lists with every filter, details, customers, SLA boards, statistics (JSON or CSV), status, and the rebuild. Errors are `application/problem+json` (RFC 9457) with a `type` of `urn:chp:problem:<kind>`.',
    port: 3003,
    tags: [
      { name: 'queries', description: 'The read models.' },
      { name: 'admin', description: 'Operating the read model.' },
    ],
    paths: { ...paths, ...probePaths(['nats', 'readModel']) },
    schemas,
  });
}

/** The YAML written to docs/openapi/projections.yaml. */
export const projectionsOpenApiYaml = (): string => toYaml(projectionsOpenApi(), 'projections');
