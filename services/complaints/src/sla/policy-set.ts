// Loading a policy file (every bad field reported with its path) and choosing the policy for a complaint.
import type { z } from 'zod';
import {
  type Calendar,
  type Policy,
  type PolicyFile,
  policyFileSchema,
  REGIMES,
  type Regime,
} from './policy.js';
import { calendarRegions, knowsRegion } from './regions.js';

export interface PolicyIssue {
  /** Like `policies[0].calendar.timeZone`; empty for the file itself. */
  path: string;
  message: string;
}

/** A policy file (or a lookup in one) is unusable; `issues` names every problem found. */
export class SlaPolicyError extends Error {
  readonly kind = 'sla_policy_invalid';
  constructor(
    message: string,
    readonly issues: readonly PolicyIssue[] = [],
  ) {
    super(
      issues.length === 0
        ? message
        : `${message}:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
    );
    this.name = 'SlaPolicyError';
  }
}

export interface PolicySet {
  readonly policies: readonly Policy[];
  readonly defaults: PolicyFile['defaults'];
}

/** Validates a parsed policy file. Throws SlaPolicyError listing every bad field. */
export function loadPolicies(json: unknown, source = 'SLA policy file'): PolicySet {
  const parsed = policyFileSchema.safeParse(json);
  const issues = [...(parsed.success ? [] : flatten(parsed.error.issues, [])), ...crossCheck(json)];
  if (!parsed.success || issues.length > 0) {
    throw new SlaPolicyError(`${source} is invalid`, dedupe(issues));
  }
  const { calendars, policies, defaults } = parsed.data;
  const set = {
    defaults,
    policies: policies.map((p) => ({
      ...p,
      // crossCheck guarantees the reference exists.
      calendar: typeof p.calendar === 'string' ? (calendars[p.calendar] as Calendar) : p.calendar,
    })),
  };
  if (defaults.region !== undefined && !someCalendarKnows(set, defaults.region)) {
    throw new SlaPolicyError(`${source} is invalid`, [
      { path: 'defaults.region', message: unknownDefaultRegion(set, defaults.region) },
    ]);
  }
  return set;
}

const someCalendarKnows = (set: PolicySet, region: string): boolean =>
  set.policies.some((p) => knowsRegion(p.calendar, region));

const unknownDefaultRegion = (set: PolicySet, region: string): string =>
  `no policy's calendar knows region ${region} (known: ${
    [...new Set(set.policies.flatMap((p) => calendarRegions(p.calendar)))].sort().join(', ') || 'none'
  })`;

/**
 * The set with `region` as the default region of filings that name none (`SLA_DEFAULT_REGION`);
 * undefined keeps the file's. Throws SlaPolicyError when no policy's calendar knows it.
 */
export function withDefaultRegion(
  set: PolicySet,
  region: string | undefined,
  source = 'SLA_DEFAULT_REGION',
): PolicySet {
  if (region === undefined) return set;
  if (!someCalendarKnows(set, region)) {
    throw new SlaPolicyError(`${source} is invalid`, [
      { path: source, message: unknownDefaultRegion(set, region) },
    ]);
  }
  return { ...set, defaults: { ...set.defaults, region } };
}

/** The exact policy version recorded on a complaint at filing. */
export function findPolicy(set: PolicySet, id: string, version: number): Policy {
  const policy = set.policies.find((p) => p.id === id && p.version === version);
  if (!policy) throw new SlaPolicyError(`SLA policy ${id} v${version} is not configured`);
  return policy;
}

export interface PolicySelector {
  receivedAt: Date;
  regime?: Regime;
  category?: string;
  channel?: string;
}

/**
 * The policy in force for a new complaint: the first matching category/channel rule, else the
 * regime's default, else the default policy; then its highest version effective at `receivedAt`.
 */
export function selectPolicy(set: PolicySet, selector: PolicySelector): Policy {
  const { rules, byRegime, policy: fallback } = set.defaults;
  const rule = rules.find(
    (r) =>
      (r.category === undefined || r.category === selector.category) &&
      (r.channel === undefined || r.channel === selector.channel),
  );
  const id = rule?.policy ?? (selector.regime ? byRegime[selector.regime] : undefined) ?? fallback;
  const inForce = set.policies
    .filter(
      (p) =>
        p.id === id && (!p.effectiveFrom || Date.parse(p.effectiveFrom) <= selector.receivedAt.getTime()),
    )
    .sort((a, b) => b.version - a.version)[0];
  if (!inForce) {
    throw new SlaPolicyError(
      `no version of SLA policy ${id} is in force at ${selector.receivedAt.toISOString()}`,
    );
  }
  return inForce;
}

type Segment = PropertyKey;

function formatPath(path: readonly Segment[]): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/**
 * zod reports a failed union as one opaque issue. When one branch merely had the wrong type at its
 * root (a name instead of an inline calendar), the other branch's issues are the useful ones.
 */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly Segment[]): PolicyIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const relevant = issue.errors.filter(
        (b) => !b.every((i) => i.code === 'invalid_type' && i.path.length === 0),
      );
      if (relevant.length > 0) return relevant.flatMap((branch) => flatten(branch, path));
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
}

function dedupe(issues: PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * References between parts of the file. Runs on the raw input, defensively, so these problems are
 * reported together with the field errors rather than after they are fixed.
 */
function crossCheck(json: unknown): PolicyIssue[] {
  const file = record(json);
  const calendars = record(file.calendars);
  const issues: PolicyIssue[] = [];
  const firstSeen = new Map<string, number>();
  const regimesById = new Map<string, Set<unknown>>();

  list(file.policies).forEach((raw, i) => {
    const p = record(raw);
    if (typeof p.id !== 'string') return;
    const key = `${p.id} v${String(p.version)}`;
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) {
      issues.push({ path: `policies[${i}]`, message: `duplicate policy ${key} (also policies[${earlier}])` });
    } else firstSeen.set(key, i);
    const regimes = regimesById.get(p.id) ?? new Set();
    regimes.add(record(p.regulatory).regime ?? 'none');
    regimesById.set(p.id, regimes);
    if (typeof p.calendar === 'string' && !(p.calendar in calendars)) {
      issues.push({ path: `policies[${i}].calendar`, message: `unknown calendar "${p.calendar}"` });
    }
  });

  const known = (id: unknown, path: string): boolean => {
    if (typeof id !== 'string' || regimesById.has(id)) return true;
    issues.push({ path, message: `unknown policy "${id}"` });
    return false;
  };
  const defaults = record(file.defaults);
  known(defaults.policy, 'defaults.policy');
  for (const [regime, id] of Object.entries(record(defaults.byRegime))) {
    const path = `defaults.byRegime.${regime}`;
    if (known(id, path) && typeof id === 'string' && (REGIMES as readonly string[]).includes(regime)) {
      if (!regimesById.get(id)?.has(regime)) {
        issues.push({ path, message: `policy "${id}" does not use the ${regime} regime` });
      }
    }
  }
  list(defaults.rules).forEach((rule, i) => {
    known(record(rule).policy, `defaults.rules[${i}].policy`);
  });
  return issues;
}
