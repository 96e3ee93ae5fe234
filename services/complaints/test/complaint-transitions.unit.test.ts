// Every command against the complaint in every status: which produce events, which are idempotent
// repeats, and which are refused with which rule. The exact events are in the other complaint specs.
import {
  type ComplaintCommand,
  type ComplaintCommandType,
  complaintCommandTypes,
  complaintEventSchema,
} from '@chp/contracts';
import {
  ComplaintNotFound,
  ComplaintRuleViolation,
  type ComplaintStatus,
  decide,
} from '../src/complaint/index.js';
import {
  command,
  customerActor,
  fileCommand,
  histories,
  NOTE_ID,
  notificationReport,
  OTHER_ID,
  OTHER_REFERENCE,
  policies,
  REQUEST_ID,
  STANDARD_DEADLINES,
  STATUSES,
  specAt,
  stateOf,
  supervisor,
  T,
} from './complaint-fixtures.js';

const EVENTS = 'events';
const NOTHING = 'nothing';
const NOT_FOUND = 'not found';
type Expected = typeof EVENTS | typeof NOTHING | typeof NOT_FOUND | string;
type Row = Record<ComplaintStatus, Expected>;

/** Events everywhere but where named, and 'not found' before filing. */
const row = (exceptions: Partial<Row> = {}): Row => ({
  none: NOT_FOUND,
  received: EVENTS,
  acknowledged: EVENTS,
  in_progress: EVENTS,
  awaiting_customer: EVENTS,
  resolved: EVENTS,
  closed: EVENTS,
  withdrawn: EVENTS,
  dismissed: EVENTS,
  ...exceptions,
});

/** The status rule "cannot <action> <status>" for each listed status. */
const refused = (action: string, statuses: Partial<Record<ComplaintStatus, string>>): Partial<Row> =>
  Object.fromEntries(
    Object.entries(statuses).map(([status, described]) => [status, `cannot ${action} ${described}`]),
  );

const open = {
  received: 'a received complaint',
  acknowledged: 'an acknowledged complaint',
  in_progress: 'a complaint in progress',
  awaiting_customer: 'a complaint awaiting the customer',
};
const ended = {
  closed: 'a closed complaint',
  withdrawn: 'a withdrawn complaint',
  dismissed: 'a dismissed complaint',
};
const resolvedOrEnded = { resolved: 'a resolved complaint', ...ended };

