// The customer's acts (a response, an acceptance, a rejection, a satisfaction score) and who may
// record them: the customer through a link or a reply, or staff on their behalf with a source.
import type {
  AcceptResolution,
  ComplaintCommand,
  LinkResolution,
  RecordCustomerResponse,
  RecordSatisfaction,
  RejectResolution,
} from '@chp/contracts';
import { violation } from './decision.js';
import { rules } from './errors.js';
import type { ComplaintState, FiledComplaint } from './state.js';

type CustomerAct = RecordCustomerResponse | AcceptResolution | RejectResolution | RecordSatisfaction;

const STAFF_ROLES: readonly string[] = ['agent', 'supervisor', 'admin'];

/** Staff recording an act of the customer's; the customer (links), channels and services act as themselves. */
export const onBehalf = (command: ComplaintCommand): boolean =>
  STAFF_ROLES.includes(command.metadata.actor.role);

/**
 * Staff record the customer's acts only with the source they learned them from (`by phone`), so that
 * a record never passes an agent's word off as the customer's own.
 */
export function requireSource(command: CustomerAct, state: FiledComplaint): void {
  if (onBehalf(command) && command.data.source === undefined) {
    throw violation(command, state, rules.sourceRequired, `recorded by ${command.metadata.actor.role}`);
  }
}

/**
 * A command through a customer link names the resolution the link was sent for: it acts on that
 * resolution only, while its links stand. A later resolution supersedes the link; a revocation ends it.
 */
export function requireLiveLink(
  command: AcceptResolution | RejectResolution | RecordSatisfaction,
  state: FiledComplaint,
): void {
  const { resolutionId } = command.data;
  if (resolutionId === undefined) return;
  const resolution = state.resolution;
  if (resolution?.id !== resolutionId) {
    throw violation(command, state, rules.linkSuperseded, `sent for resolution ${resolutionId}`);
  }
  if (resolution.linksRevokedAt !== undefined) {
    throw violation(command, state, rules.linkRevoked, `revoked ${resolution.linksRevokedAt}`);
  }
}

/**
 * What a customer link for `resolutionId` acts on, by the rule of {@link requireLiveLink}: the
 * resolution's summary, outcome and remedies while the link stands, and only its status otherwise.
 */
export function linkResolutionOf(state: ComplaintState, resolutionId: string): LinkResolution {
  if (state.status === 'none') return { status: 'unknown' };
  const resolution = state.resolution;
  if (resolution?.id !== resolutionId) return { status: 'superseded' };
  if (resolution.linksRevokedAt !== undefined) return { status: 'revoked' };
  const { summary, outcome, remedies } = resolution;
  return { status: 'live', summary, outcome, remedies };
}
