// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Dockerfile and compose syntax, not templates
// The drift checks fail when they should: each case drifts a copy of a real deploy file (or a small
// manifest written here) the way an edit could, and expects the sentence that names the drift.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkEnv,
  checkJetStreamReplicas,
  checkPorts,
  checkProbes,
  checkSharedSecrets,
  checkTokens,
  checkUrls,
  hostsOf,
} from './support/checks.js';
import { composeDeployments, interpolate } from './support/compose.js';
import type { Deployment } from './support/deployment.js';
import { checkDockerfile } from './support/dockerfile.js';
import { deployDir, parseYaml } from './support/files.js';
import { danglingPolicies, k8sDeployments, manifestsOf } from './support/k8s.js';
import { type ConsoleOidc, checkIssuerAgreement, checkRealm, type ServiceTokens } from './support/oidc.js';
import { type AppName, type HealthPaths, schemas } from './support/services.js';

const health: HealthPaths = { liveness: '/healthz', readiness: '/readyz' };
const read = (file: string) => readFileSync(path.join(deployDir, file), 'utf8');

/** compose.yaml with `edit` applied, read as compose is read. */
function composeWith(edit: (text: string) => string, vars: Record<string, string> = {}) {
  const text = edit(read('compose.yaml'));
  const parsed = parseYaml(text, 'compose.yaml');
  expect(parsed.problems).toEqual([]);
  return composeDeployments(parsed.documents[0], { vars });
}

function composeService(deployments: Deployment[], service: AppName): Deployment {
  return deployments.find((d) => d.service === service)!;
}

/** The k8s manifests with `edit` applied to one file. */
function k8sWith(file: string, edit: (text: string) => string) {
  const files = [
    'config.yaml',
    'secrets.yaml',
    'intake.yaml',
    'complaints.yaml',
    'projections.yaml',
    'notifications.yaml',
  ];
  const manifests = files.flatMap((f) => {
    const text = f === file ? edit(read(`k8s/${f}`)) : read(`k8s/${f}`);
    return manifestsOf(`k8s/${f}`, parseYaml(text, f).documents);
  });
  return { manifests, deployments: k8sDeployments(manifests) };
}

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`the edit did not apply: ${String(from)} not found`);
  return out;
}

describe('YAML parsing', () => {
  it('reports errors and warnings with the file name', () => {
    expect(parseYaml('a: 1\na: 2\n', 'dup.yaml').problems).toEqual([
      expect.stringMatching(/^dup\.yaml: Map keys must be unique/),
    ]);
    expect(parseYaml('a: [1, 2\n', 'open.yaml').problems.length).toBeGreaterThan(0);
    expect(parseYaml('a: 1\n---\nb: 2\n', 'two.yaml')).toEqual({
      documents: [{ a: 1 }, { b: 2 }],
      problems: [],
    });
  });
});

describe('compose interpolation', () => {
  it('resolves defaults as compose does and reports variables that have none', () => {
    expect(interpolate('${A:-x}|${A-y}|$$B|${C}', { A: '' })).toEqual({ value: 'x||$B|', missing: ['C'] });
    expect(interpolate('${A:-x}-$A', { A: 'set' })).toEqual({ value: 'set-set', missing: [] });
  });
});

