// The operational and regulatory clocks of one complaint, computed from plain facts and `now`.
// The decider adapts its events to ClockInput; nothing here reads the time itself.
import { workingTimeBetween } from './calendar.js';
import { addDuration, pauseMetric } from './duration.js';
import {
  OPERATIONAL_TARGETS,
  type OperationalTarget,
  type Policy,
  type Priority,
  type SlaDuration,
} from './policy.js';
import { type RegulatoryMarkers, type RegulatoryTarget, regulatoryDeadlines } from './regulatory.js';

/** A stretch awaiting the customer; `to` is absent while it lasts. */
export interface Pause {
  from: Date;
  to?: Date;
}

export type TargetKey = `operational:${OperationalTarget}` | `regulatory:${RegulatoryTarget}`;

export interface ClockInput {
  receivedAt: Date;
  priority: Priority;
  policy: Policy;
  /** ISO 3166-2 region selecting regional holidays, e.g. GB-SCT. */
  region?: string;
  /** Pauses of the operational clock, in any order; overlaps are merged. */
  pauses?: readonly Pause[];
  markers?: RegulatoryMarkers;
  /** When each operational target was met; `resolve` (the final response) also meets the regulatory ones. */
  met?: Partial<Record<OperationalTarget, Date>>;
  /** Breaches already recorded, which nextBreach need not report again. */
  recordedBreaches?: readonly TargetKey[];
}

/**
 * on_track/at_risk: open; paused: the operational clock is stopped (dueAt assumes a resume now);
 * met: met by dueAt; breached: a binding target missed (or met late); missed: a non-binding milestone passed.
 */
export type TargetState = 'on_track' | 'at_risk' | 'paused' | 'met' | 'breached' | 'missed';

/** A length of time both elapsed and in working hours of the policy calendar. */
export interface TimeSpan {
  ms: number;
  workingMs: number;
}

export interface TargetClock {
  key: TargetKey;
  clock: 'operational' | 'regulatory';
  target: OperationalTarget | RegulatoryTarget;
  binding: boolean;
  dueAt: Date;
  state: TargetState;
  metAt?: Date;
  /** Until dueAt from now (or from metAt, when met); zero once past due. */
  remaining: TimeSpan;
  /** How late: from dueAt to metAt or now; zero unless past due. */
  overdueBy: TimeSpan;
  /** The regulatory rule applied. */
  basis?: string;
}

export interface SlaClocks {
  /** The operational clock is stopped: the complaint awaits the customer. */
  paused: boolean;
  operational: TargetClock[];
  regulatory: TargetClock[];
}

/** Sorted, merged pauses, clipped to start no earlier than `start`. */
function normalise(pauses: readonly Pause[], start: Date): Pause[] {
  const sorted = pauses
    .map((p) => ({ from: p.from < start ? start : p.from, to: p.to }))
    .filter((p) => p.to === undefined || p.to > p.from)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: Pause[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && (last.to === undefined || p.from <= last.to)) {
      last.to =
        last.to === undefined || p.to === undefined
          ? undefined
          : new Date(Math.max(p.to.getTime(), last.to.getTime()));
    } else merged.push({ ...p });
  }
  return merged;
}

/**
 * The operational due time: the target's duration from receipt, pushed out by each pause that starts
 * before it (by the paused working time for business targets). An open pause counts up to `until`.
 */
export function operationalDue(
  start: Date,
  duration: SlaDuration,
  pauses: readonly Pause[],
  until: Date,
  policy: Policy,
  region?: string,
): { dueAt: Date; paused: boolean } {
  const metric = pauseMetric(duration, policy.calendar, region);
  let dueAt = addDuration(start, duration, policy.calendar, region);
  let paused = false;
  for (const pause of normalise(pauses, start)) {
    if (pause.from >= dueAt || pause.from >= until) break;
    const to = pause.to === undefined || pause.to > until ? until : pause.to;
    paused ||= pause.to === undefined || pause.to > until;
    dueAt = metric.extend(dueAt, metric.length(pause.from, to));
  }
  return { dueAt, paused };
}

const ZERO: TimeSpan = { ms: 0, workingMs: 0 };

