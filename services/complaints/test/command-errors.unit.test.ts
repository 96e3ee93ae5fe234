// Every failure a command can meet, as a NATS reply and as an HTTP problem: kind, status, type and
// title all come from the one mapping in contracts (`commandProblem`).
import { randomUUID } from 'node:crypto';
import { commandProblem } from '@chp/contracts';
import { WrongExpectedVersion } from '@chp/eventstore';
import { toHttpProblem } from '@chp/platform';
import { ConcurrencyConflict } from '../src/application/index.js';
import { ComplaintNotFound, ComplaintRuleViolation, UnknownSlaRegion } from '../src/complaint/index.js';
import { registerComplaintProblems } from '../src/http/problems.js';
import { CommandFailure, toCommandFailure } from '../src/nats/index.js';

const id = randomUUID();
const failures = [
  {
    error: new ComplaintRuleViolation(
      'ResolveComplaint',
      'withdrawn',
      'cannot resolve a withdrawn complaint',
    ),
    nats: {
      kind: 'illegal_transition',
      title: 'Illegal transition',
      rule: 'cannot resolve a withdrawn complaint',
    },
    http: { status: 409, type: 'urn:chp:problem:illegal-transition', title: 'Illegal transition' },
  },
  {
    error: new ComplaintNotFound(id, 'AddNote'),
    nats: { kind: 'not_found', title: 'Complaint not found' },
    http: { status: 404, type: 'urn:chp:problem:complaint-not-found', title: 'Complaint not found' },
  },
  {
    error: new WrongExpectedVersion(`complaint-${id}`, 2n, 3n),
    nats: { kind: 'revision_mismatch', title: 'Precondition Failed' },
    http: {
      status: 412,
      type: 'urn:chp:problem:revision-mismatch',
      title: 'Precondition Failed',
      expectedRevision: 2,
      currentRevision: 3,
    },
  },
  {
    error: new ConcurrencyConflict(id, 5),
    nats: { kind: 'unavailable', title: 'Service Unavailable' },
    http: { status: 503, type: 'urn:chp:problem:write-conflict', title: 'Service Unavailable' },
  },
];

describe('command failures', () => {
  beforeAll(() => registerComplaintProblems());

  it.each(failures)('answer $nats.kind over NATS and $http.status over HTTP', ({ error, nats, http }) => {
    const failure = toCommandFailure(error);
    expect(failure).toBeInstanceOf(CommandFailure);
    expect(failure).toMatchObject({ ...nats, message: error.message });
    expect(commandProblem(nats.kind as CommandFailure['kind']).status).toBe(http.status);

    expect(toHttpProblem(error).toProblem()).toMatchObject(http);
  });

  it('keep the precise title of an unknown SLA region, with the field at fault', () => {
    const failure = toCommandFailure(new UnknownSlaRegion('XX', 'standard', 1, ['GB']));
    expect(failure).toMatchObject({
      kind: 'validation',
      title: 'Unknown SLA region',
      issues: [{ path: 'data.region', code: 'unknown_region' }],
    });
  });

  it('leave anything else as it is (an internal error)', () => {
    const other = new Error('disk full');
    expect(toCommandFailure(other)).toBe(other);
  });
});