describe('environment drift', () => {
  it('names a variable the service does not read (compose)', () => {
    const d = composeService(
      composeWith((t) =>
        replaceOnce(
          t,
          'COMPLAINTS_URL: http://complaints:3002',
          'COMPLAINTS_URL: http://complaints:3002\n      RELAY_ENABLED: "true"',
        ),
      ),
      'projections',
    );
    expect(checkEnv(d, schemas.projections)).toEqual([
      'compose.yaml projections: RELAY_ENABLED is not a variable of projections (services/projections/src/config.ts)',
    ]);
  });

  it('names a required variable left out, and a secret too short to start', () => {
    const deployments = composeWith(
      (t) => replaceOnce(t, /\n\s+CUSTOMER_LINK_SECRET: \$\{CUSTOMER_LINK_SECRET:-[^}]+\}/, ''),
      { SESSION_SECRET: 'short' },
    );
    expect(checkEnv(composeService(deployments, 'intake'), schemas.intake)).toEqual([
      'compose.yaml intake: intake would not start: CUSTOMER_LINK_SECRET: missing (required)',
    ]);
    expect(checkEnv(composeService(deployments, 'console'), schemas.console)).toEqual([
      'compose.yaml console: console would not start: SESSION_SECRET: must be at least 32 characters',
    ]);
  });

  it('names a key misplaced under build: (compose would refuse the file, the container would lack it)', () => {
    const d = composeService(
      composeWith((t) =>
        replaceOnce(t, '        PORT: "3002"\n', '        PORT: "3002"\n      FEED_TOKEN_SECRET: x\n'),
      ),
      'complaints',
    );
    expect(checkEnv(d, schemas.complaints)).toEqual([
      'compose.yaml complaints: build has FEED_TOKEN_SECRET, which is no build option (misplaced from environment?)',
    ]);
  });

  it('applies the one-JWT-key rule', () => {
    const d = composeService(
      composeWith((t) =>
        replaceOnce(
          t,
          'EVENT_STORE_URL:',
          'JWT_SECRET: a-hs256-key-of-forty-characters-0000000000\n      EVENT_STORE_URL:',
        ),
      ),
      'complaints',
    );
    expect(checkEnv(d, schemas.complaints)).toEqual([
      'compose.yaml complaints: complaints would not start: JWT_SECRET: set exactly one of JWT_SECRET (HS256) or JWT_JWKS_URL',
    ]);
  });

  it('names a token key handed to notifications, and an issuer or audience left out', () => {
    const notifications = composeService(
      composeWith(
        (t) =>
          replaceOnce(
            t,
            'SMTP_URL: smtp://mailpit:1025',
            'SMTP_URL: smtp://mailpit:1025\n      JWT_SECRET: ${JWT_SECRET}',
          ),
        { JWT_SECRET: 'x'.repeat(40) },
      ),
      'notifications',
    );
    expect(checkEnv(notifications, schemas.notifications)).toEqual([
      'compose.yaml notifications: JWT_SECRET is not a variable of notifications (services/notifications/src/config.ts)',
    ]);
    const { deployments } = k8sWith('config.yaml', (t) => replaceOnce(t, /\n {2}JWT_AUDIENCE: chp-api/, ''));
    // The first JWT_AUDIENCE in config.yaml is intake's.
    expect(checkTokens(deployments.find((d) => d.service === 'intake')!, schemas.intake)).toEqual([
      'k8s/intake.yaml Deployment intake: JWT_AUDIENCE is not set, so intake accepts tokens of any audience',
    ]);
  });

  it('follows envFrom and secretKeyRef: a ConfigMap key the service does not read, a Secret key that is missing', () => {
    const { deployments } = k8sWith('config.yaml', (t) =>
      replaceOnce(
        t,
        'CONSUMER_DURABLE: projections',
        'CONSUMER_DURABLE: projections\n  JETSTREAM_REPLICAS: "3"',
      ),
    );
    expect(checkEnv(deployments.find((d) => d.service === 'projections')!, schemas.projections)).toEqual([
      'k8s/projections.yaml Deployment projections: JETSTREAM_REPLICAS is not a variable of projections (services/projections/src/config.ts)',
    ]);

    const missing = k8sWith('secrets.yaml', (t) => replaceOnce(t, /\n\s+SENT_LOG_URL: [^\n]+/, ''));
    expect(
      checkEnv(missing.deployments.find((d) => d.service === 'notifications')!, schemas.notifications),
    ).toEqual([
      'k8s/notifications.yaml Deployment notifications: SENT_LOG_URL refers to Secret chp-secrets key SENT_LOG_URL, which is not defined',
    ]);
  });

  it('runs the placeholders through the schema: a short Secret value fails', () => {
    const { deployments } = k8sWith('secrets.yaml', (t) =>
      replaceOnce(t, /CUSTOMER_LINK_SECRET: [^\n]+/, 'CUSTOMER_LINK_SECRET: REPLACE-ME'),
    );
    expect(checkEnv(deployments.find((d) => d.service === 'intake')!, schemas.intake)).toEqual([
      'k8s/intake.yaml Deployment intake: intake would not start: CUSTOMER_LINK_SECRET: must be at least 32 characters',
    ]);
  });
});

