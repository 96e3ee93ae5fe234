import { isTransientNatsError } from '@chp/messaging';
import { JetStreamApiError } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';

describe('isTransientNatsError: what a consumer retries without limit', () => {
  it.each([
    ['a timeout', new errors.TimeoutError()],
    ['no responders', new errors.NoRespondersError('complaints.cmd.file')],
    ['a closed connection', new errors.ClosedConnectionError()],
    [
      'JetStream without a leader (503)',
      new JetStreamApiError({ code: 503, err_code: 10008, description: 'x' }),
    ],
  ])('%s is transient', (_name, error) => {
    expect(isTransientNatsError(error)).toBe(true);
  });

  it.each([
    ['a stack overflow', new RangeError('Maximum call stack size exceeded')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a JetStream refusal (400)', new JetStreamApiError({ code: 400, err_code: 10052, description: 'bad' })],
    ['not an error', 'oops'],
  ])('%s is not', (_name, error) => {
    expect(isTransientNatsError(error)).toBe(false);
  });
});
