import type { ComplaintEvent } from '@chp/contracts';

const who = (by: { id: string; role: string }): string => `${by.id} (${by.role})`;
const words = (value: string): string => value.replaceAll('_', ' ');
/** Staff recorded the customer's act: say so, with the source they named, so it never reads as the customer's own. */
const behalf = (source: string | undefined): string =>
  source === undefined ? '' : ` on the customer's behalf (${source})`;
const clip = (text: string, max = 120): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** One English line for the timeline: who did what (the `at` is a column of its own). */
export function describe(event: ComplaintEvent): string {
  const { by } = event.data;
  switch (event.type) {
    case 'ComplaintFiled':
      return `${who(by)} filed ${event.data.reference} via ${words(event.data.channel)} for ${event.data.customer.name}: "${clip(event.data.subject)}" (priority ${event.data.priority})`;
    case 'ComplaintAcknowledged':
      return `${who(by)} acknowledged the complaint`;
    case 'ComplaintTriaged':
      return `${who(by)} triaged it as ${event.data.category}, priority ${event.data.priority}, severity ${event.data.severity}`;
    case 'ComplaintAssigned': {
      const agent = event.data.assigneeName ?? event.data.assigneeId;
      return `${who(by)} assigned it to team ${event.data.team}${agent ? `, agent ${agent}` : ''}`;
    }
    case 'CustomerLanguageCorrected':
      return `${who(by)} corrected the customer's language from ${event.data.previous} to ${event.data.language}`;
    case 'NoteAdded':
      return `${who(by)} added ${event.data.visibility === 'customer' ? 'a note for the customer' : 'an internal note'}: "${clip(event.data.text)}"`;
    case 'CustomerInformationRequested':
      return `${who(by)} asked the customer: "${clip(event.data.question)}" (clock paused)`;
    case 'CustomerResponded':
      return `${who(by)} recorded the customer's response via ${words(event.data.channel)}${behalf(event.data.source)}: "${clip(event.data.message)}"`;
    case 'UnverifiedResponseReceived':
      // Flagged first: not the customer's words until an agent has checked them.
      return `UNVERIFIED reply, not shown to be the customer's (${event.data.reasons.map(words).join(', ')}), from ${event.data.from} via ${words(event.data.channel)}: "${clip(event.data.message)}"`;
    case 'ComplaintEscalated':
      return `${who(by)} escalated it to level ${event.data.level} (${words(event.data.reason)}), now with ${event.data.to}`;
    case 'HoldingReplySent':
      return `${who(by)} sent a holding reply (${event.data.regime === 'psd2' ? 'PSD2' : words(event.data.regime)} exceptional case): final response now due ${event.data.dueAt} instead of ${event.data.previousDueAt}: "${clip(event.data.reason)}"`;
    case 'SlaBreached':
      return `SLA target ${words(event.data.target)} was missed (due ${event.data.dueAt}), noticed by ${who(by)}`;
    case 'ComplaintResolved':
      return `${who(by)} resolved it: ${words(event.data.outcome)}${event.data.firstContact ? ' at first contact' : ''}: "${clip(event.data.summary)}"`;
    case 'ResolutionAccepted':
      return `${who(by)} accepted the resolution${behalf(event.data.source)}`;
    case 'ResolutionRejected':
      return `${who(by)} rejected the resolution${behalf(event.data.source)}: "${clip(event.data.reason)}"`;
    case 'ComplaintReopened':
      return `${who(by)} reopened it: "${clip(event.data.reason)}"`;
    case 'ComplaintClosed':
      return `${who(by)} closed it (${words(event.data.reason)})`;
    case 'ComplaintWithdrawn':
      return `${who(by)} withdrew it${event.data.reason ? `: "${clip(event.data.reason)}"` : ''}`;
    case 'SatisfactionRecorded':
      return `${who(by)} rated the handling ${event.data.score}/5${behalf(event.data.source)}`;
    case 'CustomerLinksRevoked':
      return `${who(by)} revoked the customer links of the resolution: "${clip(event.data.reason)}"`;
    case 'ComplaintsLinked':
      return `${who(by)} linked it to ${event.data.linkedReference} (${words(event.data.relation)})`;
    case 'ComplaintsUnlinked':
      return `${who(by)} unlinked it from ${event.data.linkedReference}`;
    case 'CustomerNotified':
      return event.data.status === 'sent'
        ? `${event.data.audience === 'customer' ? 'The customer' : 'Staff'} was sent "${event.data.template}" at ${event.data.recipient}`
        : `Sending "${event.data.template}" to ${event.data.recipient} failed${event.data.permanent ? ' permanently' : ''}`;
    case 'LegalHoldPlaced':
      return `${who(by)} placed a legal hold: "${clip(event.data.reason)}"`;
    case 'LegalHoldLifted':
      return `${who(by)} lifted the legal hold: "${clip(event.data.reason)}"`;
    case 'CustomerDataErased':
      return `${who(by)} erased the customer's personal data: "${clip(event.data.reason)}"`;
    default: {
      const unknown: never = event;
      return String((unknown as { type: string }).type);
    }
  }
}
