// One service as a deploy file runs it: the environment it gets, and every port and health path that
// must agree with that environment. Both compose and Kubernetes are read into this shape.
import type { AppName } from './services.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup' | 'healthcheck';

export interface Probe {
  kind: ProbeKind;
  path: string;
}

export interface Deployment {
  /** For messages: `compose.yaml intake`, `k8s/intake.yaml Deployment intake`. */
  where: string;
  service: AppName;
  /** Variable → value, after interpolation and ConfigMap/Secret lookups. */
  env: Record<string, string>;
  /** Each place that names the port the service listens on (must equal env.PORT). */
  ports: { what: string; port: number | string }[];
  probes: Probe[];
  /** References that could not be resolved (a missing ConfigMap key, `${VAR}` without a default). */
  problems: string[];
}
