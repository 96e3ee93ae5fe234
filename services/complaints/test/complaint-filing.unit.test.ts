// Filing, acknowledging, triage, assignment and notes.
import { readFileSync } from 'node:fs';
import type { ComplaintEvent, ComplaintEventData } from '@chp/contracts';
import { clockInputOf, decide, initialState, UnknownSlaRegion } from '../src/complaint/index.js';
import { BUNDLED_POLICIES_FILE, loadPolicies, withDefaultRegion } from '../src/sla/index.js';
import {
  acknowledged,
  command,
  decideAt,
  event,
  fileCommand,
  filed,
  histories,
  NOTE_ID,
  policies,
  STANDARD_DEADLINES,
  specAt,
  stateOf,
  T,
  triaged,
  violates,
} from './complaint-fixtures.js';

describe('FileComplaint', () => {
  it('files the complaint with the policy in force and its deadlines (default priority medium)', () => {
    specAt(T.received).given([]).when(fileCommand()).then(filed());
  });

  it('records the regulatory regime and deadline of the policy a rule selects (payments: PSD2)', () => {
    // PSD2: close of business (17:30) on the 15th business day after Mon 2 March: Mon 23 March.
    specAt(T.received)
      .given([])
      .when(fileCommand({ category: 'payments' }))
      .then(
        filed({
          category: 'payments',
          sla: { policyId: 'uk-payments-psd2', policyVersion: 1, regulatoryRegime: 'psd2' },
          deadlines: { ...STANDARD_DEADLINES, regulatory_final_response: '2026-03-23T17:30:00.000Z' },
        }),
      );
  });

  it('takes the priority given, whose targets set the deadlines', () => {
    // high: acknowledge in 4 business hours, first response 1 and resolve 5 business days.
    specAt(T.received)
      .given([])
      .when(fileCommand({ priority: 'high' }))
      .then(
        filed({
          priority: 'high',
          deadlines: {
            acknowledge: '2026-03-02T14:00:00.000Z',
            first_response: '2026-03-03T10:00:00.000Z',
            resolve: '2026-03-09T10:00:00.000Z',
          },
        }),
      );
  });

  it('counts from the next opening when received after hours (Friday 19:00 → Monday)', () => {
    // One business day from outside working hours ends at close of business of the next working day.
    const receivedAt = '2026-03-06T19:00:00.000Z';
    const [complaintFiled] = decideAt(T.now, [], fileCommand({ receivedAt }));
    expect(complaintFiled?.data).toMatchObject({
      receivedAt,
      deadlines: { acknowledge: '2026-03-09T17:30:00.000Z' },
    });
  });

  it('is an idempotent repeat for a complaint already filed, whatever the data', () => {
    specAt()
      .given([filed()])
      .when(fileCommand({ priority: 'high' }))
      .thenNothingHappens();
  });
});

describe('AcknowledgeComplaint', () => {
  it('acknowledges a received complaint', () => {
    specAt(T.acknowledged).given([filed()]).when(command('AcknowledgeComplaint', {})).then(acknowledged());
  });

  it('acknowledges only once', () => {
    specAt()
      .given(histories.acknowledged)
      .when(command('AcknowledgeComplaint', {}))
      .thenThrows(violates('cannot acknowledge a complaint twice'));
  });
});

describe('TriageComplaint', () => {
  it('assesses an acknowledged complaint, which goes in progress; an unchanged priority moves no deadline', () => {
    specAt(T.triaged)
      .given(histories.acknowledged)
      .when(command('TriageComplaint', { category: 'billing', priority: 'medium', severity: 'moderate' }))
      .then(triaged());
    expect(stateOf([...histories.acknowledged, triaged()])).toMatchObject({
      status: 'in_progress',
      markers: { inProgress: T.triaged },
    });
  });

  it('carries the deadlines a new priority sets, counted from receipt', () => {
    specAt(T.triaged)
      .given(histories.acknowledged)
      .when(command('TriageComplaint', { category: 'billing', priority: 'high', severity: 'major' }))
      .then(
        event('ComplaintTriaged', {
          at: T.triaged,
          category: 'billing',
          priority: 'high',
          severity: 'major',
          deadlines: {
            acknowledge: '2026-03-02T14:00:00.000Z',
            first_response: '2026-03-03T10:00:00.000Z',
            resolve: '2026-03-09T10:00:00.000Z',
          },
        }),
      );
  });

  it('leaves a received complaint received', () => {
    expect(stateOf([filed(), triaged()]).status).toBe('received');
  });
});

describe('AssignComplaint', () => {
  it('places the complaint in a team queue with an owner', () => {
    specAt()
      .given(histories.in_progress)
      .when(command('AssignComplaint', { team: 'billing', assigneeId: 'agent-7', assigneeName: 'Ann' }))
      .then(event('ComplaintAssigned', { team: 'billing', assigneeId: 'agent-7', assigneeName: 'Ann' }));
  });

  it('a later assignment to a team alone clears the owner', () => {
    const state = stateOf([
      ...histories.in_progress,
      event('ComplaintAssigned', { team: 'billing', assigneeId: 'agent-7' }),
      event('ComplaintAssigned', { team: 'refunds' }),
    ]);
    expect(state).toMatchObject({ team: 'refunds' });
    expect(state).not.toHaveProperty('assignee');
  });
});

