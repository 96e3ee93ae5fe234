import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The services, in the order they start (the flow's downstream end first) and stop (reversed). */
export const serviceNames = ['complaints', 'projections', 'notifications', 'knowledge', 'intake'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** The monorepo's root: the nearest directory up from `from` whose package.json declares workspaces. */
export function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (Array.isArray(json.workspaces)) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no workspace root (package.json with "workspaces") above ${from}`);
    dir = parent;
  }
}

/** The compiled entry point of a service; `npm run build` writes it. */
export function serviceMain(root: string, service: ServiceName): string {
  return join(root, 'services', service, 'dist', 'main.js');
}
