// Policies for the SLA specs: the bundled file, and small policies built on its UK calendar so that
// each spec can state its own targets.
import { readFileSync } from 'node:fs';
import {
  BUNDLED_POLICIES_FILE,
  type Calendar,
  findPolicy,
  loadPolicies,
  loadPoliciesFile,
  type Policy,
} from '../src/sla/index.js';

export const bundled = loadPoliciesFile();
export const standard = findPolicy(bundled, 'standard', 1);
export const uk: Calendar = standard.calendar;

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const at = (iso: string): Date => new Date(iso);

/** The bundled file as JSON, for specs that build a policy file of their own. */
export const bundledJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(BUNDLED_POLICIES_FILE, 'utf8'));

const business = (amount: number, unit: 'business_minutes' | 'business_hours') => ({ amount, unit });

/**
 * A UK-calendar policy whose every priority has acknowledge 2, first response 6 and resolve 16
 * business hours, at risk 30 business minutes before due.
 */
const testPolicies = new Map<string, Policy>();

export function testPolicy(regime: 'none' | 'fca_disp' | 'psd2' | 'cfpb' = 'none'): Policy {
  const cached = testPolicies.get(regime);
  if (cached) return cached;
  const targets = {
    acknowledge: business(2, 'business_hours'),
    first_response: business(6, 'business_hours'),
    resolve: business(16, 'business_hours'),
  };
  const set = loadPolicies({
    calendars: { uk: (bundledJson().calendars as Record<string, unknown>).uk },
    policies: [
      {
        id: 'test',
        version: 1,
        name: 'Spec policy',
        calendar: 'uk',
        targets: { low: targets, medium: targets, high: targets, urgent: targets },
        regulatory: { regime },
        atRisk: {
          operational: business(30, 'business_minutes'),
          regulatory: { amount: 1, unit: 'business_days' },
        },
        escalation: { levels: [{ level: 1, after: business(0, 'business_minutes'), to: 'team-lead' }] },
      },
    ],
    defaults: { policy: 'test' },
  });
  const policy = findPolicy(set, 'test', 1);
  testPolicies.set(regime, policy);
  return policy;
}

/** A calendar validated through a one-policy file, for specs about unusual working hours. */
export function calendarOf(calendar: Record<string, unknown>): Calendar {
  const hour = { amount: 1, unit: 'business_hours' };
  const targets = { acknowledge: hour, first_response: hour, resolve: hour };
  const set = loadPolicies({
    policies: [
      {
        id: 'spec',
        version: 1,
        name: 'Spec calendar',
        calendar,
        targets: { low: targets, medium: targets, high: targets, urgent: targets },
        escalation: { levels: [{ level: 1, after: hour, to: 'team-lead' }] },
      },
    ],
    defaults: { policy: 'spec' },
  });
  return findPolicy(set, 'spec', 1).calendar;
}
