// Reading deploy/compose.yaml into Deployments, interpolating `${VAR:-default}` as compose does.

import type { Deployment, Probe } from './deployment.js';
import { asArray, asRecord } from './files.js';
import { isAppName } from './services.js';

const reference = /\$(\$)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Compose interpolation: `${VAR}`, `$VAR`, `${VAR:-default}` (default when unset or empty),
 * `${VAR-default}` (when unset), `${VAR:?message}`, and `$$` for a dollar. `vars` plays the shell
 * environment and deploy/.env; a variable without a value there and without a default is reported.
 */
export function interpolate(
  text: string,
  vars: Record<string, string | undefined>,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(
    reference,
    (_all, dollar?: string, braced?: string, op?: string, operand?: string, bare?: string) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const current = vars[name];
      if (op === ':-' && (current === undefined || current === '')) return operand ?? '';
      if (op === '-' && current === undefined) return operand ?? '';
      if (current === undefined || ((op === ':?' || op === ':-') && current === '')) {
        missing.push(name);
        return '';
      }
      return current;
    },
  );
  return { value, missing };
}

function environmentOf(service: Record<string, unknown>): Record<string, string> {
  const raw = service.environment;
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const text = String(item);
      const at = text.indexOf('=');
      if (at > 0) out[text.slice(0, at)] = text.slice(at + 1);
    }
  } else {
    for (const [name, value] of Object.entries(asRecord(raw) ?? {})) {
      if (value !== null && value !== undefined) out[name] = String(value);
    }
  }
  return out;
}

/** `"3001:3001"`, `"127.0.0.1:3001:3001/tcp"`, or the long form `{target: 3001}`: the container side. */
function containerPortOf(entry: unknown): string | undefined {
  const long = asRecord(entry);
  if (long) return long.target === undefined ? undefined : String(long.target);
  const parts = String(entry)
    .replace(/\/(tcp|udp)$/, '')
    .split(':');
  return parts[parts.length - 1];
}

/** The path argument of `["CMD", "node", "healthcheck.cjs", "/readyz"]`. */
function healthcheckProbe(service: Record<string, unknown>, script: string): Probe | string | undefined {
  const check = asRecord(service.healthcheck);
  if (!check) return undefined;
  const test = asArray(check.test).map(String);
  const at = test.indexOf(script);
  if (at < 0) return `healthcheck ${JSON.stringify(test)} does not run ${script}`;
  return { kind: 'healthcheck', path: test[at + 1] ?? '/healthz' };
}

/** The options of a service's `build` (compose specification); compose refuses any other key. */
const buildKeys = new Set([
  'context',
  'dockerfile',
  'dockerfile_inline',
  'args',
  'ssh',
  'cache_from',
  'cache_to',
  'additional_contexts',
  'entitlements',
  'extra_hosts',
  'isolation',
  'labels',
  'network',
  'no_cache',
  'platforms',
  'privileged',
  'pull',
  'secrets',
  'shm_size',
  'tags',
  'target',
  'ulimits',
]);

/** Every platform service (and the console) compose defines, as Deployments; other services (NATS, …) are left out. */
export function composeDeployments(
  compose: unknown,
  options: { vars?: Record<string, string | undefined>; where?: string; healthcheckScript?: string } = {},
): Deployment[] {
  const where = options.where ?? 'compose.yaml';
  const vars = options.vars ?? {};
  const script = options.healthcheckScript ?? 'healthcheck.cjs';
  const services = asRecord(asRecord(compose)?.services) ?? {};
  const found: Deployment[] = [];
  for (const [name, raw] of Object.entries(services)) {
    if (!isAppName(name)) continue;
    const service = asRecord(raw) ?? {};
    const deployment: Deployment = {
      where: `${where} ${name}`,
      service: name,
      env: {},
      ports: [],
      probes: [],
      problems: [],
    };
    for (const [variable, text] of Object.entries(environmentOf(service))) {
      const { value, missing } = interpolate(text, vars);
      for (const m of missing) deployment.problems.push(`${variable} needs ${m}, which has no default`);
      deployment.env[variable] = value;
    }
    for (const key of Object.keys(asRecord(service.build) ?? {})) {
      if (!buildKeys.has(key))
        deployment.problems.push(`build has ${key}, which is no build option (misplaced from environment?)`);
    }
    const args = asRecord(asRecord(service.build)?.args) ?? {};
    if (args.PORT !== undefined) deployment.ports.push({ what: 'build arg PORT', port: String(args.PORT) });
    if (args.SERVICE !== undefined && args.SERVICE !== name) {
      deployment.problems.push(`build arg SERVICE is ${String(args.SERVICE)}, not ${name}`);
    }
    for (const entry of asArray(service.ports)) {
      const port = containerPortOf(entry);
      if (port !== undefined) deployment.ports.push({ what: `ports entry ${JSON.stringify(entry)}`, port });
    }
    const probe = healthcheckProbe(service, script);
    if (typeof probe === 'string') deployment.problems.push(probe);
    else if (probe) deployment.probes.push(probe);
    found.push(deployment);
  }
  return found;
}

/** The names of every service compose defines, platform or not: what URLs may point at. */
export function composeServiceNames(compose: unknown): string[] {
  return Object.keys(asRecord(asRecord(compose)?.services) ?? {});
}

/** The environment compose gives any service (Keycloak, NATS, …), interpolated as for the platform's. */
export function composeEnvironment(
  compose: unknown,
  name: string,
  vars: Record<string, string | undefined> = {},
): Record<string, string> {
  const service = asRecord(asRecord(asRecord(compose)?.services)?.[name]) ?? {};
  return Object.fromEntries(
    Object.entries(environmentOf(service)).map(([variable, text]) => [
      variable,
      interpolate(text, vars).value,
    ]),
  );
}
