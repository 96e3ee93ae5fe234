// Erasing the customer's personal data (crypto-shredding, see SECURITY.md): the decision.
import type { ComplaintEvent, EraseCustomerData } from '@chp/contracts';
import { type DecideContext, stamp } from './decision.js';
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
  return [{ type: 'CustomerDataErased', data: { ...stamp(command, context), reason: command.data.reason } }];
}
