// The intake service (src/main.ts) as a child process, as it runs in production: its own process
// and event loop, so autocannon does not share its CPU time, and its CPU time can be read from its
// own /metrics (prom-client's process_cpu_* counters).
import {
  type ChildHandle,
  type ServiceProcess,
  startComplaintsStub,
  startServiceProcess,
} from '@chp/testing';

/** The intake service, with BENCH_INTAKE_NODE_ARGS (for example `--cpu-prof`) on its node. */
export const startIntake = (env: Record<string, string>): Promise<ServiceProcess> =>
  startServiceProcess({
    service: 'intake',
    from: 'src',
    env,
    nodeArgs: process.env.BENCH_INTAKE_NODE_ARGS ?? '',
  });

/** The complaints service, with BENCH_SERVICE_NODE_ARGS (for example `--cpu-prof`) on its node. */
export const startComplaints = (env: Record<string, string>): Promise<ServiceProcess> =>
  startServiceProcess({
    service: 'complaints',
    from: 'src',
    env,
    nodeArgs: process.env.BENCH_SERVICE_NODE_ARGS ?? '',
  });

/** The stand-in for complaints (@chp/testing's `complaints.cmd.file` stub) as a process. */
export const startStubComplaints = (natsUrl: string): Promise<ChildHandle> => startComplaintsStub(natsUrl);

export interface CpuSeconds {
  user: number;
  system: number;
}

/** CPU seconds a service has used, from its Prometheus text (prom-client's process counters). */
export async function cpuSecondsOf(serviceUrl: string): Promise<CpuSeconds> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const read = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`${serviceUrl}/metrics has no ${name}`);
    return Number(match[1]);
  };
  return { user: read('process_cpu_user_seconds_total'), system: read('process_cpu_system_seconds_total') };
}
