import { commandErrorKinds, commandErrorStatus, commandProblem } from '../src/index.js';

describe('the problem+json of each command error kind', () => {
  it.each(commandErrorKinds)('maps %s to a status, a type and a title', (kind) => {
    const problem = commandProblem(kind);
    expect(problem.status).toBeGreaterThanOrEqual(400);
    expect(problem.status).toBeLessThanOrEqual(599);
    expect(problem.type).toMatch(/^[a-z][a-z-]*$/);
    expect(problem.title).not.toBe('');
    expect(commandErrorStatus[kind]).toBe(problem.status);
  });

  it('fails for a kind it has no mapping for', () => {
    expect(() => commandProblem('teapot' as (typeof commandErrorKinds)[number])).toThrow(RangeError);
  });

  it('keeps the statuses intake and complaints have always answered', () => {
    expect(commandErrorStatus).toEqual({
      validation: 400,
      not_found: 404,
      illegal_transition: 409,
      revision_mismatch: 412,
      idempotency_conflict: 422,
      unavailable: 503,
      internal: 500,
    });
  });
});
