// Fails when deploy/ drifts from the code: variables a service does not read or would refuse, a
// required one missing, ports and probe paths the services do not serve, the Dockerfile's
// healthcheck and EXPOSE. The second half proves each check can fail, on deliberately drifted copies.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../libs/platform/src/config/load.js';
import { defaultKeyStoreUrl } from '../../services/complaints/src/privacy/key-store.js';
import { BUNDLED_POLICIES_FILE } from '../../services/complaints/src/sla/policy-file.js';
import { consoleRoles } from '../../services/console/server/session.js';
import {
  checkCoverage,
  checkEnv,
  checkJetStreamReplicas,
  checkPorts,
  checkProbes,
  checkSharedSecrets,
  checkTokens,
  checkUrls,
} from './support/checks.js';
import { composeDeployments, composeEnvironment, composeServiceNames } from './support/compose.js';
import type { Deployment } from './support/deployment.js';
import { checkDockerfile, type DockerfileExpectations } from './support/dockerfile.js';
import { asArray, asRecord, deployDir, readText, readYaml, repoRoot, yamlFiles } from './support/files.js';
import { danglingPolicies, k8sDeployments, type Manifest, manifestsOf, servicePorts } from './support/k8s.js';
import { type ConsoleOidc, checkIssuerAgreement, checkRealm, type ServiceTokens } from './support/oidc.js';
import {
  appNames,
  type HealthPaths,
  healthPathsFromCode,
  schemas,
  serviceNames,
} from './support/services.js';

const healthcheckScript = 'healthcheck.cjs';
let health: HealthPaths;

beforeAll(async () => {
  health = await healthPathsFromCode();
});

function composeFile() {
  const parsed = readYaml('compose.yaml');
  return parsed.documents[0];
}

function k8sManifests(): Manifest[] {
  return yamlFiles()
    .filter((file) => file.startsWith('k8s/') && !file.endsWith('nats-values.yaml'))
    .flatMap((file) => manifestsOf(file, readYaml(file).documents));
}

function natsClusterSize(): number {
  const values = asRecord(readYaml('k8s/nats-values.yaml').documents[0]);
  const cluster = asRecord(asRecord(values?.config)?.cluster);
  return cluster?.enabled === true ? Number(cluster.replicas) : 1;
}

function dockerfileExpectations(): DockerfileExpectations {
  const root = JSON.parse(readText('package.json')) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
  };
  return {
    health,
    healthcheckScript,
    turboVersion: root.devDependencies.turbo!.replace(/^[\^~]/, ''),
    nodeMajor: /\d+/.exec(root.engines.node)![0],
    mains: Object.fromEntries(
      appNames.map((s) => [s, (JSON.parse(readText(`services/${s}/package.json`)) as { main: string }).main]),
    ),
    runtimeFiles: [
      path
        .relative(path.join(repoRoot, 'services/complaints'), BUNDLED_POLICIES_FILE)
        .split(path.sep)
        .join('/'),
    ],
  };
}

/** The port a `host:port` endpoint in a config file listens on. */
function portOf(endpoint: unknown): number {
  return Number(String(endpoint).split(':').pop());
}

function composeTargets(compose: unknown, deployments: Deployment[]) {
  const hosts = new Map<string, number[] | undefined>(
    composeServiceNames(compose).map((n) => [n, undefined]),
  );
  for (const d of deployments) hosts.set(d.service, [Number(d.env.PORT)]);
  // Where the config files say NATS and the collector listen; the images' defaults for the rest.
  const natsConf = readFileSync(path.join(deployDir, 'nats/nats.conf'), 'utf8');
  hosts.set('nats', [Number(/^\s*port:\s*(\d+)/m.exec(natsConf)?.[1])]);
  const collector = asRecord(readYaml('otel/collector.yaml').documents[0]);
  const otlp = asRecord(asRecord(asRecord(collector?.receivers)?.otlp)?.protocols);
  hosts.set('otel-collector', [portOf(asRecord(otlp?.http)?.endpoint)]);
  hosts.set('keycloak', [Number(composeEnvironment(compose, 'keycloak').KC_HTTP_PORT)]);
  // Customer links open in a browser on the host: localhost is right there.
  return { hosts, external: (host: string) => host === 'localhost' || host === '127.0.0.1' };
}