describe('port and probe drift', () => {
  it('compose: a published port or build arg other than PORT, a healthcheck path the service does not serve', () => {
    const d = composeService(
      composeWith((t) =>
        replaceOnce(
          replaceOnce(t, '"3004:3004"', '"3004:3000"'),
          'SERVICE: notifications\n        PORT: "3004"',
          'SERVICE: notifications\n        PORT: "3040"',
        ),
      ),
      'notifications',
    );
    expect(checkPorts(d)).toEqual([
      'compose.yaml notifications: build arg PORT is 3040, but the service listens on PORT 3004',
      'compose.yaml notifications: ports entry "3004:3000" is 3000, but the service listens on PORT 3004',
    ]);
    const probe = composeService(
      composeWith((t) => replaceOnce(t, '"healthcheck.cjs", "/readyz"', '"healthcheck.cjs", "/health"')),
      'intake',
    );
    expect(checkProbes(probe, health, ['healthcheck'])).toEqual([
      'compose.yaml intake: healthcheck probe asks /health; the service serves /healthz or /readyz',
    ]);
  });

  it('k8s: containerPort, Service targetPort and probe paths', () => {
    const { deployments } = k8sWith('intake.yaml', (t) =>
      replaceOnce(
        replaceOnce(t, 'containerPort: 3001', 'containerPort: 8080'),
        'path: /readyz',
        'path: /ready',
      ),
    );
    const d = deployments.find((x) => x.service === 'intake')!;
    expect(checkPorts(d)).toEqual([
      'k8s/intake.yaml Deployment intake: containerPort http is 8080, but the service listens on PORT 3001',
      'k8s/intake.yaml Deployment intake: livenessProbe port is 8080, but the service listens on PORT 3001',
      'k8s/intake.yaml Deployment intake: readinessProbe port is 8080, but the service listens on PORT 3001',
      'k8s/intake.yaml Deployment intake: startupProbe port is 8080, but the service listens on PORT 3001',
      'k8s/intake.yaml Deployment intake: Service intake targetPort is 8080, but the service listens on PORT 3001',
    ]);
    expect(checkProbes(d, health, ['liveness', 'readiness'])).toEqual([
      'k8s/intake.yaml Deployment intake: readiness probe asks /ready; the service serves /readyz',
    ]);

    const noProbe = k8sWith('projections.yaml', (t) =>
      replaceOnce(t, /\n {10}livenessProbe:\n(?: {12}[^\n]*\n)+/, '\n'),
    );
    expect(
      checkProbes(noProbe.deployments.find((x) => x.service === 'projections')!, health, [
        'liveness',
        'readiness',
      ]),
    ).toEqual(['k8s/projections.yaml Deployment projections: no liveness probe']);
  });

  it('k8s: HPAs and PDBs aimed at nothing', () => {
    const { manifests } = k8sWith('complaints.yaml', (t) =>
      t
        .replace(/kind: Deployment\n {4}name: complaints/, 'kind: Deployment\n    name: complaint')
        .replace(/(kind: PodDisruptionBudget[\s\S]*?app\.kubernetes\.io\/name: )complaints/, '$1complaint'),
    );
    expect(danglingPolicies(manifests)).toEqual([
      'k8s/complaints.yaml HorizontalPodAutoscaler complaints: Deployment complaint is not defined',
      'k8s/complaints.yaml PodDisruptionBudget complaints: its selector matches no pods',
    ]);
  });
});

describe('URL and replica drift', () => {
  it('finds each host of a URL list and of a multi-host esdb URL', () => {
    expect(hostsOf('esdb+discover://u:p@a.b:2113,c:2114?tls=false')).toEqual([
      { host: 'a.b', port: 2113 },
      { host: 'c', port: 2114 },
    ]);
    expect(hostsOf('nats://n1:4222,nats://n2')).toEqual([
      { host: 'n1', port: 4222 },
      { host: 'n2', port: undefined },
    ]);
    expect(hostsOf('Customer Care <care@x>')).toEqual([]);
  });

  it('names a URL on the wrong port or to an undefined host', () => {
    const d = composeService(
      composeWith((t) => replaceOnce(t, 'http://complaints:3002', 'http://complaints:3000')),
      'projections',
    );
    const hosts = new Map<string, number[] | undefined>([
      ['complaints', [3002]],
      ['nats', undefined],
      ['otel-collector', undefined],
      ['keycloak', [8080]],
    ]);
    expect(checkUrls(d, { hosts, external: (host) => host === 'localhost' })).toEqual([
      'compose.yaml projections: COMPLAINTS_URL uses complaints:3000, but complaints listens on 3002',
      'compose.yaml projections: READ_MODEL_URL points at postgres, which these files do not define',
    ]);
  });

  it('names a stream-creating service whose replicas do not match the NATS nodes', () => {
    const { deployments } = k8sWith('config.yaml', (t) =>
      replaceOnce(t, 'JETSTREAM_REPLICAS: "3"', 'JETSTREAM_REPLICAS: "1"'),
    );
    expect(checkJetStreamReplicas(deployments, schemas, 3)).toEqual([
      'k8s/intake.yaml Deployment intake: JETSTREAM_REPLICAS is 1, but NATS runs 3 nodes',
    ]);
  });
});

