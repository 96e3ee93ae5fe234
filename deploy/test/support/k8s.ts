// Reading Kubernetes manifests into Deployments: env from `env`, `envFrom` and `valueFrom`
// (ConfigMaps and Secrets looked up in the same manifests), ports, probes and the Services in front.

import type { Deployment, ProbeKind } from './deployment.js';
import { asArray, asRecord } from './files.js';
import { isAppName } from './services.js';

export interface Manifest {
  file: string;
  kind: string;
  name: string;
  body: Record<string, unknown>;
}

/** The Kubernetes objects among parsed documents (anything with `kind` and `metadata.name`). */
export function manifestsOf(file: string, documents: unknown[]): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of documents) {
    const body = asRecord(doc);
    const name = asRecord(body?.metadata)?.name;
    if (body && typeof body.kind === 'string' && typeof name === 'string') {
      out.push({ file, kind: body.kind, name, body });
    }
  }
  return out;
}

function dataOf(manifest: Manifest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(manifest.body.data) ?? {})) {
    out[key] =
      manifest.kind === 'Secret' ? Buffer.from(String(value), 'base64').toString('utf8') : String(value);
  }
  for (const [key, value] of Object.entries(asRecord(manifest.body.stringData) ?? {}))
    out[key] = String(value);
  return out;
}

function labelsMatch(
  selector: Record<string, unknown> | undefined,
  labels: Record<string, unknown>,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

const probeKinds: [string, ProbeKind][] = [
  ['livenessProbe', 'liveness'],
  ['readinessProbe', 'readiness'],
  ['startupProbe', 'startup'],
];

/**
 * Every Deployment named after a platform service (label `app.kubernetes.io/name`), with the
 * container of the same name. Ports named in probes and Services are resolved to numbers.
 */
export function k8sDeployments(manifests: Manifest[]): Deployment[] {
  const lookup = (kind: 'ConfigMap' | 'Secret', name: unknown) =>
    manifests.find((m) => m.kind === kind && m.name === name);
  const found: Deployment[] = [];
  for (const manifest of manifests.filter((m) => m.kind === 'Deployment')) {
    const template = asRecord(asRecord(manifest.body.spec)?.template);
    const podLabels = asRecord(asRecord(template?.metadata)?.labels) ?? {};
    const service = podLabels['app.kubernetes.io/name'];
    if (!isAppName(service)) continue;
    const where = `${manifest.file} Deployment ${manifest.name}`;
    const deployment: Deployment = { where, service, env: {}, ports: [], probes: [], problems: [] };
    const containers = asArray(asRecord(template?.spec)?.containers).map((c) => asRecord(c) ?? {});
    const container = containers.find((c) => c.name === service);
    if (!container) {
      deployment.problems.push(`no container named ${service}`);
      found.push(deployment);
      continue;
    }

    for (const source of asArray(container.envFrom).map((s) => asRecord(s) ?? {})) {
      for (const [field, kind] of [
        ['configMapRef', 'ConfigMap'],
        ['secretRef', 'Secret'],
      ] as const) {
        const ref = asRecord(source[field]);
        if (!ref) continue;
        const target = lookup(kind, ref.name);
        if (!target) {
          if (ref.optional !== true)
            deployment.problems.push(`envFrom ${kind} ${String(ref.name)} is not defined`);
          continue;
        }
        const prefix = typeof source.prefix === 'string' ? source.prefix : '';
        for (const [key, value] of Object.entries(dataOf(target))) deployment.env[prefix + key] = value;
      }
    }
    for (const entry of asArray(container.env).map((e) => asRecord(e) ?? {})) {
      const name = String(entry.name);
      if (entry.value !== undefined) {
        deployment.env[name] = String(entry.value);
        continue;
      }
      const from = asRecord(entry.valueFrom) ?? {};
      const keyRef = asRecord(from.configMapKeyRef) ?? asRecord(from.secretKeyRef);
      if (!keyRef) {
        // fieldRef / resourceFieldRef: known only at run time; a stand-in keeps the variable visible.
        deployment.env[name] = `<${Object.keys(from)[0] ?? 'unset'}>`;
        continue;
      }
      const kind = from.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const value = lookup(kind, keyRef.name) && dataOf(lookup(kind, keyRef.name)!)[String(keyRef.key)];
      if (value === undefined || value === '') {
        if (keyRef.optional !== true) {
          deployment.problems.push(
            `${name} refers to ${kind} ${String(keyRef.name)} key ${String(keyRef.key)}, which is not defined`,
          );
        }
        continue;
      }
      deployment.env[name] = value;
    }

    const named = new Map<string, number>();
    for (const port of asArray(container.ports).map((p) => asRecord(p) ?? {})) {
      if (typeof port.name === 'string') named.set(port.name, Number(port.containerPort));
      deployment.ports.push({
        what: `containerPort ${String(port.name ?? '')}`.trim(),
        port: Number(port.containerPort),
      });
    }
    const resolve = (port: unknown): number | string =>
      typeof port === 'string' ? (named.get(port) ?? `unknown port name "${port}"`) : Number(port);

    for (const [field, kind] of probeKinds) {
      const httpGet = asRecord(asRecord(container[field])?.httpGet);
      if (!httpGet) continue;
      deployment.probes.push({ kind, path: String(httpGet.path) });
      deployment.ports.push({ what: `${field} port`, port: resolve(httpGet.port) });
    }

    const fronting = manifests.filter(
      (m) => m.kind === 'Service' && labelsMatch(asRecord(asRecord(m.body.spec)?.selector), podLabels),
    );
    if (fronting.length === 0) deployment.problems.push('no Service selects its pods');
    for (const svc of fronting) {
      for (const port of asArray(asRecord(svc.body.spec)?.ports).map((p) => asRecord(p) ?? {})) {
        const target = port.targetPort ?? port.port;
        deployment.ports.push({ what: `Service ${svc.name} targetPort`, port: resolve(target) });
      }
    }
    found.push(deployment);
  }
  return found;
}

/** The port numbers each Service exposes, by Service name: what URLs inside the cluster may use. */
export function servicePorts(manifests: Manifest[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const svc of manifests.filter((m) => m.kind === 'Service')) {
    out.set(
      svc.name,
      asArray(asRecord(svc.body.spec)?.ports).map((p) => Number(asRecord(p)?.port)),
    );
  }
  return out;
}

/**
 * HorizontalPodAutoscalers and PodDisruptionBudgets that aim at nothing: an HPA whose target
 * Deployment does not exist, a PDB whose selector matches no pod template.
 */
export function danglingPolicies(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const workloads = manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet');
  const podLabels = workloads.map(
    (w) => asRecord(asRecord(asRecord(asRecord(w.body.spec)?.template)?.metadata)?.labels) ?? {},
  );
  for (const hpa of manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler')) {
    const target = asRecord(asRecord(hpa.body.spec)?.scaleTargetRef) ?? {};
    if (!workloads.some((w) => w.kind === target.kind && w.name === target.name)) {
      problems.push(
        `${hpa.file} HorizontalPodAutoscaler ${hpa.name}: ${String(target.kind)} ${String(target.name)} is not defined`,
      );
    }
  }
  for (const pdb of manifests.filter((m) => m.kind === 'PodDisruptionBudget')) {
    const selector = asRecord(asRecord(asRecord(pdb.body.spec)?.selector)?.matchLabels);
    if (!podLabels.some((labels) => labelsMatch(selector, labels))) {
      problems.push(`${pdb.file} PodDisruptionBudget ${pdb.name}: its selector matches no pods`);
    }
  }
  return problems;
}
