// NATS in deploy/ follows the permission table of @chp/contracts (issue 22, section 1): nats.conf and
// the Helm values are generated from it, nats-server accepts the file, every service signs in with
// its own key over TLS, and nothing is published on every interface of the host.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { natsUserNames } from '@chp/contracts';
import { findOnPath } from '@chp/nats-server';
import { nkeys } from '@nats-io/transport-node';
import {
  deployNatsConfig,
  helmAuthorization,
  helmUserKeysEnv,
  natsTlsDir,
  nkeyVariable,
  seedVariable,
} from '../nats/config';
import { composeDeployments } from './support/compose.js';
import { asArray, asRecord, deployDir, readYaml } from './support/files.js';
import { k8sDeployments, manifestsOf } from './support/k8s.js';
import { appNames } from './support/services.js';

const natsConf = readFileSync(path.join(deployDir, 'nats/nats.conf'), 'utf8');
const compose = readYaml('compose.yaml').documents[0];
const composeServices = asRecord(asRecord(compose)?.services) ?? {};

describe('nats.conf', () => {
  it('is what `npm run nats-conf -w deploy` generates from the permission table', () => {
    expect(natsConf).toBe(deployNatsConfig());
  });

  it('nats-server accepts it (the one on PATH; 2.9.10 is the oldest we support)', async () => {
    const binary = await findOnPath('nats-server');
    const openssl = await findOnPath('openssl');
    if (!binary || !openssl) {
      console.log('skipped: nats-server or openssl is not on PATH');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'chp-nats-conf-'));
    try {
      const cert = spawnSync(openssl, [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=nats',
        '-keyout',
        path.join(dir, 'server.key'),
        '-out',
        path.join(dir, 'server.crt'),
      ]);
      expect(cert.status).toBe(0);
      const file = path.join(dir, 'nats.conf');
      writeFileSync(
        file,
        natsConf.replaceAll(natsTlsDir, dir).replace('/data/jetstream', path.join(dir, 'js')),
      );
      const keys = Object.fromEntries(
        natsUserNames.map((user) => [nkeyVariable(user), nkeys.createUser().getPublicKey()]),
      );
      const check = spawnSync(binary, ['-t', '-c', file], {
        env: { ...keys, PATH: process.env.PATH },
        encoding: 'utf8',
      });
      expect({ status: check.status, output: `${check.stdout}${check.stderr}`.trim() }).toEqual({
        status: 0,
        output: expect.not.stringMatching(/error|can not be found/i),
      });
      // Without a user's key it refuses to start rather than let anyone in.
      const { [nkeyVariable('intake')]: _intake, ...withoutIntake } = keys;
      const missing = spawnSync(binary, ['-t', '-c', file], {
        env: { ...withoutIntake, PATH: process.env.PATH },
        encoding: 'utf8',
      });
      expect(missing.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires TLS and has no anonymous user', () => {
    expect(natsConf).toMatch(/^tls \{/m);
    expect(natsConf).not.toMatch(/no_auth_user/);
    expect(natsConf).not.toMatch(/^\s*password:/m);
  });
});

it('SECURITY.md lists every user of the table', () => {
  const security = readFileSync(path.join(deployDir, '..', 'SECURITY.md'), 'utf8');
  for (const user of natsUserNames)
    expect({ user, listed: security.includes(`| \`${user}\` |`) }).toEqual({ user, listed: true });
});

describe('compose.yaml', () => {
  it('publishes NATS on the host loopback only', () => {
    const ports = asArray(asRecord(composeServices.nats)?.ports).map(String);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it("gives NATS every user's public key, and each service (and the console) the seed of exactly its own", () => {
    const natsEnv = asRecord(asRecord(composeServices.nats)?.environment) ?? {};
    const deployments = composeDeployments(compose);
    const publicKeyOf = (user: string) =>
      /:-(U[A-Z2-7]{55})\}/.exec(String(natsEnv[nkeyVariable(user as never)]))?.[1];
    for (const user of natsUserNames)
      expect({ user, key: publicKeyOf(user) }).toEqual({ user, key: expect.any(String) });
    for (const service of appNames) {
      const d = deployments.find((x) => x.service === service);
      // The seed comes from deploy/.env under the service's own name, with a DEV-ONLY default.
      const raw = String(asRecord(asRecord(composeServices[service])?.environment)?.NATS_NKEY_SEED);
      expect({ service, raw }).toEqual({
        service,
        raw: expect.stringMatching(new RegExp(`^\\$\\{${seedVariable(service)}:-SU[A-Z2-7]{56}\\}$`)),
      });
      const seed = d?.env.NATS_NKEY_SEED;
      const publicKey = seed ? nkeys.fromSeed(new TextEncoder().encode(seed)).getPublicKey() : undefined;
      expect({ service, publicKey }).toEqual({ service, publicKey: publicKeyOf(service) });
      expect({ service, url: d?.env.NATS_URL, ca: d?.env.NATS_TLS_CA }).toEqual({
        service,
        url: 'tls://nats:4222',
        ca: expect.stringMatching(/ca\.crt$/),
      });
    }
  });
});

describe('k8s/', () => {
  const files = [
    'intake',
    'complaints',
    'projections',
    'notifications',
    'knowledge',
    'console',
    'config',
    'secrets',
  ].map((f) => `k8s/${f}.yaml`);
  const deployments = k8sDeployments(files.flatMap((file) => manifestsOf(file, readYaml(file).documents)));

  it('each service and the console signs in with its own seed, over TLS', () => {
    for (const service of appNames) {
      const d = deployments.find((x) => x.service === service);
      expect({ service, url: d?.env.NATS_URL, ca: d?.env.NATS_TLS_CA, seed: d?.env.NATS_NKEY_SEED }).toEqual({
        service,
        url: 'tls://nats:4222',
        ca: expect.stringMatching(/ca\.crt$/),
        seed: expect.stringMatching(/^SU/),
      });
      const manifest = readFileSync(path.join(deployDir, `k8s/${service}.yaml`), 'utf8');
      expect(manifest).toContain(`key: ${seedVariable(service)}`);
    }
  });

  it("the Helm values carry the table's users, their keys from a Secret, and TLS", () => {
    const values = asRecord(readYaml('k8s/nats-values.yaml').documents[0]);
    const config = asRecord(values?.config);
    expect(asRecord(config?.merge)?.authorization).toEqual(helmAuthorization());
    expect(asRecord(values?.container)?.env).toEqual(helmUserKeysEnv());
    expect(asRecord(asRecord(config?.nats)?.tls)?.enabled).toBe(true);
  });

  it('a NetworkPolicy lets only the services, the console (and the nats-box) reach the client port', () => {
    const [policy] = readYaml('k8s/network-policy.yaml').documents.map(asRecord);
    expect(policy?.kind).toBe('NetworkPolicy');
    const clientRule = asArray(asRecord(policy?.spec)?.ingress)
      .map(asRecord)
      .find((rule) => asArray(rule?.ports).some((port) => asRecord(port)?.port === 4222));
    expect(JSON.stringify(clientRule?.from)).toContain(JSON.stringify([...appNames]));
    const kustomization = asRecord(readYaml('k8s/kustomization.yaml').documents[0]);
    expect(asArray(kustomization?.resources)).toContain('network-policy.yaml');
  });
});
