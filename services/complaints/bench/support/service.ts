// The complaints service (its src/main.ts) as a child process, as it runs in production: its own
// process and event loop, so the load generator does not share its CPU time slice.
import { type ServiceProcess, startServiceProcess } from '@chp/testing';

/** The complaints service, with BENCH_SERVICE_NODE_ARGS (for example `--cpu-prof`) on its node. */
export const startService = (env: Record<string, string>): Promise<ServiceProcess> =>
  startServiceProcess({
    service: 'complaints',
    from: 'src',
    env,
    nodeArgs: process.env.BENCH_SERVICE_NODE_ARGS ?? '',
  });
