import { nameBasedUuid as uuidV5 } from '@chp/contracts';

// A fixed namespace for the complaints service's name-based UUIDs (random, chosen once).
const NAMESPACE = '6f1c2a4e9b3d4e5f8a7b1c2d3e4f5a6b';

/**
 * A name-based UUID in the complaints service's namespace. Event ids derived from a command id make
 * a retried command append the same ids, which the event store then recognises as a repeat rather
 * than writing twice.
 */
export const nameBasedUuid = (name: string): string => uuidV5(NAMESPACE, name);

/** The id of the `index`-th event produced by a command. */
export const eventIdFor = (commandId: string, index: number): string =>
  nameBasedUuid(`event:${commandId}:${index}`);
