// Regulatory deadlines. They run from receipt and never pause: a regulator does not stop its clock
// while the firm waits for the customer.
import { endOfBusinessDay, endOfCalendarDay } from './calendar.js';
import type { Calendar, Regime } from './policy.js';

export const REGULATORY_TARGETS = ['summary_resolution', 'final_response'] as const;
export type RegulatoryTarget = (typeof REGULATORY_TARGETS)[number];

/** Moments that change a regulatory deadline; each counts only if set before the deadline it extends. */
export interface RegulatoryMarkers {
  /** PSD2: the firm told the customer why the complaint is exceptional (holding reply). */
  exceptional?: Date;
  /** CFPB: the company responded "in progress". */
  inProgress?: Date;
}

export interface RegulatoryDeadline {
  target: RegulatoryTarget;
  dueAt: Date;
  /** A non-binding deadline is a milestone (the FCA summary route closes); missing it is no breach. */
  binding: boolean;
  /** The rule applied, for people reading the complaint. */
  basis: string;
}

const withinDeadline = (marker: Date | undefined, due: Date): marker is Date =>
  marker !== undefined && marker.getTime() <= due.getTime();

/** The regulatory deadlines of a regime for a complaint received at `receivedAt`. */
export function regulatoryDeadlines(
  regime: Regime | 'none',
  receivedAt: Date,
  markers: RegulatoryMarkers,
  calendar: Calendar,
  region?: string,
): RegulatoryDeadline[] {
  switch (regime) {
    case 'none':
      return [];
    case 'fca_disp':
      return [
        {
          target: 'summary_resolution',
          dueAt: endOfBusinessDay(receivedAt, 3, calendar, region),
          binding: false,
          basis:
            'FCA DISP 1.5: summary resolution by close of business on the 3rd business day after receipt',
        },
        {
          target: 'final_response',
          dueAt: endOfCalendarDay(receivedAt, 56, calendar),
          binding: true,
          basis: 'FCA DISP 1.6.2: final response by the end of 8 weeks after receipt',
        },
      ];
    case 'psd2': {
      const standard = endOfBusinessDay(receivedAt, 15, calendar, region);
      const exceptional = withinDeadline(markers.exceptional, standard);
      return [
        {
          target: 'final_response',
          dueAt: exceptional ? endOfBusinessDay(receivedAt, 35, calendar, region) : standard,
          binding: true,
          basis: exceptional
            ? 'PSD2 art. 101: 35 business days after receipt (exceptional, holding reply sent)'
            : 'PSD2 art. 101: 15 business days after receipt',
        },
      ];
    }
    case 'cfpb': {
      const standard = endOfCalendarDay(receivedAt, 15, calendar);
      const inProgress = withinDeadline(markers.inProgress, standard);
      return [
        {
          target: 'final_response',
          dueAt: inProgress ? endOfCalendarDay(receivedAt, 60, calendar) : standard,
          binding: true,
          basis: inProgress
            ? 'CFPB: final response within 60 days of receipt (marked in progress)'
            : 'CFPB: response within 15 days of receipt',
        },
      ];
    }
    default: {
      const never: never = regime;
      throw new Error(`unknown regulatory regime ${String(never)}`);
    }
  }
}
