import type { ComplaintCommand, ComplaintEvent } from '@chp/contracts';
import { close, reopen, withdraw } from './decide-closing.js';
import { eraseCustomerData, liftLegalHold, placeLegalHold } from './decide-erasure.js';
import {
  acknowledge,
  addNote,
  assign,
  correctCustomerLanguage,
  fileComplaint,
  triage,
} from './decide-filing.js';
import {
  escalate,
  recordBreach,
  recordResponse,
  requestInformation,
  sendHoldingReply,
} from './decide-handling.js';
import { link, recordNotification, revokeCustomerLinks, unlink } from './decide-links.js';
import { acceptResolution, recordSatisfaction, rejectResolution, resolve } from './decide-resolution.js';
import type { DecideContext } from './decision.js';
import { ComplaintNotFound } from './errors.js';
import type { ComplaintState } from './state.js';

/**
 * The events a command produces, given the complaint's state. Pure: time is `context.now`, ids come
 * in the command. Returns [] for an idempotent repeat (the complaint filed again, a breach already
 * recorded, a notification already recorded, a link made twice, …). Throws `ComplaintRuleViolation`
 * for a command the rules forbid, and `ComplaintNotFound` for any command but `FileComplaint` on a
 * complaint that was never filed. Events leave as `{type, data}`; the handler adds the metadata.
 */
export function decide(
  command: ComplaintCommand,
  state: ComplaintState,
  context: DecideContext,
): ComplaintEvent[] {
  if (command.type === 'FileComplaint') return fileComplaint(command, state, context);
  if (state.status === 'none') throw new ComplaintNotFound(command.data.complaintId, command.type);
  switch (command.type) {
    case 'AcknowledgeComplaint':
      return acknowledge(command, state, context);
    case 'TriageComplaint':
      return triage(command, state, context);
    case 'AssignComplaint':
      return assign(command, state, context);
    case 'CorrectCustomerLanguage':
      return correctCustomerLanguage(command, state, context);
    case 'AddNote':
      return addNote(command, state, context);
    case 'RequestCustomerInformation':
      return requestInformation(command, state, context);
    case 'RecordCustomerResponse':
      return recordResponse(command, state, context);
    case 'EscalateComplaint':
      return escalate(command, state, context);
    case 'SendHoldingReply':
      return sendHoldingReply(command, state, context);
    case 'RecordSlaBreach':
      return recordBreach(command, state, context);
    case 'ResolveComplaint':
      return resolve(command, state, context);
    case 'AcceptResolution':
      return acceptResolution(command, state, context);
    case 'RejectResolution':
      return rejectResolution(command, state, context);
    case 'ReopenComplaint':
      return reopen(command, state, context);
    case 'CloseComplaint':
      return close(command, state, context);
    case 'WithdrawComplaint':
      return withdraw(command, state, context);
    case 'RecordSatisfaction':
      return recordSatisfaction(command, state, context);
    case 'LinkComplaints':
      return link(command, state, context);
    case 'UnlinkComplaints':
      return unlink(command, state, context);
    case 'RevokeCustomerLinks':
      return revokeCustomerLinks(command, state, context);
    case 'RecordCustomerNotification':
      return recordNotification(command, state);
    case 'EraseCustomerData':
      return eraseCustomerData(command, state, context);
    case 'PlaceLegalHold':
      return placeLegalHold(command, state, context);
    case 'LiftLegalHold':
      return liftLegalHold(command, state, context);
    default: {
      // A command added to the contracts without a case here fails to compile.
      const unhandled: never = command;
      throw new Error(`no decision for command ${(unhandled as { type: string }).type}`);
    }
  }
}
