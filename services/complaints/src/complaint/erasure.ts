// The state after `CustomerDataErased`: the customer's fields masked as the events now read.
import { type ComplaintEventOf, ERASED_TEXT, maskPersonalData } from '@chp/contracts';
import type { ComplaintFacts, FiledComplaint } from './state.js';

const erasedText = <T extends string | undefined>(value: T): T =>
  (value === undefined ? undefined : ERASED_TEXT) as T;

/**
 * The state as a fold of the events would give it after the key is deleted: the customer's fields
 * and the texts written to or by them hold their stand-ins. Counts, times, categories, outcomes and
 * deadlines stay.
 */
export function erased(state: FiledComplaint, event: ComplaintEventOf<'CustomerDataErased'>): FiledComplaint {
  if (state.personalDataErasedAt !== undefined) return state;
  const personal = {
    customer: state.customer,
    subject: state.subject,
    description: state.description,
    ...(state.desiredOutcome === undefined ? {} : { desiredOutcome: state.desiredOutcome }),
    attachments: state.attachments,
  };
  const masked = maskPersonalData('ComplaintFiled', personal).masked as Pick<
    ComplaintFacts,
    keyof typeof personal
  >;
  const next: FiledComplaint = { ...state, ...masked, personalDataErasedAt: event.data.at };
  if (next.openRequest) next.openRequest = { ...next.openRequest, question: ERASED_TEXT };
  if (next.resolution) {
    const { rejectionReason } = next.resolution;
    next.resolution = { ...next.resolution, summary: ERASED_TEXT };
    if (rejectionReason !== undefined) next.resolution.rejectionReason = erasedText(rejectionReason);
  }
  if (next.satisfaction?.comment !== undefined)
    next.satisfaction = { ...next.satisfaction, comment: ERASED_TEXT };
  if (next.withdrawal?.reason !== undefined) next.withdrawal = { ...next.withdrawal, reason: ERASED_TEXT };
  return next;
}
