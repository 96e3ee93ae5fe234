import type { Remedy } from '@chp/contracts';

const DAY_MS = 86_400_000;

/**
 * `iso` plus `days` business days, Monday to Friday in UTC, keeping the time of day (a Saturday
 * receipt plus 3 is the Wednesday after). Regional holidays are not applied: the calendar is the
 * complaints service's, and the report line needs only to be the same for every complaint.
 */
export function addBusinessDays(iso: string, days: number): string {
  let t = Date.parse(iso);
  for (let added = 0; added < days; ) {
    t += DAY_MS;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) added++;
  }
  return new Date(t).toISOString();
}

/** Hundredths of a decimal amount string (`"25.5"` → 2550), exactly (amounts have ≤ 2 fraction digits). */
const cents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
};
const decimal = (hundredths: bigint): string =>
  `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;

/** The money a resolution pays (refunds and compensations), summed per currency, as decimal strings. */
export function redressOf(remedies: readonly Remedy[]): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const remedy of remedies) {
    if (remedy.type !== 'refund' && remedy.type !== 'compensation') continue;
    const { currency, amount } = remedy.amount;
    sums.set(currency, (sums.get(currency) ?? 0n) + cents(amount));
  }
  return Object.fromEntries(
    [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => [c, decimal(v)]),
  );
}
