// The drift checks. Each takes what a deploy file says and what the code says, and returns the
// problems as sentences naming the file, the service and the variable; an empty list means agreement.
import {
  ConfigError,
  type EnvSchema,
  envVarNames,
  loadConfig,
} from '../../../libs/platform/src/config/load.js';
import type { Deployment, ProbeKind } from './deployment.js';
import { type AppName, appNames, type HealthPaths } from './services.js';

/**
 * Every variable is one the service reads, and the service would start with these values: the
 * schema runs as `loadConfig` runs it at start (required variables, formats, secrets' lengths, the
 * one-JWT-key rule).
 */
export function checkEnv(deployment: Deployment, schema: EnvSchema): string[] {
  const { where, service, env } = deployment;
  const known = new Set(envVarNames(schema));
  const problems = deployment.problems.map((p) => `${where}: ${p}`);
  for (const variable of Object.keys(env).sort()) {
    if (!known.has(variable)) {
      problems.push(
        `${where}: ${variable} is not a variable of ${service} (services/${service}/src/config.ts)`,
      );
    }
  }
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems)
      problems.push(`${where}: ${service} would not start: ${p.variable}: ${p.reason}`);
  }
  return problems;
}

/**
 * The token rules of a service that verifies tokens are configured: the issuer and audience every
 * token must name. A service whose schema reads no token key gets none (checkEnv names it).
 */
export function checkTokens(deployment: Deployment, schema: EnvSchema): string[] {
  const { where, service, env } = deployment;
  if (!envVarNames(schema).includes('JWT_SECRET')) return [];
  return ['JWT_ISSUER', 'JWT_AUDIENCE']
    .filter((variable) => env[variable] === undefined)
    .map(
      (variable) =>
        `${where}: ${variable} is not set, so ${service} accepts tokens of any ${variable === 'JWT_ISSUER' ? 'issuer' : 'audience'}`,
    );
}

/** PORT is set, and every container port, probe port, target port and build arg equals it. */
export function checkPorts(deployment: Deployment): string[] {
  const { where, env } = deployment;
  if (env.PORT === undefined)
    return [`${where}: PORT is not set, so nothing ties the ports below to the service`];
  return deployment.ports
    .filter(({ port }) => String(port) !== env.PORT)
    .map(({ what, port }) => `${where}: ${what} is ${port}, but the service listens on PORT ${env.PORT}`);
}

/** Probes ask the paths the health router serves, liveness for liveness and readiness for readiness. */
export function checkProbes(deployment: Deployment, paths: HealthPaths, required: ProbeKind[]): string[] {
  const { where } = deployment;
  const problems: string[] = [];
  for (const kind of required) {
    if (!deployment.probes.some((p) => p.kind === kind)) problems.push(`${where}: no ${kind} probe`);
  }
  for (const probe of deployment.probes) {
    const expected =
      probe.kind === 'readiness'
        ? [paths.readiness]
        : probe.kind === 'healthcheck'
          ? [paths.liveness, paths.readiness]
          : [paths.liveness];
    if (!expected.includes(probe.path)) {
      problems.push(
        `${where}: ${probe.kind} probe asks ${probe.path}; the service serves ${expected.join(' or ')}`,
      );
    }
  }
  return problems;
}

/** Each platform service, and the console, is deployed exactly once in a set of files. */
export function checkCoverage(deployments: Deployment[], where: string): string[] {
  return appNames.flatMap((service) => {
    const count = deployments.filter((d) => d.service === service).length;
    return count === 1 ? [] : [`${where}: ${service} is deployed ${count} times, expected once`];
  });
}

/**
 * The services that create streams (those with JETSTREAM_REPLICAS in their schema) create them at
 * the replica count the NATS deployment can hold: R3 on the 3-node cluster, R1 on a single server.
 */
export function checkJetStreamReplicas(
  deployments: Deployment[],
  schemas: Record<AppName, EnvSchema>,
  natsNodes: number,
): string[] {
  const problems: string[] = [];
  for (const d of deployments) {
    if (!envVarNames(schemas[d.service]).includes('JETSTREAM_REPLICAS')) continue;
    const replicas = Number(d.env.JETSTREAM_REPLICAS ?? '1');
    if (replicas !== natsNodes) {
      problems.push(
        `${d.where}: JETSTREAM_REPLICAS is ${d.env.JETSTREAM_REPLICAS ?? 'unset (1)'}, but NATS runs ${natsNodes} node${natsNodes === 1 ? '' : 's'}`,
      );
    }
  }
  return problems;
}

/** `scheme://[user@]host:port,host:port/...`, or a comma-separated list of such URLs: each host and port. */
export function hostsOf(value: string): { host: string; port: number | undefined }[] {
  if (!value.includes('://')) return [];
  const hosts: { host: string; port: number | undefined }[] = [];
  for (const item of value.split(',')) {
    const authority = (item.includes('://') ? item.split('://')[1]! : item).split(/[/?#]/)[0]!;
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(hostPort);
    if (match?.[1])
      hosts.push({ host: match[1].toLowerCase(), port: match[2] ? Number(match[2]) : undefined });
  }
  return hosts;
}

export interface UrlTargets {
  /** Host names a URL may name, with the ports each listens on (undefined: any port). */
  hosts: Map<string, number[] | undefined>;
  /** Hosts outside these files that are fine anyway (placeholders, localhost, other namespaces). */
  external: (host: string) => boolean;
}

/**
 * URLs in the environment point at something these files define, on a port it listens on: a
 * renamed compose service or a Service on another port shows up here, not at run time.
 * `pod.service` (a StatefulSet pod behind a headless Service) counts as the Service.
 */
export function checkUrls(deployment: Deployment, targets: UrlTargets): string[] {
  const problems: string[] = [];
  for (const [variable, value] of Object.entries(deployment.env).sort()) {
    for (const { host, port } of hostsOf(value)) {
      if (targets.external(host)) continue;
      const labels = host.split('.');
      const name = [labels[0], labels[1]].find((label) => label !== undefined && targets.hosts.has(label));
      if (name === undefined) {
        problems.push(`${deployment.where}: ${variable} points at ${host}, which these files do not define`);
        continue;
      }
      const ports = targets.hosts.get(name);
      if (ports && port !== undefined && !ports.includes(port)) {
        problems.push(
          `${deployment.where}: ${variable} uses ${name}:${port}, but ${name} listens on ${ports.join(', ')}`,
        );
      }
    }
  }
  return problems;
}

/** Secrets two services share (one signs, the other checks). */
export const sharedSecrets: Record<string, AppName[]> = {
  FEED_TOKEN_SECRET: ['complaints', 'projections'],
  CUSTOMER_LINK_SECRET: ['intake', 'notifications'],
};

/** Each shared secret reaches exactly its two services, with one value. */
export function checkSharedSecrets(deployments: Deployment[], where: string): string[] {
  const problems: string[] = [];
  for (const [secret, pair] of Object.entries(sharedSecrets)) {
    const holders = deployments.filter((d) => d.env[secret] !== undefined);
    const names = holders.map((d) => d.service).sort();
    if (JSON.stringify(names) !== JSON.stringify([...pair].sort()))
      problems.push(
        `${where}: ${secret} is given to ${names.join(', ') || 'nobody'}, not to ${pair.join(' and ')}`,
      );
    else if (new Set(holders.map((d) => d.env[secret])).size !== 1)
      problems.push(`${where}: ${secret} differs between ${pair.join(' and ')}`);
  }
  return problems;
}
