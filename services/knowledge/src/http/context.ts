import type { SqlDriver } from '@chp/eventstore';
import { actorOf, HttpProblem } from '@chp/platform';
import type { Request } from 'express';
import type { HandleResult, KnowledgeHandler } from '../application/index.js';
import type { Projector } from '../read-model/index.js';

/** What the routers need: the command handler, the read model and the projector that feeds it. */
export interface KnowledgeHttpDeps {
  handler: KnowledgeHandler;
  db: SqlDriver;
  projector: Pick<Projector, 'caughtUp'>;
  now?: () => Date;
}

/** The actor of a command, as recorded on its events. */
export function commandActor(req: Request) {
  const actor = actorOf(req);
  return { id: actor.id, role: actor.role === 'supervisor' ? ('supervisor' as const) : ('agent' as const) };
}

/** Waits for the read model to hold what a command appended, so that a search right after finds it. */
export async function readYourWrites(deps: KnowledgeHttpDeps, result: HandleResult): Promise<void> {
  if (result.position === undefined) return;
  if (!(await deps.projector.caughtUp(result.position))) {
    throw new HttpProblem({
      status: 503,
      kind: 'read-model-behind',
      title: 'Service Unavailable',
      detail: 'The change is stored, but the search index has not caught up yet; it will shortly.',
      headers: { 'Retry-After': '1' },
    });
  }
}