function k8sTargets(manifests: Manifest[]) {
  const hosts = new Map<string, number[] | undefined>(servicePorts(manifests));
  // NATS comes from the Helm release `nats` (nats-values.yaml): its client port.
  hosts.set('nats', [4222]);
  // Outside these files: placeholders (*.example.*) and the cluster's observability stack.
  const external = (host: string) => /\.example\.[a-z]+$/.test(host) || host.endsWith('.observability');
  return { hosts, external };
}

/** The console's OpenID settings as its schema reads them at start. */
function consoleOidcOf(d: Deployment): ConsoleOidc {
  const config = loadConfig(schemas.console, d.env) as unknown as Record<string, string | number>;
  return {
    where: d.where,
    publicUrl: String(config.PUBLIC_URL),
    issuer: String(config.OIDC_ISSUER),
    clientId: String(config.OIDC_CLIENT_ID),
    clientSecret: String(config.OIDC_CLIENT_SECRET),
    rolesClaim: String(config.OIDC_ROLES_CLAIM),
    sessionIdleMs: Number(config.SESSION_IDLE_TIMEOUT),
  };
}

/** The token rules of every service that verifies tokens, as its schema reads them. */
function serviceTokensOf(deployments: Deployment[]): ServiceTokens[] {
  return deployments
    .filter((d) => Object.keys(schemas[d.service].shape).includes('JWT_JWKS_URL'))
    .map((d) => {
      const config = loadConfig(schemas[d.service], d.env) as unknown as Record<string, unknown>;
      const text = (name: string) => (config[name] === undefined ? undefined : String(config[name]));
      return {
        where: d.where,
        issuer: text('JWT_ISSUER'),
        audience: text('JWT_AUDIENCE'),
        jwksUrl: text('JWT_JWKS_URL'),
        maxLifetimeMs: Number(config.JWT_MAX_LIFETIME),
      };
    });
}

/**
 * The key store complaints opens at start (its main: KEY_STORE_URL, or the default next to the event
 * store, which EventStoreDB cannot give); a problem when it would refuse to start. The schema leaves
 * KEY_STORE_URL optional, so checkEnv cannot see this.
 */
function keyStoreProblem(d: Deployment): string | undefined {
  const config = loadConfig(schemas.complaints, d.env) as unknown as Record<string, string | undefined>;
  try {
    const url = config.KEY_STORE_URL ?? defaultKeyStoreUrl(String(config.EVENT_STORE_URL));
    return /^(postgres|postgresql|pglite):\/\//.test(url)
      ? undefined
      : `${d.where}: key store ${url} keeps no keys`;
  } catch (error) {
    return `${d.where}: complaints would not start: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const realmFile = 'keycloak/complaints-realm.json';

/**
 * Services whose relay publishes without a lease (services/knowledge/README.md): a second replica
 * would publish every event twice, so they run one pod, with no HPA.
 */
const singleReplica: readonly string[] = ['knowledge'];

/** The console's variables a deploy file leaves unset and its README does not document (so no default is known). */
function undocumentedConsoleDefaults(d: Deployment): string[] {
  const readme = readText('services/console/README.md');
  // `NATS_TLS_CA`/`_CERT`/`_KEY` on one line documents all three.
  const documented = (variable: string) => {
    const at = variable.lastIndexOf('_');
    const [prefix, last] = [variable.slice(0, at), variable.slice(at)];
    return (
      readme.includes(`\`${variable}\``) ||
      readme.split('\n').some((line) => line.includes(`\`${prefix}_`) && line.includes(`\`${last}\``))
    );
  };
  return Object.keys(schemas.console.shape)
    .filter((variable) => d.env[variable] === undefined && !documented(variable))
    .map((variable) => `${d.where}: ${variable} is neither set nor documented in services/console/README.md`);
}

