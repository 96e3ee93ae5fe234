import { AssertionError } from 'node:assert';
import { deciderSpec } from '../src/gwt.js';
import { WaitTimeoutError, waitFor } from '../src/wait.js';

type Command = { type: 'Open' } | { type: 'Close' };
type Event = { type: 'Opened' } | { type: 'Closed' };
type State = { status: 'new' | 'open' | 'closed' };

class IllegalTransition extends Error {}

const door = {
  initialState: (): State => ({ status: 'new' }),
  evolve: (_state: State, event: Event): State => ({ status: event.type === 'Opened' ? 'open' : 'closed' }),
  decide(command: Command, state: State): Event[] {
    if (command.type === 'Open') {
      if (state.status === 'open') return [];
      return [{ type: 'Opened' }];
    }
    if (state.status !== 'open') throw new IllegalTransition('cannot close a door that is not open');
    return [{ type: 'Closed' }];
  },
};

const spec = deciderSpec(door);

describe('deciderSpec', () => {
  it('passes when the events match', () => {
    spec
      .given([])
      .when({ type: 'Open' })
      .then([{ type: 'Opened' }]);
    spec
      .given([{ type: 'Opened' }])
      .when({ type: 'Open' })
      .thenNothingHappens();
  });

  it('fails when the events differ', () => {
    expect(() =>
      spec
        .given([])
        .when({ type: 'Open' })
        .then([{ type: 'Closed' }]),
    ).toThrow(AssertionError);
  });

  it('checks rejections by class or predicate, and fails when nothing is thrown', () => {
    const error = spec.given([]).when({ type: 'Close' }).thenThrows(IllegalTransition);
    expect(error.message).toBe('cannot close a door that is not open');
    spec
      .given([])
      .when({ type: 'Close' })
      .thenThrows((e: Error) => e.message.includes('not open'));
    expect(() =>
      spec
        .given([{ type: 'Opened' }])
        .when({ type: 'Close' })
        .thenThrows(IllegalTransition),
    ).toThrow(/Expected the command to be rejected/);
    expect(() => spec.given([]).when({ type: 'Close' }).thenThrows(TypeError)).toThrow(/unexpected error/);
  });
});

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : 0), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('names what it waited for when it times out', async () => {
    await expect(
      waitFor(() => false, { timeoutMs: 30, intervalMs: 5, description: () => 'the moon' }),
    ).rejects.toThrow(new WaitTimeoutError('the moon', 30));
  });
});
