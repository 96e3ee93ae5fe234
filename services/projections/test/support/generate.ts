// A generated, deterministic history: complaints with varied channels, teams, times and outcomes,
// and the facts each was built from, so tests can compute statistics without the projection.
import { type ComplaintBuilder, EventLog } from './events.js';

export interface Facts {
  id: string;
  channel: string;
  team: string;
  receivedAt: number;
  ackAt?: number;
  resolvedAt?: number;
  firstContact?: boolean;
  reopened: boolean;
  reasons: string[];
  breached: boolean;
  score?: number;
  status: string;
}

/** A small linear congruential generator: the same seed gives the same history. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const channels = ['web', 'email', 'phone', 'branch'] as const;
const teams = ['cards', 'loans', 'online'] as const;
const reasons = ['sla_breach', 'customer_request', 'manual'] as const;

export function generateHistory(
  count: number,
  seed = 42,
  log = new EventLog(),
): { log: EventLog; facts: Facts[] } {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const facts: Facts[] = [];
  const start = Date.parse('2026-01-05T00:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const receivedAt = start + Math.floor(next() * 28 * 86_400_000);
    const channel = pick(channels);
    const team = pick(teams);
    const complaint: ComplaintBuilder = log.complaint({
      at: new Date(receivedAt).toISOString(),
      channel,
      subject: `Complaint ${i}`,
      customer: { name: `Customer ${i % 50}`, email: `c${i % 50}@example.com`, preferredLanguage: 'en' },
    });
    const f: Facts = {
      id: complaint.id,
      channel,
      team,
      receivedAt,
      reopened: false,
      reasons: [],
      breached: false,
      status: 'received',
    };
    let t = receivedAt;
    const step = () => {
      t += 60_000 + Math.floor(next() * 36 * 3_600_000);
      return new Date(t).toISOString();
    };
    complaint.add('ComplaintAssigned', { team, at: step() });
    if (next() < 0.85) {
      const at = step();
      complaint.add('ComplaintAcknowledged', { at });
      f.ackAt = Date.parse(at);
      f.status = 'acknowledged';
    }
    if (next() < 0.2) {
      complaint.add('SlaBreached', { target: 'resolve', dueAt: new Date(t).toISOString(), at: step() });
      f.breached = true;
    }
    for (const reason of reasons) {
      if (next() < 0.15) {
        complaint.add('ComplaintEscalated', { level: 1, reason, to: 'lead', at: step() });
        f.reasons.push(reason);
      }
    }
    if (next() < 0.7) {
      const firstContact = next() < 0.4;
      const at = step();
      complaint.add('ComplaintResolved', {
        summary: 'done',
        outcome: 'upheld',
        remedies: [],
        firstContact,
        at,
      });
      f.resolvedAt = Date.parse(at);
      f.firstContact = firstContact;
      f.status = 'resolved';
      if (next() < 0.2) {
        complaint.add('ComplaintReopened', { reason: 'again', at: step() });
        f.reopened = true;
        f.status = 'in_progress';
        complaint.add('ComplaintResolved', {
          summary: 'done',
          outcome: 'upheld',
          remedies: [],
          firstContact: false,
          at: step(),
        });
        f.status = 'resolved';
      }
      if (next() < 0.6) {
        const score = 1 + Math.floor(next() * 5);
        complaint.add('SatisfactionRecorded', {
          by: { id: 'customer', role: 'customer' },
          score,
          at: step(),
        });
        f.score = score;
      }
    }
    facts.push(f);
  }
  return { log, facts };
}

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lo = sorted[low] as number;
  return lo + ((sorted[high] as number) - lo) * (rank - low);
}
