// A deterministic history for the morning view's reports, ending before `NOW`, and the facts each
// complaint was built from, tracked here without the projection, so tests compute every figure
// themselves.
import type { Remedy } from '@chp/contracts';
import { NOW } from './app.js';
import { EventLog } from './events.js';
import { random } from './generate.js';

export interface ReportFacts {
  id: string;
  receivedAt: number;
  channel: string;
  team: string | null;
  assignee: string | null;
  category: string | null;
  regime: string | null;
  open: boolean;
  awaiting: boolean;
  ackAt: number | null;
  firstResponseAt: number | null;
  due: Record<'acknowledge' | 'first_response' | 'resolve' | 'regulatory_final_response', number>;
  breachedTargets: string[];
  reasons: string[];
  concludedAt: number | null;
  outcome: string | null;
  /** Hundredths per currency, of the latest resolution. */
  redress: Record<string, number>;
  reopened: boolean;
  score: number | null;
  lastEventAt: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const channels = ['web', 'email', 'phone'] as const;
const teams = ['cards', 'loans', null] as const;
const agents = ['bob', 'eve', null] as const;
const categories = ['billing', 'fees', 'fraud', 'service'] as const;
const regimes = ['fca_disp', 'psd2', null] as const;
const reasonList = ['sla_breach', 'customer_request', 'manual'] as const;
const outcomeList = ['upheld', 'partially_upheld', 'not_upheld'] as const;
const targets = ['acknowledge', 'first_response', 'resolve', 'regulatory_final_response'] as const;

export function generateReportHistory(count: number, seed = 23): { log: EventLog; facts: ReportFacts[] } {
  const log = new EventLog();
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const end = NOW.getTime();
  const facts: ReportFacts[] = [];
  for (let i = 0; i < count; i++) {
    // Whole minutes, from 100 days before now to an hour before.
    const receivedAt = end - HOUR - Math.floor(next() * 100 * 24 * 60) * 60_000;
    // Clocks of different lengths, so some are at risk now and some not yet.
    const scale = pick([0.25, 1, 3]);
    const due = {
      acknowledge: receivedAt + scale * DAY,
      first_response: receivedAt + 3 * scale * DAY,
      resolve: receivedAt + 14 * scale * DAY,
      regulatory_final_response: receivedAt + 56 * DAY,
    };
    const channel = pick(channels);
    const regime = pick(regimes);
    const iso = (t: number) => new Date(t).toISOString();
    const c = log.complaint({
      at: iso(receivedAt),
      channel,
      subject: `Report complaint ${i}`,
      sla: { policyId: 'standard', policyVersion: 1, ...(regime ? { regulatoryRegime: regime } : {}) },
      deadlines: {
        acknowledge: iso(due.acknowledge),
        first_response: iso(due.first_response),
        resolve: iso(due.resolve),
        regulatory_final_response: iso(due.regulatory_final_response),
      },
    });
    const f: ReportFacts = {
      id: c.id,
      receivedAt,
      channel,
      team: null,
      assignee: null,
      category: null,
      regime,
      open: true,
      awaiting: false,
      ackAt: null,
      firstResponseAt: null,
      due,
      breachedTargets: [],
      reasons: [],
      concludedAt: null,
      outcome: null,
      redress: {},
      reopened: false,
      score: null,
      lastEventAt: receivedAt,
    };
    facts.push(f);
    let t = receivedAt;
    // The next event's time, or undefined when it would be after now (the history stops there).
    const step = (): number | undefined => {
      const at = t + 60_000 * (30 + Math.floor(next() * 3 * 24 * 60));
      if (at >= end) return undefined;
      t = at;
      f.lastEventAt = at;
      return at;
    };
    const run = () => {
      if (next() < 0.8) {
        const team = pick(teams);
        if (team) {
          const at = step();
          if (at === undefined) return;
          const assignee = pick(agents);
          c.add('ComplaintAssigned', {
            team,
            ...(assignee ? { assigneeId: assignee, assigneeName: `Agent ${assignee}` } : {}),
            at: iso(at),
          });
          f.team = team;
          f.assignee = assignee;
        }
      }
      if (next() < 0.7) {
        const at = step();
        if (at === undefined) return;
        c.add('ComplaintAcknowledged', { at: iso(at) });
        f.ackAt = at;
      }
      if (next() < 0.8) {
        const at = step();
        if (at === undefined) return;
        // Fraud rises in the last 30 days (the categories report's "rising").
        const category = receivedAt > end - 30 * DAY && next() < 0.3 ? 'fraud' : pick(categories);
        c.add('ComplaintTriaged', { category, priority: 'medium', severity: 'minor', at: iso(at) });
        f.category = category;
      }
      if (next() < 0.4) {
        const at = step();
        if (at === undefined) return;
        c.add('NoteAdded', {
          noteId: crypto.randomUUID(),
          text: 'We are on it',
          visibility: 'customer',
          at: iso(at),
        });
        f.firstResponseAt ??= at;
      }
      for (const target of targets) {
        if (next() < 0.12) {
          const at = step();
          if (at === undefined) return;
          c.add('SlaBreached', { target, dueAt: iso(f.due[target]), at: iso(at) });
          f.breachedTargets.push(target);
        }
      }
      for (const reason of reasonList) {
        if (next() < 0.1) {
          const at = step();
          if (at === undefined) return;
          c.add('ComplaintEscalated', { level: 1, reason, to: 'lead', at: iso(at) });
          if (!f.reasons.includes(reason)) f.reasons.push(reason);
        }
      }
      if (next() < 0.1) {
        const at = step();
        if (at === undefined) return;
        c.add('CustomerInformationRequested', {
          requestId: crypto.randomUUID(),
          question: 'Which card?',
          at: iso(at),
        });
        f.awaiting = true;
        f.firstResponseAt ??= at;
        return;
      }
      const resolve = (): boolean => {
        const at = step();
        if (at === undefined) return false;
        const outcome = pick(outcomeList);
        const remedies: Remedy[] = [];
        const redress: Record<string, number> = {};
        if (outcome !== 'not_upheld' && next() < 0.7) {
          const currency = pick(['EUR', 'GBP']);
          const cents = 100 + Math.floor(next() * 20_000);
          remedies.push({ type: 'refund', amount: { amount: (cents / 100).toFixed(2), currency } });
          redress[currency] = cents;
          if (next() < 0.3) {
            remedies.push({ type: 'compensation', amount: { amount: '25', currency } });
            redress[currency] = cents + 2500;
          }
        }
        c.add('ComplaintResolved', { summary: 'done', outcome, remedies, firstContact: false, at: iso(at) });
        f.open = false;
        f.concludedAt ??= at;
        f.outcome = outcome;
        f.redress = redress;
        f.firstResponseAt ??= at;
        return true;
      };
      if (next() < 0.65) {
        if (!resolve()) return;
        if (next() < 0.15) {
          const at = step();
          if (at === undefined) return;
          c.add('ComplaintReopened', { reason: 'not fixed', at: iso(at) });
          f.open = true;
          f.concludedAt = null;
          f.reopened = true;
          if (next() < 0.5 && !resolve()) return;
        }
        if (!f.open && next() < 0.5) {
          const at = step();
          if (at === undefined) return;
          const score = 1 + Math.floor(next() * 5);
          c.add('SatisfactionRecorded', { by: { id: 'customer', role: 'customer' }, score, at: iso(at) });
          f.score = score;
        }
        if (!f.open && next() < 0.4) {
          const at = step();
          if (at === undefined) return;
          c.add('ComplaintClosed', { reason: 'accepted', at: iso(at) });
        }
      } else if (next() < 0.1) {
        const at = step();
        if (at === undefined) return;
        c.add('ComplaintWithdrawn', { at: iso(at) });
        f.open = false;
        f.concludedAt ??= at;
      }
    };
    run();
  }
  return { log, facts };
}

/** Receipt plus `days` business days (Monday to Friday, UTC), counted the test's own way. */
export function businessDaysAfter(t: number, days: number): number {
  let at = t;
  let left = days;
  while (left > 0) {
    at += DAY;
    const weekday = new Date(at).getUTCDay();
    if (weekday >= 1 && weekday <= 5) left--;
  }
  return at;
}