function judge(
  base: Pick<TargetClock, 'key' | 'clock' | 'target' | 'binding' | 'dueAt' | 'basis'>,
  metAt: Date | undefined,
  paused: boolean,
  atRiskWindow: SlaDuration,
  now: Date,
  input: ClockInput,
): TargetClock {
  const { calendar } = input.policy;
  const span = (a: Date, b: Date): TimeSpan => ({
    ms: b.getTime() - a.getTime(),
    workingMs: workingTimeBetween(a, b, calendar, input.region),
  });
  const at = metAt ?? now;
  const late = at > base.dueAt;
  const clock = { ...base, ...(metAt ? { metAt } : {}) };
  const timing = {
    remaining: late ? ZERO : span(at, base.dueAt),
    overdueBy: late ? span(base.dueAt, at) : ZERO,
  };
  if (late) return { ...clock, ...timing, state: base.binding ? 'breached' : 'missed' };
  if (metAt) return { ...clock, ...timing, state: 'met' };
  if (paused) return { ...clock, ...timing, state: 'paused' };
  const atRisk = addDuration(now, atRiskWindow, calendar, input.region) >= base.dueAt;
  return { ...clock, ...timing, state: atRisk ? 'at_risk' : 'on_track' };
}

/** The regulatory deadlines of the complaint's regime (they never pause). */
const regulatoryDeadlinesOf = (input: ClockInput) =>
  regulatoryDeadlines(
    input.policy.regulatory.regime,
    input.receivedAt,
    input.markers ?? {},
    input.policy.calendar,
    input.region,
  );

/**
 * Every target's due time at `now`: the `dueAt` of `computeClocks`, without the states and the
 * working time left or overdue (which walk the calendar and which recording deadlines does not need).
 */
export function dueTimes(input: ClockInput, now: Date): { key: TargetKey; dueAt: Date }[] {
  const { policy, receivedAt, region, met = {} } = input;
  const targets = policy.targets[input.priority];
  const operational = OPERATIONAL_TARGETS.map((target) => ({
    key: `operational:${target}` as const,
    dueAt: operationalDue(receivedAt, targets[target], input.pauses ?? [], met[target] ?? now, policy, region)
      .dueAt,
  }));
  const regulatory = regulatoryDeadlinesOf(input).map((d) => ({
    key: `regulatory:${d.target}` as const,
    dueAt: d.dueAt,
  }));
  return [...operational, ...regulatory];
}

/** Every target of the complaint at `now`: due time, state, and how much time is left or overdue. */
export function computeClocks(input: ClockInput, now: Date): SlaClocks {
  const { policy, receivedAt, region, met = {} } = input;
  const targets = policy.targets[input.priority];
  let anyPaused = false;
  const operational = OPERATIONAL_TARGETS.map((target) => {
    const metAt = met[target];
    const { dueAt, paused } = operationalDue(
      receivedAt,
      targets[target],
      input.pauses ?? [],
      metAt ?? now,
      policy,
      region,
    );
    anyPaused ||= paused && !metAt;
    const base = {
      key: `operational:${target}` as const,
      clock: 'operational' as const,
      target,
      binding: true,
      dueAt,
    };
    return judge(base, metAt, paused, policy.atRisk.operational, now, input);
  });
  const regulatory = regulatoryDeadlinesOf(input).map((d) =>
    judge(
      { ...d, key: `regulatory:${d.target}` as const, clock: 'regulatory' as const },
      met.resolve,
      false,
      policy.atRisk.regulatory,
      now,
      input,
    ),
  );
  return { paused: anyPaused, operational, regulatory };
}

export interface NextBreach {
  key: TargetKey;
  dueAt: Date;
}

/**
 * The earliest binding target that is neither met, paused, nor already recorded as breached: what a
 * monitor schedules. Its dueAt may be in the past when a breach is still to be recorded.
 */
export function nextBreach(input: ClockInput, now: Date): NextBreach | undefined {
  const { operational, regulatory } = computeClocks(input, now);
  const recorded = new Set(input.recordedBreaches ?? []);
  const open = [...operational, ...regulatory]
    .filter((t) => t.binding && t.metAt === undefined && t.state !== 'paused' && !recorded.has(t.key))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  return open ? { key: open.key, dueAt: open.dueAt } : undefined;
}