const matrix: Record<ComplaintCommandType, { command: () => ComplaintCommand; expected: Row }> = {
  FileComplaint: {
    command: () => fileCommand(),
    expected: { ...row(), none: EVENTS, ...Object.fromEntries(STATUSES.slice(1).map((s) => [s, NOTHING])) },
  },
  AcknowledgeComplaint: {
    command: () => command('AcknowledgeComplaint', {}),
    expected: row({
      acknowledged: 'cannot acknowledge a complaint twice',
      in_progress: 'cannot acknowledge a complaint twice',
      awaiting_customer: 'cannot acknowledge a complaint twice',
      resolved: 'cannot acknowledge a complaint twice',
      ...refused('acknowledge', ended),
    }),
  },
  TriageComplaint: {
    command: () => command('TriageComplaint', { category: 'billing', priority: 'high', severity: 'major' }),
    expected: row(refused('triage', resolvedOrEnded)),
  },
  AssignComplaint: {
    command: () => command('AssignComplaint', { team: 'billing', assigneeId: 'agent-7' }),
    expected: row(refused('assign', resolvedOrEnded)),
  },
  CorrectCustomerLanguage: {
    // The histories' customer writes Ukrainian: Latvian is a change in every status.
    command: () => command('CorrectCustomerLanguage', { language: 'lv' }),
    expected: row(),
  },
  AddNote: {
    command: () => command('AddNote', { noteId: NOTE_ID, visibility: 'internal', text: 'Called the bank.' }),
    expected: row(refused('add a note to', ended)),
  },
  RequestCustomerInformation: {
    command: () => command('RequestCustomerInformation', { requestId: REQUEST_ID, question: 'Which order?' }),
    expected: row(
      refused('request customer information on', {
        received: 'a received complaint',
        awaiting_customer: 'a complaint awaiting the customer',
        ...resolvedOrEnded,
      }),
    ),
  },
  RecordCustomerResponse: {
    command: () =>
      command('RecordCustomerResponse', { message: 'Order 1234.', channel: 'email' }, customerActor),
    expected: row(),
  },
  EscalateComplaint: {
    command: () => command('EscalateComplaint', { level: 1, reason: 'manual', to: 'team-lead' }),
    expected: row(refused('escalate', ended)),
  },
  SendHoldingReply: {
    // The histories are under the `standard` policy, which has no regulatory regime; the PSD2 cases
    // are in complaint-holding-reply.unit.test.ts.
    command: () => command('SendHoldingReply', { reason: 'Waiting for the card scheme.' }),
    expected: row({
      ...Object.fromEntries(
        Object.keys(open).map((s) => [s, 'cannot send a PSD2 holding reply for a complaint not under PSD2']),
      ),
      ...refused('send a holding reply for', resolvedOrEnded),
    }),
  },
  RecordSlaBreach: {
    // The acknowledgement was due Tue 10:00; only the complaint never acknowledged missed it.
    command: () =>
      command('RecordSlaBreach', { target: 'acknowledge', dueAt: STANDARD_DEADLINES.acknowledge }),
    expected: row({
      acknowledged: 'cannot record an SLA breach of a target met on time',
      in_progress: 'cannot record an SLA breach of a target met on time',
      awaiting_customer: 'cannot record an SLA breach of a target met on time',
      resolved: 'cannot record an SLA breach of a target met on time',
      closed: 'cannot record an SLA breach of a target met on time',
      withdrawn: 'cannot record an SLA breach of a target due after the complaint ended',
      dismissed: 'cannot record an SLA breach of a target due after the complaint ended',
    }),
  },
  ResolveComplaint: {
    command: () =>
      command('ResolveComplaint', {
        summary: 'Refunded.',
        outcome: 'upheld',
        remedies: [],
        firstContact: false,
      }),
    expected: row(refused('resolve', { received: 'a received complaint', ...resolvedOrEnded })),
  },
  AcceptResolution: {
    command: () => command('AcceptResolution', {}, customerActor),
    expected: row({
      ...refused('accept the resolution of', {
        ...open,
        withdrawn: 'a withdrawn complaint',
        dismissed: 'a dismissed complaint',
      }),
      closed: NOTHING,
    }),
  },
  RejectResolution: {
    command: () => command('RejectResolution', { reason: 'Still charged twice.' }, customerActor),
    expected: row(
      refused('reject the resolution of', {
        ...open,
        ...ended,
      }),
    ),
  },
  ReopenComplaint: {
    command: () => command('ReopenComplaint', { reason: 'New evidence.' }),
    expected: row(
      refused('reopen', {
        ...open,
        withdrawn: 'a withdrawn complaint',
        dismissed: 'a dismissed complaint',
      }),
    ),
  },
  CloseComplaint: {
    command: () => command('CloseComplaint', { reason: 'dismissed' }),
    expected: row(
      Object.fromEntries(
        Object.entries(resolvedOrEnded).map(([s, d]) => [s, `cannot close ${d} as dismissed`]),
      ),
    ),
  },
  WithdrawComplaint: {
    command: () => command('WithdrawComplaint', {}, customerActor),
    expected: row(refused('withdraw', resolvedOrEnded)),
  },
  RecordSatisfaction: {
    command: () => command('RecordSatisfaction', { score: 4 }, customerActor),
    expected: row(
      refused('record satisfaction for', {
        ...open,
        withdrawn: 'a withdrawn complaint',
        dismissed: 'a dismissed complaint',
      }),
    ),
  },
  LinkComplaints: {
    command: () =>
      command('LinkComplaints', {
        linkedComplaintId: OTHER_ID,
        linkedReference: OTHER_REFERENCE,
        relation: 'related',
      }),
    expected: row(),
  },
  UnlinkComplaints: {
    // Never linked in any of the histories.
    command: () =>
      command('UnlinkComplaints', { linkedComplaintId: OTHER_ID, linkedReference: OTHER_REFERENCE }),
    expected: row(
      Object.fromEntries(STATUSES.slice(1).map((s) => [s, 'cannot unlink a complaint that is not linked'])),
    ),
  },
  RevokeCustomerLinks: {
    // No history's resolution was sent with links (none has an id); complaint-customer-acts covers those.
    command: () => command('RevokeCustomerLinks', { reason: 'Sent to a wrong address.' }, supervisor),
    expected: row(
      Object.fromEntries(
        STATUSES.slice(1).map((s) => [
          s,
          'cannot revoke customer links of a complaint with no resolution sent with links',
        ]),
      ),
    ),
  },
  RecordCustomerNotification: {
    command: () =>
      command('RecordCustomerNotification', {
        ...notificationReport,
        status: 'sent',
        messageId: '<m1@mail.example.com>',
      }),
    expected: row(),
  },
  EraseCustomerData: {
    command: () =>
      command('EraseCustomerData', { reason: 'Asked to be forgotten.' }, { id: 'admin-ann', role: 'admin' }),
    expected: row(),
  },
  PlaceLegalHold: {
    command: () => command('PlaceLegalHold', { reason: 'Case FOS-1.' }, { id: 'admin-ann', role: 'admin' }),
    expected: row(),
  },
  LiftLegalHold: {
    // No history holds one: lifting is a repeat (complaint-erasure covers a held complaint).
    command: () => command('LiftLegalHold', { reason: 'Case closed.' }, { id: 'admin-ann', role: 'admin' }),
    expected: { ...row(), ...Object.fromEntries(STATUSES.slice(1).map((s) => [s, NOTHING])) },
  },
};

it('covers every command of the contracts', () => {
  expect(Object.keys(matrix).sort()).toEqual([...complaintCommandTypes].sort());
});

const cases = Object.entries(matrix).flatMap(([type, { command: make, expected }]) =>
  STATUSES.map((status) => ({ type, status, expected: expected[status], make })),
);

describe.each(cases)('$type on a complaint that is $status', ({ type, status, expected, make }) => {
  const when = () => specAt().given(histories[status]).when(make());

  if (expected === EVENTS) {
    it('produces events that satisfy their contracts', () => {
      const events = decide(make(), stateOf(histories[status]), { now: T.now, policies });
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) expect(complaintEventSchema.safeParse(event).error).toBeUndefined();
    });
  } else if (expected === NOTHING) {
    it('is an idempotent repeat: nothing happens', () => when().thenNothingHappens());
  } else if (expected === NOT_FOUND) {
    it('is refused: the complaint does not exist', () => {
      when().thenThrows(ComplaintNotFound);
    });
  } else {
    it(`is refused: "${expected}"`, () => {
      const error = when().thenThrows(
        (e: Error) => e instanceof ComplaintRuleViolation && e.rule === expected,
      ) as ComplaintRuleViolation;
      expect({ command: error.command, status: error.status, kind: error.kind }).toEqual({
        command: type,
        status,
        kind: 'illegal_transition',
      });
    });
  }
});