describe('Dockerfile drift', () => {
  const expected = {
    health,
    healthcheckScript: 'healthcheck.cjs',
    turboVersion: '2.11.9',
    nodeMajor: '20',
    mains: { intake: './dist/main.js', console: './dist/server/main.js' },
    runtimeFiles: ['config/sla-policies.json'],
  };
  const text = read('Dockerfile');

  it('agrees as it is', () => {
    expect(checkDockerfile(text, expected)).toEqual([]);
  });

  it('names a healthcheck path, EXPOSE, user, versions and a data file that drifted', () => {
    const drifted = [
      (t: string) => replaceOnce(t, '"healthcheck.cjs", "/healthz"]', '"healthcheck.cjs", "/health"]'),
      (t: string) => replaceOnce(t, 'EXPOSE ${PORT}', 'EXPOSE 3000'),
      (t: string) => replaceOnce(t, 'USER node\n', ''),
      (t: string) => replaceOnce(t, 'NODE_IMAGE=node:20-', 'NODE_IMAGE=node:22-'),
      (t: string) => replaceOnce(t, 'TURBO_VERSION=2.11.9', 'TURBO_VERSION=2.5.0'),
      (t: string) => replaceOnce(t, /\n\s+if \[ -d "\$\{ws\}\/config" \][^\n]+/, ''),
    ].reduce((t, edit) => edit(t), text);
    expect(checkDockerfile(drifted, { ...expected, mains: { intake: './src/main.ts' } })).toEqual([
      'Dockerfile: HEALTHCHECK asks /health; the liveness path is /healthz',
      'Dockerfile: EXPOSE should be ${PORT}, the port the service reads; it is 3000',
      "Dockerfile: CMD runs intake's package.json main, ./src/main.ts, but the image holds only its dist/",
      'Dockerfile: the runtime stage runs as root',
      'Dockerfile: NODE_IMAGE is node:22-bookworm-slim, engines say Node 20',
      'Dockerfile: TURBO_VERSION is 2.5.0, the workspace uses turbo 2.11.9',
      'Dockerfile: config/sla-policies.json is read at run time, but config/ is not copied into the image',
    ]);
  });

  it('names an app the prune stage refuses, and a CMD that does not run the package main', () => {
    const drifted = [
      (t: string) => replaceOnce(t, '|knowledge|console)', '|knowledge)'),
      (t: string) =>
        replaceOnce(
          t,
          'exec node \\"services/${SERVICE}\\"',
          'exec node \\"services/${SERVICE}/dist/main.js\\"',
        ),
    ].reduce((t, edit) => edit(t), text);
    expect(checkDockerfile(drifted, expected)).toEqual([
      `Dockerfile: CMD should run node "services/\${SERVICE}" (the package's main), it is ["/bin/sh", "-c", "exec node \\"services/\${SERVICE}/dist/main.js\\""]`,
      'Dockerfile: the prune stage refuses SERVICE=console',
    ]);
  });
});

