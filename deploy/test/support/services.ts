// What the code says: each service's config schema, and the paths its health router serves.

import type { EnvSchema } from '../../../libs/platform/src/config/load.js';
import { createHttpApp, listen } from '../../../libs/platform/src/http/app.js';
import { healthRouter } from '../../../libs/platform/src/http/health.js';
import { complaintsConfigSchema } from '../../../services/complaints/src/config.js';
import { consoleConfigSchema } from '../../../services/console/server/config.js';
import { intakeConfigSchema } from '../../../services/intake/src/config.js';
import { knowledgeConfigSchema } from '../../../services/knowledge/src/config.js';
import { notificationsConfigSchema } from '../../../services/notifications/src/config.js';
import { projectionsConfigSchema } from '../../../services/projections/src/config.js';

/** The platform's services: HTTP APIs built on the platform's kit, each with its own NATS user. */
export const serviceNames = ['intake', 'complaints', 'projections', 'notifications', 'knowledge'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** Everything deployed from the Dockerfile: the services and the console (the agents' desk). */
export const appNames = [...serviceNames, 'console'] as const;
export type AppName = (typeof appNames)[number];

export const schemas: Record<AppName, EnvSchema> = {
  intake: intakeConfigSchema,
  complaints: complaintsConfigSchema,
  projections: projectionsConfigSchema,
  notifications: notificationsConfigSchema,
  knowledge: knowledgeConfigSchema,
  console: consoleConfigSchema,
};

export function isAppName(name: unknown): name is AppName {
  return typeof name === 'string' && (appNames as readonly string[]).includes(name);
}

export interface HealthPaths {
  /** Answers 200 while the process runs, whatever its dependencies do. */
  liveness: string;
  /** Answers 503 while a dependency is down. */
  readiness: string;
}

/**
 * Asks the platform's HTTP app which of its health routes is which: with a readiness check that
 * always fails, the liveness route still answers 200 and the readiness route 503. Nothing here
 * names a path, so renaming one in libs/platform/src/http/health.ts moves the expectation with it.
 */
export async function healthPathsFromCode(): Promise<HealthPaths> {
  const paths = healthRouter()
    .stack.map((layer) => layer.route?.path)
    .filter((p): p is string => typeof p === 'string');
  const app = createHttpApp({
    service: 'drift-test',
    readiness: {
      alwaysDown: () => {
        throw new Error('down on purpose');
      },
    },
  });
  const server = await listen(app, 0, '127.0.0.1');
  try {
    const { port } = server.address() as { port: number };
    const statuses = await Promise.all(
      paths.map(async (p) => [p, (await fetch(`http://127.0.0.1:${port}${p}`)).status] as const),
    );
    const liveness = statuses.filter(([, status]) => status === 200).map(([p]) => p);
    const readiness = statuses.filter(([, status]) => status === 503).map(([p]) => p);
    if (liveness.length !== 1 || readiness.length !== 1) {
      throw new Error(`expected one liveness and one readiness route, got ${JSON.stringify(statuses)}`);
    }
    return { liveness: liveness[0]!, readiness: readiness[0]! };
  } finally {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