describe('deploy files agree with the code', () => {
  it('every YAML file parses without errors or warnings', () => {
    const files = yamlFiles();
    expect(files).toEqual(
      expect.arrayContaining(['compose.yaml', 'k8s/kustomization.yaml', 'otel/collector.yaml']),
    );
    expect(files.flatMap((file) => readYaml(file).problems)).toEqual([]);
  });

  it('the health router serves a liveness and a readiness path, and every service mounts it', () => {
    expect(health.liveness).not.toEqual(health.readiness);
    for (const service of serviceNames) {
      const app = readText(`services/${service}/src/http/app.ts`);
      const main = readText(`services/${service}/src/main.ts`);
      expect({ service, mountsHealth: app.includes('createHttpApp(') }).toEqual({
        service,
        mountsHealth: true,
      });
      // runService (libs/platform; runNatsService of libs/messaging wraps it) listens on PORT.
      expect({ service, runsAsService: /\brun(Nats)?Service\(\{/.test(main) }).toEqual({
        service,
        runsAsService: true,
      });
    }
    expect(/\blisten\([\s\S]*?,\s*config\.PORT[,)]/.test(readText('libs/platform/src/service.ts'))).toBe(
      true,
    );
  });

  it('the console serves the same liveness and readiness paths itself, and listens on config.PORT', () => {
    // Its own express app (not createHttpApp): /readyz waits for the OpenID provider's discovery.
    const app = readText('services/console/server/app.ts');
    for (const p of [health.liveness, health.readiness])
      expect({ path: p, served: app.includes(`app.get('${p}'`) }).toEqual({ path: p, served: true });
    expect(readText('services/console/server/main.ts')).toMatch(/\.listen\(config\.PORT[,)]/);
  });

  it('the schemas are zod objects whose variables can be listed', () => {
    for (const service of appNames) {
      expect(Object.keys(schemas[service].shape)).toEqual(expect.arrayContaining(['PORT', 'NATS_URL']));
    }
  });

  it('only the services that verify tokens read a token key; notifications reads none', () => {
    const withKey = serviceNames.filter((service) =>
      Object.keys(schemas[service].shape).includes('JWT_SECRET'),
    );
    expect(withKey.sort()).toEqual(['complaints', 'intake', 'knowledge', 'projections']);
  });

  describe('compose.yaml', () => {
    const compose = composeFile();
    const deployments = composeDeployments(compose);

    it('runs each service once', () => {
      expect(checkCoverage(deployments, 'compose.yaml')).toEqual([]);
    });

    it.each(appNames)('%s gets only variables it reads, and would start with them', (service) => {
      const d = deployments.find((x) => x.service === service)!;
      expect(checkEnv(d, schemas[service])).toEqual([]);
    });

    it.each(appNames)('%s: build arg, published port and healthcheck agree with PORT', (service) => {
      const d = deployments.find((x) => x.service === service)!;
      expect(checkPorts(d)).toEqual([]);
      expect(checkProbes(d, health, ['healthcheck'])).toEqual([]);
    });

    it('URLs point at services compose defines, on their ports', () => {
      const targets = composeTargets(compose, deployments);
      expect(deployments.flatMap((d) => checkUrls(d, targets))).toEqual([]);
    });

    it('waits with depends_on only on services that have a healthcheck, and never on a missing one', () => {
      const services = asRecord(asRecord(compose)?.services) ?? {};
      const problems: string[] = [];
      for (const [name, service] of Object.entries(services)) {
        for (const [target, rule] of Object.entries(asRecord(asRecord(service)?.depends_on) ?? {})) {
          const condition = asRecord(rule)?.condition;
          if (!(target in services)) problems.push(`${name} depends on ${target}, which is not defined`);
          else if (condition === 'service_healthy' && !asRecord(services[target])?.healthcheck) {
            problems.push(`${name} waits for ${target} to be healthy, but it has no healthcheck`);
          } else if (condition === undefined)
            problems.push(`${name} depends on ${target} without a condition`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('streams are created at R1 on the single NATS server', () => {
      expect(readFileSync(path.join(deployDir, 'nats/nats.conf'), 'utf8')).not.toMatch(/^\s*cluster\s*\{/m);
      expect(checkJetStreamReplicas(deployments, schemas, 1)).toEqual([]);
    });

    it('the dev secrets apply only without deploy/.env, and are marked as such', () => {
      const text = readFileSync(path.join(deployDir, 'compose.yaml'), 'utf8');
      for (const secret of [
        'FEED_TOKEN_SECRET',
        'CUSTOMER_LINK_SECRET',
        'SESSION_SECRET',
        'CONSOLE_OIDC_CLIENT_SECRET',
        'KEYCLOAK_ADMIN_PASSWORD',
        'CHP_DEV_AGENT_PASSWORD',
        'CHP_DEV_SUPERVISOR_PASSWORD',
        'CHP_DEV_ADMIN_PASSWORD',
        'CHP_DEV_CHANNEL_CLIENT_SECRET',
      ]) {
        expect(text).toMatch(new RegExp(`\\$\\{${secret}:-dev-only-[^}]+\\}`));
        // Marked on its line, or by a DEV-ONLY comment at most five lines above.
        expect(text).toMatch(
          new RegExp(`DEV-ONLY(?:[^\\n]*\\n){0,5}[^\\n]*${secret}|${secret}[^\\n]*DEV-ONLY`),
        );
      }
      // A value from deploy/.env wins over the default.
      const withEnv = composeDeployments(compose, { vars: { SESSION_SECRET: 'x'.repeat(40) } });
      expect(withEnv.find((d) => d.service === 'console')?.env.SESSION_SECRET).toBe('x'.repeat(40));
    });

    it('.env.example names every variable compose reads from deploy/.env (NATS keys: npm run nats-keys)', () => {
      const text = readFileSync(path.join(deployDir, 'compose.yaml'), 'utf8');
      const example = readFileSync(path.join(deployDir, '.env.example'), 'utf8');
      const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
      const read = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
      expect([...read].filter((v) => !listed.has(v) && !v.startsWith('NATS_NKEY_')).sort()).toEqual([]);
      expect(example).toMatch(/npm run nats-keys -w deploy/);
    });

    it("every variable of the console's schema is set here or documented with its default", () => {
      expect(undocumentedConsoleDefaults(deployments.find((d) => d.service === 'console')!)).toEqual([]);
    });

    it("no service holds a key that mints tokens: the four that verify them use Keycloak's JWKS", () => {
      expect(
        Object.fromEntries(deployments.map((d) => [d.service, [d.env.JWT_SECRET, d.env.JWT_JWKS_URL]])),
      ).toEqual({
        intake: [undefined, expect.stringMatching(/^http:\/\/keycloak:/)],
        complaints: [undefined, expect.stringMatching(/^http:\/\/keycloak:/)],
        projections: [undefined, expect.stringMatching(/^http:\/\/keycloak:/)],
        // Its admin routes (unsettled e-mails): public keys only, never JWT_SECRET.
        notifications: [undefined, expect.stringMatching(/^http:\/\/keycloak:/)],
        knowledge: [undefined, expect.stringMatching(/^http:\/\/keycloak:/)],
        console: [undefined, undefined],
      });
    });

    it('each shared secret reaches exactly its two services, with one value', () => {
      expect(checkSharedSecrets(deployments, 'compose.yaml')).toEqual([]);
    });

    it("the realm puts the console's team claim (OIDC_TEAM_CLAIM) in the ID token, and the example staff have a team", () => {
      const realm = JSON.parse(readFileSync(path.join(deployDir, realmFile), 'utf8')) as {
        clients: { clientId: string; protocolMappers?: { config: Record<string, string> }[] }[];
        users: { username: string; groups?: string[] }[];
      };
      const claim = deployments.find((d) => d.service === 'console')!.env.OIDC_TEAM_CLAIM;
      const mappers = realm.clients.find((c) => c.clientId === 'console')?.protocolMappers ?? [];
      expect(
        mappers.some((m) => m.config['claim.name'] === claim && m.config['id.token.claim'] === 'true'),
      ).toBe(true);
      for (const name of ['agent', 'supervisor'])
        expect({ name, groups: realm.users.find((u) => u.username === name)?.groups }).toEqual({
          name,
          groups: [expect.any(String)],
        });
    });

    it("complaints keeps customers' data keys in a key store of their own, apart from EventStoreDB", () => {
      const complaints = deployments.find((d) => d.service === 'complaints')!;
      expect(keyStoreProblem(complaints)).toBeUndefined();
      expect(complaints.env.KEY_STORE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\/keys$/);
      // The database exists: postgres/init.sql creates it, and knowledge's two.
      const init = readText('deploy/postgres/init.sql');
      for (const db of ['keys', 'knowledge', 'knowledge_read'])
        expect(init).toMatch(new RegExp(`CREATE DATABASE ${db} `));
      expect(
        keyStoreProblem({ ...complaints, env: { ...complaints.env, KEY_STORE_URL: undefined } as never }),
      ).toMatch(/complaints would not start: set KEY_STORE_URL/);
    });

    it("Keycloak's realm agrees with the console and the services (issuer, client, roles claim, audience)", () => {
      const text = readFileSync(path.join(deployDir, realmFile), 'utf8');
      const consoleDeployment = deployments.find((d) => d.service === 'console')!;
      expect(
        checkRealm({
          where: realmFile,
          text,
          realm: JSON.parse(text),
          keycloakEnv: composeEnvironment(compose, 'keycloak'),
          console: consoleOidcOf(consoleDeployment),
          services: serviceTokensOf(deployments),
          consoleRoles,
        }),
      ).toEqual([]);
      // Keycloak imports the file it is checked against.
      const volumes = asArray(asRecord(asRecord(asRecord(compose)?.services)?.keycloak)?.volumes).map(String);
      expect(volumes).toContain(`./${realmFile}:/opt/keycloak/data/import/complaints-realm.json:ro`);
    });

    it('the sign-in path (Keycloak, the console) and NATS are published on the host loopback only', () => {
      const services = asRecord(asRecord(compose)?.services) ?? {};
      for (const name of ['keycloak', 'console', 'nats']) {
        const ports = asArray(asRecord(services[name])?.ports).map(String);
        expect({ name, published: ports.length > 0 }).toEqual({ name, published: true });
        for (const port of ports)
          expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
      }
    });

    it.each(serviceNames)(
      '%s: the issuer and audience of tokens are configured where it verifies them',
      (service) => {
        const d = deployments.find((x) => x.service === service)!;
        expect(checkTokens(d, schemas[service])).toEqual([]);
      },
    );
  });

  describe('k8s/', () => {
    const manifests = k8sManifests();
    const deployments = k8sDeployments(manifests);

    it('deploys each service once, with a PDB and an HPA aimed at it (knowledge: one replica, no HPA)', () => {
      expect(checkCoverage(deployments, 'k8s/')).toEqual([]);
      expect(danglingPolicies(manifests)).toEqual([]);
      for (const service of serviceNames) {
        const kinds = manifests
          .filter((m) => m.name === service && m.kind !== 'NetworkPolicy')
          .map((m) => m.kind)
          .sort();
        expect({ service, kinds }).toEqual({
          service,
          kinds: singleReplica.includes(service)
            ? ['Deployment', 'PodDisruptionBudget', 'Service']
            : ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service'],
        });
      }
    });

    it('runs knowledge, whose relay has no lease, as exactly one pod, never two during a rollout', () => {
      for (const service of singleReplica) {
        const spec = asRecord(
          manifests.find((m) => m.kind === 'Deployment' && m.name === service)?.body.spec,
        );
        expect({ service, replicas: spec?.replicas, strategy: asRecord(spec?.strategy)?.type }).toEqual({
          service,
          replicas: 1,
          strategy: 'Recreate',
        });
      }
    });

    it("every variable of the console's schema is set here or documented with its default", () => {
      expect(undocumentedConsoleDefaults(deployments.find((d) => d.service === 'console')!)).toEqual([]);
    });

    it('runs the console as two replicas with a PDB, sharing their sessions in PostgreSQL', () => {
      expect(
        manifests
          .filter((m) => m.name === 'console' && m.kind !== 'NetworkPolicy')
          .map((m) => m.kind)
          .sort(),
      ).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
      const deployment = manifests.find((m) => m.kind === 'Deployment' && m.name === 'console')!;
      expect(asRecord(deployment.body.spec)?.replicas).toBe(2);
      // More than one replica needs the shared store: the in-memory and PGlite ones are per process.
      expect(JSON.stringify(deployment.body)).toContain('"SESSION_STORE_URL"');
      expect(composeEnvironment(composeFile(), 'console').SESSION_STORE_URL).toMatch(/^postgres:\/\//);
    });

    it.each(appNames)(
      '%s gets only variables it reads (ConfigMaps and Secrets included), and would start',
      (service) => {
        const d = deployments.find((x) => x.service === service)!;
        expect(checkEnv(d, schemas[service])).toEqual([]);
      },
    );

    it.each(serviceNames)(
      '%s: the issuer and audience of tokens are configured where it verifies them',
      (service) => {
        const d = deployments.find((x) => x.service === service)!;
        expect(checkTokens(d, schemas[service])).toEqual([]);
      },
    );

    it('the services accept the issuer the console signs in at, with the JWKS of its provider', () => {
      const consoleDeployment = deployments.find((d) => d.service === 'console')!;
      expect(checkIssuerAgreement(consoleOidcOf(consoleDeployment), serviceTokensOf(deployments))).toEqual(
        [],
      );
      expect(deployments.filter((d) => d.env.JWT_SECRET !== undefined).map((d) => d.where)).toEqual([]);
    });

    it('each shared secret reaches exactly its two services, with one value', () => {
      expect(checkSharedSecrets(deployments, 'k8s/')).toEqual([]);
    });

    it("complaints keeps customers' data keys in a key store of their own, apart from EventStoreDB", () => {
      const complaints = deployments.find((d) => d.service === 'complaints')!;
      expect(keyStoreProblem(complaints)).toBeUndefined();
      expect(complaints.env.KEY_STORE_URL).not.toEqual(complaints.env.EVENT_STORE_URL);
    });

    it("intake trusts only its mail gateway's Authentication-Results (EMAIL_AUTHSERV_ID)", () => {
      expect(deployments.find((d) => d.service === 'intake')?.env.EMAIL_AUTHSERV_ID).toEqual(
        expect.any(String),
      );
    });

    it("the console's NetworkPolicy lets it reach the Services it calls, on their ports, and NATS", () => {
      const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.name === 'console')!;
      const spec = asRecord(policy.body.spec)!;
      expect(asRecord(spec.podSelector)?.matchLabels).toEqual({ 'app.kubernetes.io/name': 'console' });
      const egress = asArray(spec.egress).map((rule) => asRecord(rule) ?? {});
      const allowed = (labels: Record<string, string>, port: number) =>
        egress.some(
          (rule) =>
            asArray(rule.to).some(
              (to) =>
                JSON.stringify(asRecord(asRecord(to)?.podSelector)?.matchLabels) === JSON.stringify(labels),
            ) && asArray(rule.ports).some((p) => asRecord(p)?.port === port),
        );
      const consoleEnv = deployments.find((d) => d.service === 'console')!.env;
      for (const variable of ['PROJECTIONS_URL', 'COMPLAINTS_URL']) {
        const url = new URL(consoleEnv[variable]!);
        const target = manifests.find((m) => m.kind === 'Service' && m.name === url.hostname)!;
        const port = asArray(asRecord(target.body.spec)?.ports)
          .map((p) => asRecord(p) ?? {})
          .find((p) => p.port === Number(url.port));
        const pod = deployments.find((d) => d.service === url.hostname)!;
        expect({
          variable,
          allowed: allowed({ 'app.kubernetes.io/name': url.hostname }, Number(pod.env.PORT)),
        }).toEqual({
          variable,
          allowed: port !== undefined,
        });
      }
      expect(
        allowed({ 'app.kubernetes.io/instance': 'nats', 'app.kubernetes.io/component': 'nats' }, 4222),
      ).toBe(true);
      // https to the provider (OIDC_ISSUER).
      expect(egress.some((rule) => asArray(rule.ports).some((p) => asRecord(p)?.port === 443))).toBe(true);
    });

    it.each(appNames)(
      '%s: containerPort, probe ports and Service targetPort agree with PORT; probe paths',
      (service) => {
        const d = deployments.find((x) => x.service === service)!;
        expect(checkPorts(d)).toEqual([]);
        expect(checkProbes(d, health, ['liveness', 'readiness'])).toEqual([]);
      },
    );

    it('URLs point at Services in the manifests, on their ports', () => {
      const targets = k8sTargets(manifests);
      expect(deployments.flatMap((d) => checkUrls(d, targets))).toEqual([]);
    });

    it('the services create streams at R3 on the 3-node JetStream cluster', () => {
      expect(natsClusterSize()).toBe(3);
      expect(checkJetStreamReplicas(deployments, schemas, natsClusterSize())).toEqual([]);
    });

    it('EventStoreDB runs as a 3-node cluster', () => {
      const sts = manifests.find((m) => m.kind === 'StatefulSet' && m.name === 'eventstore')!;
      const spec = asRecord(sts.body.spec)!;
      const container = asRecord(asArray(asRecord(asRecord(spec.template)?.spec)?.containers)[0])!;
      const env = Object.fromEntries(
        (container.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]),
      );
      expect({ replicas: spec.replicas, clusterSize: env.EVENTSTORE_CLUSTER_SIZE }).toEqual({
        replicas: 3,
        clusterSize: '3',
      });
    });

    it('kustomization.yaml lists every manifest file in k8s/', () => {
      const kustomization = asRecord(readYaml('k8s/kustomization.yaml').documents[0])!;
      const listed = (kustomization.resources as string[]).slice().sort();
      const files = yamlFiles()
        .filter((f) => f.startsWith('k8s/') && !/(kustomization|nats-values)\.yaml$/.test(f))
        .map((f) => f.slice('k8s/'.length))
        .sort();
      expect(listed).toEqual(files);
    });
  });

  describe('Dockerfile', () => {
    it('healthchecks the liveness path, exposes PORT, runs the service as non-root, and ships its data files', () => {
      const text = readFileSync(path.join(deployDir, 'Dockerfile'), 'utf8');
      expect(checkDockerfile(text, dockerfileExpectations())).toEqual([]);
    });

    it('copies the healthcheck script compose and the image run, and it asks $PORT', async () => {
      const { createHttpApp, listen } = await import('../../libs/platform/src/http/app.js');
      const app = createHttpApp({
        service: 'drift-test',
        readiness: { down: () => Promise.reject(new Error('down')) },
      });
      const server = await listen(app, 0, '127.0.0.1');
      try {
        const port = String((server.address() as { port: number }).port);
        const run = (probe: string) =>
          new Promise<number | null>((resolve) => {
            // Not spawnSync: it would block the event loop this server answers on.
            const child = spawn(
              process.execPath,
              [path.join(deployDir, 'docker', healthcheckScript), probe],
              { env: { PORT: port }, stdio: 'ignore' },
            );
            child.on('exit', resolve);
          });
        expect(await run(health.liveness)).toBe(0);
        expect(await run(health.readiness)).toBe(1);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      expect(
        spawnSync(process.execPath, [path.join(deployDir, 'docker', healthcheckScript)], { env: {} }).status,
      ).toBe(1);
    });
  });
});
