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
  checkTokens,
  checkUrls,
  hostsOf,
} from './support/checks.js';
import { composeDeployments, interpolate } from './support/compose.js';
import type { Deployment } from './support/deployment.js';
import { checkDockerfile } from './support/dockerfile.js';
import { deployDir, parseYaml } from './support/files.js';
import { danglingPolicies, k8sDeployments, manifestsOf } from './support/k8s.js';
import { type HealthPaths, type ServiceName, schemas } from './support/services.js';

const health: HealthPaths = { liveness: '/healthz', readiness: '/readyz' };
const read = (file: string) => readFileSync(path.join(deployDir, file), 'utf8');

/** compose.yaml with `edit` applied, read as compose is read. */
function composeWith(edit: (text: string) => string, vars: Record<string, string> = {}) {
  const text = edit(read('compose.yaml'));
  const parsed = parseYaml(text, 'compose.yaml');
  expect(parsed.problems).toEqual([]);
  return composeDeployments(parsed.documents[0], { vars });
}

function composeService(deployments: Deployment[], service: ServiceName): Deployment {
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
    const d = composeService(
      composeWith((t) => replaceOnce(t, /\n\s+CUSTOMER_LINK_SECRET: \$\{CUSTOMER_LINK_SECRET:-[^}]+\}/, ''), {
        JWT_SECRET: 'short',
      }),
      'intake',
    );
    expect(checkEnv(d, schemas.intake)).toEqual([
      'compose.yaml intake: intake would not start: CUSTOMER_LINK_SECRET: missing (required)',
      'compose.yaml intake: intake would not start: JWT_SECRET: must be at least 32 characters',
    ]);
  });

  it('applies the one-JWT-key rule', () => {
    const d = composeService(
      composeWith((t) =>
        replaceOnce(
          t,
          'EVENT_STORE_URL:',
          'JWT_JWKS_URL: https://idp.example.com/jwks\n      EVENT_STORE_URL:',
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
    ]);
    expect(checkUrls(d, { hosts, external: () => false })).toEqual([
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
    mains: { intake: './dist/main.js' },
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
    expect(checkDockerfile(drifted, { ...expected, mains: { intake: './dist/index.js' } })).toEqual([
      'Dockerfile: HEALTHCHECK asks /health; the liveness path is /healthz',
      'Dockerfile: EXPOSE should be ${PORT}, the port the service reads; it is 3000',
      "Dockerfile: CMD runs dist/main.js, but intake's package.json main is ./dist/index.js",
      'Dockerfile: the runtime stage runs as root',
      'Dockerfile: NODE_IMAGE is node:22-bookworm-slim, engines say Node 20',
      'Dockerfile: TURBO_VERSION is 2.5.0, the workspace uses turbo 2.11.9',
      'Dockerfile: config/sla-policies.json is read at run time, but config/ is not copied into the image',
    ]);
  });
});
