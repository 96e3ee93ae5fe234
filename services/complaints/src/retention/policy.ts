import { type RegulatoryRegime, regulatoryRegimes } from '@chp/contracts';
import { parseDuration } from '@chp/platform';
import { endedAt, type FiledComplaint, hasEnded } from '../complaint/index.js';

const DAY = 86_400_000;

/** How long a complaint's personal data is kept after it ended (closed, withdrawn, dismissed), per regime. */
export interface RetentionPolicy {
  byRegime: Partial<Record<RegulatoryRegime, number>>;
  /** Complaints under no regime, and regimes not named. */
  defaultMs: number;
}

/**
 * The default, `RETENTION_POLICY`'s: FCA DISP and CFPB 3 years (DISP 1.9.1 asks for at least
 * three), PSD2 5 years, anything else 6 years (a common limitation period). Not legal advice:
 * set it to what the firm's lawyers say.
 */
export const DEFAULT_RETENTION_POLICY = 'fca_disp=1096d,psd2=1827d,cfpb=1096d,default=2192d';

/** `regime=<duration>,…,default=<duration>` (durations as elsewhere: `1096d`). Throws naming the bad entry. */
export function parseRetentionPolicy(text: string): RetentionPolicy {
  const byRegime: Partial<Record<RegulatoryRegime, number>> = {};
  let defaultMs: number | undefined;
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')) {
    const [name, value] = entry.split('=').map((part) => part.trim());
    const ms = value === undefined ? undefined : parseDuration(value);
    if (name === undefined || ms === undefined || ms < DAY) {
      throw new RangeError(
        `retention entry "${entry}": expected <regime>=<duration of at least 1d>, like fca_disp=1096d`,
      );
    }
    if (name === 'default') defaultMs = ms;
    else if ((regulatoryRegimes as readonly string[]).includes(name)) byRegime[name as RegulatoryRegime] = ms;
    else
      throw new RangeError(
        `retention entry "${entry}": unknown regime ${name} (${regulatoryRegimes.join(', ')}, default)`,
      );
  }
  if (defaultMs === undefined) throw new RangeError('the retention policy needs a default=<duration> entry');
  return { byRegime, defaultMs };
}

/** When a complaint's retention runs out: undefined while it has not ended. */
export function retainedUntil(complaint: FiledComplaint, policy: RetentionPolicy): Date | undefined {
  if (!hasEnded(complaint)) return undefined;
  const ended = endedAt(complaint);
  if (ended === undefined) return undefined;
  const regime = complaint.sla.regulatoryRegime;
  const keep = (regime === undefined ? undefined : policy.byRegime[regime]) ?? policy.defaultMs;
  return new Date(Date.parse(ended) + keep);
}

export type RetentionVerdict = { due: true; reason: string } | { due: false; why: string };

/**
 * Whether a customer's personal data is due for erasure: every complaint of theirs (the key is
 * theirs, not one complaint's) has ended and outlived its retention, none is under a legal hold,
 * and not all are erased already.
 */
export function retentionVerdict(
  complaints: readonly FiledComplaint[],
  now: Date,
  policy: RetentionPolicy,
): RetentionVerdict {
  if (complaints.length === 0) return { due: false, why: 'no complaint' };
  if (complaints.every((c) => c.personalDataErasedAt !== undefined))
    return { due: false, why: 'already erased' };
  if (complaints.some((c) => c.legalHold !== undefined))
    return { due: false, why: 'a legal hold is in force' };
  let latest = 0;
  for (const complaint of complaints) {
    const until = retainedUntil(complaint, policy);
    if (until === undefined) return { due: false, why: 'a complaint of the customer has not ended' };
    latest = Math.max(latest, until.getTime());
  }
  if (latest > now.getTime()) return { due: false, why: `retained until ${new Date(latest).toISOString()}` };
  return {
    due: true,
    reason: `Retention policy: kept until ${new Date(latest).toISOString()} after the customer's complaints ended`,
  };
}
