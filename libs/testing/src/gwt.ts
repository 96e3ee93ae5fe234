import { deepStrictEqual, fail } from 'node:assert/strict';
import { inspect } from 'node:util';

/** The shape of a pure decider, as in Emmett: `decide(command, state) → events`, `evolve(state, event) → state`. */
export interface DeciderLike<Command, Event, State> {
  decide(command: Command, state: State): Event | readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export interface Then<Event> {
  /** The command yields exactly these events (deep equality, in order). */
  then(expected: Event | readonly Event[]): void;
  /** The command is rejected; `check` may be an error class, or a predicate that returns true for the right error. */
  thenThrows<E extends Error>(check: (new (...args: never[]) => E) | ((error: E) => boolean)): E;
  /** The command yields no events: an idempotent no-op. */
  thenNothingHappens(): void;
}

/**
 * Given/When/Then for deciders: `spec.given(events).when(command).then(events)`.
 * Assertions use node:assert, so they work in any runner.
 */
export function deciderSpec<Command, Event, State>(decider: DeciderLike<Command, Event, State>) {
  return {
    given(events: readonly Event[] = []) {
      return {
        when(command: Command): Then<Event> {
          const run = (): Event[] => {
            const state = events.reduce(decider.evolve, decider.initialState());
            const result = decider.decide(command, state);
            return Array.isArray(result) ? [...result] : [result as Event];
          };
          return {
            // biome-ignore lint/suspicious/noThenProperty: the Given/When/Then vocabulary of STYLE.md; never awaited.
            then(expected) {
              const wanted = Array.isArray(expected) ? [...expected] : [expected as Event];
              deepStrictEqual(run(), wanted);
            },
            thenNothingHappens() {
              deepStrictEqual(run(), []);
            },
            thenThrows<E extends Error>(check: (new (...args: never[]) => E) | ((error: E) => boolean)): E {
              let produced: Event[];
              try {
                produced = run();
              } catch (error) {
                const isClass = typeof check === 'function' && check.prototype instanceof Error;
                const ok = isClass
                  ? error instanceof (check as new (...args: never[]) => E)
                  : (check as (e: E) => boolean)(error as E);
                if (!ok) fail(`The command threw an unexpected error: ${String(error)}`);
                return error as E;
              }
              return fail(
                `Expected the command to be rejected, but it produced ${inspect(produced, { depth: 5 })}`,
              );
            },
          };
        },
      };
    },
  };
}