describe('sign-in drift', () => {
  const realmText = read('keycloak/complaints-realm.json');
  const consoleOidc: ConsoleOidc = {
    where: 'compose.yaml console',
    publicUrl: 'http://localhost:3000',
    issuer: 'http://keycloak:8080/realms/complaints/.well-known/openid-configuration',
    clientId: 'console',
    clientSecret: 'console-secret',
    rolesClaim: 'roles',
    sessionIdleMs: 8 * 3600_000,
  };
  const intake: ServiceTokens = {
    where: 'compose.yaml intake',
    issuer: 'http://localhost:8080/realms/complaints',
    audience: 'chp-api',
    jwksUrl: 'http://keycloak:8080/realms/complaints/protocol/openid-connect/certs',
    maxLifetimeMs: 3600_000,
  };
  const keycloakEnv = {
    KC_HOSTNAME: 'http://localhost:8080',
    CHP_CONSOLE_CLIENT_SECRET: 'console-secret',
    CHP_DEV_AGENT_PASSWORD: 'a',
    CHP_DEV_SUPERVISOR_PASSWORD: 's',
    CHP_DEV_ADMIN_PASSWORD: 'ad',
    CHP_DEV_CHANNEL_CLIENT_SECRET: 'c',
  };
  const check = (
    text: string,
    overrides: { env?: Record<string, string>; services?: ServiceTokens[] } = {},
  ) =>
    checkRealm({
      where: 'realm.json',
      text,
      realm: JSON.parse(text),
      keycloakEnv: overrides.env ?? keycloakEnv,
      console: consoleOidc,
      services: overrides.services ?? [intake],
      consoleRoles: ['agent', 'supervisor', 'admin'],
    });

  it('agrees as it is', () => {
    expect(check(realmText)).toEqual([]);
  });

  it("names the console's callback, roles claim, PKCE, secret and session drifting from the realm", () => {
    const drifted = [
      (t: string) =>
        replaceOnce(t, 'http://localhost:3000/auth/callback', 'http://localhost:3001/auth/callback'),
      (t: string) => replaceOnce(t, '"claim.name": "roles"', '"claim.name": "groups"'),
      (t: string) =>
        replaceOnce(t, '"pkce.code.challenge.method": "S256"', '"pkce.code.challenge.method": ""'),
      (t: string) => replaceOnce(t, '"ssoSessionIdleTimeout": 28800', '"ssoSessionIdleTimeout": 1800'),
      (t: string) => replaceOnce(t, '"name": "supervisor",', '"name": "lead",'),
    ].reduce((t, edit) => edit(t), realmText);
    expect(check(drifted, { env: { ...keycloakEnv, CHP_CONSOLE_CLIENT_SECRET: 'other' } })).toEqual([
      'realm.json client console: PKCE S256 is not required',
      "realm.json client console: redirectUris lack http://localhost:3000/auth/callback, the console's callback",
      "realm.json client console: its secret is not the console's OIDC_CLIENT_SECRET",
      "realm.json client console: no mapper puts the realm roles in the ID token's roles claim (the console's OIDC_ROLES_CLAIM)",
      "realm.json client console: no mapper puts the realm roles in the access token's roles claim (what the services read)",
      'realm.json: realm role supervisor is not defined',
      "realm.json: ssoSessionIdleTimeout (1800 s) ends Keycloak's session, and so token refresh, before the console's SESSION_IDLE_TIMEOUT",
    ]);
  });

  it('names the issuer, JWKS and audience the services expect, a placeholder left unset and a written password', () => {
    const drifted = [
      (t: string) =>
        replaceOnce(t, '"included.custom.audience": "chp-api"', '"included.custom.audience": "api"'),
      (t: string) => replaceOnce(t, '"value": "${CHP_DEV_ADMIN_PASSWORD}"', '"value": "admin"'),
    ].reduce((t, edit) => edit(t), realmText);
    const { CHP_DEV_AGENT_PASSWORD: _unset, ...env } = keycloakEnv;
    const service = {
      ...intake,
      issuer: 'http://keycloak:8080/realms/complaints',
      jwksUrl: 'http://keycloak:8080/certs',
    };
    expect(check(drifted, { env, services: [service] })).toEqual([
      "realm.json: ${CHP_DEV_AGENT_PASSWORD} is not set in Keycloak's environment",
      "compose.yaml intake: JWT_ISSUER is http://keycloak:8080/realms/complaints, but Keycloak's tokens carry http://localhost:8080/realms/complaints",
      "compose.yaml intake: JWT_JWKS_URL is http://keycloak:8080/certs, not the realm's /realms/complaints/protocol/openid-connect/certs",
      "realm.json client console: no audience mapper adds chp-api (the services' JWT_AUDIENCE)",
      'realm.json: user admin has a password written in the file',
    ]);
  });

  it('any provider: names a service that accepts another issuer or has no JWKS', () => {
    const k8sConsole = {
      ...consoleOidc,
      where: 'k8s console',
      issuer: 'https://login.example.com/realms/complaints',
    };
    expect(
      checkIssuerAgreement(k8sConsole, [
        {
          ...intake,
          where: 'k8s intake',
          issuer: 'https://login.example.com/realms/complaints',
          jwksUrl: undefined,
        },
        { ...intake, where: 'k8s complaints', issuer: 'https://login.example.com' },
      ]),
    ).toEqual([
      "k8s intake: JWT_JWKS_URL is not set, so the provider's tokens cannot be verified",
      'k8s complaints: JWT_ISSUER is https://login.example.com, but the console signs in at https://login.example.com/realms/complaints (k8s console OIDC_ISSUER)',
    ]);
  });

  it('names a shared secret given to one side only, or with two values', () => {
    const deployments = composeWith((t) =>
      replaceOnce(
        t,
        /(\n\s+CUSTOMER_LINK_SECRET: )\$\{CUSTOMER_LINK_SECRET:-dev-only-customer-link-secret-not-for-production\}(\n\s+ports:\n\s+- "3004)/,
        '$1another-customer-link-secret-of-forty-chars$2',
      ),
    ).filter((d) => d.service !== 'projections');
    expect(checkSharedSecrets(deployments, 'compose.yaml')).toEqual([
      'compose.yaml: FEED_TOKEN_SECRET is given to complaints, not to complaints and projections',
      'compose.yaml: CUSTOMER_LINK_SECRET differs between intake and notifications',
    ]);
  });
});
