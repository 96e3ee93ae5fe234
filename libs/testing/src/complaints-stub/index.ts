import { join } from 'node:path';
import { type ChildHandle, startScriptProcess } from '../processes.js';

export { fileComplaintSubject, serveComplaintsStub } from './serve.js';

/**
 * The complaints stub (`serveComplaintsStub`) as its own process on the NATS server at `natsUrl`,
 * so its CPU time is not the caller's; resolves once it answers.
 */
export function startComplaintsStub(natsUrl: string): Promise<ChildHandle> {
  // main.ts from the sources (jest, tsx), main.js once built.
  const main = join(__dirname, __filename.endsWith('.ts') ? 'main.ts' : 'main.js');
  return startScriptProcess(main, { NATS_URL: natsUrl });
}
