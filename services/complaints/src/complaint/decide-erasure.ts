// Erasing the customer's personal data (crypto-shredding, see SECURITY.md): the decision.
import type { ComplaintEvent, EraseCustomerData, LiftLegalHold, PlaceLegalHold } from '@chp/contracts';
import { type DecideContext, stamp, violation } from './decision.js';
import { rules } from './errors.js';
import type { FiledComplaint } from './state.js';

/**
 * In any status. The application deletes the customer's key before appending; erasing again is an
 * idempotent repeat.
 */
export function eraseCustomerData(
  command: EraseCustomerData,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  if (state.personalDataErasedAt !== undefined) return [];
  if (state.legalHold !== undefined) throw violation(command, state, rules.eraseUnderLegalHold);
  return [{ type: 'CustomerDataErased', data: { ...stamp(command, context), reason: command.data.reason } }];
}

/** In any status; placing a hold on a held complaint is an idempotent repeat. */
export function placeLegalHold(
  command: PlaceLegalHold,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  if (state.legalHold !== undefined) return [];
  return [{ type: 'LegalHoldPlaced', data: { ...stamp(command, context), reason: command.data.reason } }];
}

/** Lifting a hold that is not there is an idempotent repeat. */
export function liftLegalHold(
  command: LiftLegalHold,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  if (state.legalHold === undefined) return [];
  return [{ type: 'LegalHoldLifted', data: { ...stamp(command, context), reason: command.data.reason } }];
}