describe('AddNote', () => {
  it('adds an internal note', () => {
    specAt()
      .given(histories.in_progress)
      .when(command('AddNote', { noteId: NOTE_ID, visibility: 'internal', text: 'Called the bank.' }))
      .then(event('NoteAdded', { noteId: NOTE_ID, visibility: 'internal', text: 'Called the bank.' }));
  });

  it('takes notes on a resolved complaint too', () => {
    specAt()
      .given(histories.resolved)
      .when(command('AddNote', { noteId: NOTE_ID, visibility: 'customer', text: 'Refund sent today.' }))
      .then(event('NoteAdded', { noteId: NOTE_ID, visibility: 'customer', text: 'Refund sent today.' }));
  });

  it('a note the customer sees is the first response; an internal one is not', () => {
    const note = (visibility: 'internal' | 'customer', at: string) =>
      event('NoteAdded', { at, noteId: NOTE_ID, visibility, text: 'Looking into it.' });
    const internal = stateOf([...histories.in_progress, note('internal', '2026-03-02T13:00:00.000Z')]);
    expect(internal).toMatchObject({ noteCount: 1, met: { acknowledge: T.acknowledged } });
    expect(internal).not.toHaveProperty('met.first_response');
    const visible = stateOf([...histories.in_progress, note('customer', '2026-03-02T14:00:00.000Z')]);
    expect(visible).toMatchObject({ met: { first_response: '2026-03-02T14:00:00.000Z' } });
  });

  it('is stamped with the actor of the command', () => {
    specAt()
      .given(histories.received)
      .when(
        command(
          'AddNote',
          { noteId: NOTE_ID, visibility: 'internal', text: 'x' },
          { id: 'sup-1', role: 'supervisor' },
        ),
      )
      .then(
        event('NoteAdded', {
          by: { id: 'sup-1', role: 'supervisor' },
          noteId: NOTE_ID,
          visibility: 'internal',
          text: 'x',
        }),
      );
  });
});

describe('FileComplaint: the SLA region', () => {
  const filedData = (events: ComplaintEvent[]) => events[0]?.data as ComplaintEventData<'ComplaintFiled'>;

  it('records the region the filing names, whose holidays move the deadlines (GB-NIR: St Patrick’s Day)', () => {
    // Tue 17 March is a holiday in Northern Ireland only: the 15th business day is Tue 24 March.
    const data = filedData(decideAt(T.received, [], fileCommand({ category: 'payments', region: 'GB-NIR' })));
    expect(data.sla).toEqual({
      policyId: 'uk-payments-psd2',
      policyVersion: 1,
      regulatoryRegime: 'psd2',
      region: 'GB-NIR',
    });
    expect(data.deadlines.regulatory_final_response).toBe('2026-03-24T17:30:00.000Z');
    expect(clockInputOf(stateOf([event('ComplaintFiled', data)]), policies)?.region).toBe('GB-NIR');
  });

  it('refuses a region the policy’s calendar does not know, naming the ones it does', () => {
    for (const region of ['FR', 'US-NY', 'GB']) {
      const attempt = () => decideAt(T.received, [], fileCommand({ region }));
      expect(attempt).toThrow(UnknownSlaRegion);
      expect(attempt).toThrow(`region ${region} is not one the calendar of SLA policy standard v1 knows`);
      expect(attempt).toThrow('(known: GB-ENG, GB-NIR, GB-SCT, GB-WLS)');
    }
  });

  it('without a region, takes the default region where the policy’s calendar knows it', () => {
    const withDefault = withDefaultRegion(policies, 'GB-SCT');
    const file = (extra: Parameters<typeof fileCommand>[0]) =>
      decide(fileCommand(extra), initialState(), { now: T.received, policies: withDefault });
    expect(filedData(file({ category: 'payments' })).sla.region).toBe('GB-SCT');
    // A region named wins over the default.
    expect(filedData(file({ category: 'payments', region: 'GB-WLS' })).sla.region).toBe('GB-WLS');
    // The CFPB policy's US calendar does not know GB-SCT: no region rather than a refusal.
    const cfpb = withDefaultRegion(loadPolicies(cfpbOnly()), 'GB-SCT');
    const [usFiled] = decide(fileCommand(), initialState(), { now: T.received, policies: cfpb });
    expect(filedData([usFiled!]).sla).toEqual({
      policyId: 'us-cfpb',
      policyVersion: 1,
      regulatoryRegime: 'cfpb',
    });
  });

  it('without a region or a default, records none (only holidays that apply everywhere)', () => {
    expect(
      filedData(decideAt(T.received, [], fileCommand({ category: 'payments' }))).sla.region,
    ).toBeUndefined();
  });
});

/** The bundled file with both calendars, whose default policy is the CFPB one. */
function cfpbOnly(): unknown {
  const file = JSON.parse(readFileSync(BUNDLED_POLICIES_FILE, 'utf8')) as {
    defaults: Record<string, unknown>;
  };
  return { ...file, defaults: { ...file.defaults, policy: 'us-cfpb', rules: [] } };
}
