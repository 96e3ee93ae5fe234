import type { Audience, ComplaintEvent, Customer } from '@chp/contracts';
import type { DirectoryEntry } from '../directory/index.js';
import type { ResolutionLinks, TemplateInput, TemplateName } from '../templates/index.js';
import { type AlertRoutes, breachRecipients, escalationRecipients } from './alert-routes.js';

/** The resolution the links of a resolution recorded before links were bound name: none. */
export const UNBOUND_RESOLUTION_ID = '00000000-0000-0000-0000-000000000000';

/** Why nothing was sent; recorded in the sent log. */
export type SkipReason = 'no_email' | 'opted_out' | 'no_alert_route';

/** One message to send, or a recorded reason for not sending it. */
export type Planned =
  | {
      kind: 'send';
      template: TemplateName;
      recipient: string;
      audience: Audience;
      input: TemplateInput;
      language: string | undefined;
      timeZone: string;
    }
  | { kind: 'skip'; template: TemplateName; recipient: string; audience: Audience; reason: SkipReason };

export interface PlanSettings {
  alertRoutes: AlertRoutes;
  /** Zone for customers without one, and for staff alerts. */
  defaultTimeZone: string;
  staffLanguage: string;
  /** Signed accept/reject/survey links for a resolution. */
  resolutionLinks: (args: {
    complaintId: string;
    reference: string;
    /** The resolution the links act on (its `ComplaintResolved`'s id). */
    resolutionId: string;
    language: string;
    resolvedAt: string;
  }) => ResolutionLinks;
}

/** What one event needs: the customer's complaint (unknown until `ComplaintFiled` was seen). */
export type PlanResult = { kind: 'planned'; messages: Planned[] } | { kind: 'unknown_complaint' };

type CustomerTemplateInput = Extract<TemplateInput, { customerName: string }>;
type WithoutCustomerBase<T> = T extends unknown
  ? Omit<T, 'reference' | 'complaintId' | 'customerName'>
  : never;

function toCustomer(
  entry: DirectoryEntry,
  content: WithoutCustomerBase<CustomerTemplateInput>,
  settings: PlanSettings,
): Planned {
  const customer: Customer = entry.customer;
  const template = content.template;
  if (customer.email === undefined)
    return { kind: 'skip', template, recipient: '', audience: 'customer', reason: 'no_email' };
  const recipient = customer.email.toLowerCase();
  if (customer.notificationsOptOut === true) {
    return { kind: 'skip', template, recipient, audience: 'customer', reason: 'opted_out' };
  }
  return {
    kind: 'send',
    template,
    recipient,
    audience: 'customer',
    input: {
      ...content,
      reference: entry.reference,
      complaintId: entry.complaintId,
      customerName: customer.name,
    } as TemplateInput,
    language: customer.preferredLanguage,
    timeZone: customer.timeZone ?? settings.defaultTimeZone,
  };
}

function toStaff(recipients: string[], input: TemplateInput, settings: PlanSettings): Planned[] {
  if (recipients.length === 0) {
    return [
      { kind: 'skip', template: input.template, recipient: '', audience: 'staff', reason: 'no_alert_route' },
    ];
  }
  return recipients.map((recipient) => ({
    kind: 'send',
    template: input.template,
    recipient,
    audience: 'staff',
    input,
    language: settings.staffLanguage,
    timeZone: settings.defaultTimeZone,
  }));
}

/**
 * Decides what an event sends, to whom, in which language and zone. Pure: the directory entry
 * (the complaint as filed) is looked up by the caller; `ComplaintFiled` carries its own.
 */
export function plan(
  event: ComplaintEvent,
  complaintId: string,
  entry: DirectoryEntry | undefined,
  settings: PlanSettings,
): PlanResult {
  const planned = (messages: Planned[]): PlanResult => ({ kind: 'planned', messages });
  if (event.type === 'ComplaintFiled') {
    const d = event.data;
    const filed: DirectoryEntry = {
      complaintId,
      reference: d.reference,
      customer: d.customer,
      team: entry?.team,
    };
    return planned([
      toCustomer(
        filed,
        {
          template: 'complaint-acknowledgement',
          subject: d.subject,
          description: d.description,
          ...(d.deadlines.first_response ? { firstResponseBy: d.deadlines.first_response } : {}),
          ...(() => {
            const resolveBy = d.deadlines.resolve ?? d.deadlines.regulatory_final_response;
            return resolveBy ? { resolveBy } : {};
          })(),
        },
        settings,
      ),
    ]);
  }
  if (!isNotifying(event)) return planned([]);
  if (!entry) return { kind: 'unknown_complaint' };
  const base = { reference: entry.reference, complaintId: entry.complaintId };
  switch (event.type) {
    case 'CustomerInformationRequested':
      return planned([
        toCustomer(
          entry,
          {
            template: 'information-request',
            question: event.data.question,
            ...(event.data.respondBy ? { respondBy: event.data.respondBy } : {}),
          },
          settings,
        ),
      ]);
    case 'ComplaintResolved': {
      const links = settings.resolutionLinks({
        ...base,
        // A resolution recorded before links were bound has no id: its links name the nil UUID,
        // which no resolution has, so they show the expired page rather than act on a later one.
        resolutionId: event.data.resolutionId ?? UNBOUND_RESOLUTION_ID,
        language: entry.customer.preferredLanguage,
        resolvedAt: event.data.at,
      });
      const d = event.data;
      return planned([
        toCustomer(
          entry,
          { template: 'resolution', summary: d.summary, outcome: d.outcome, remedies: d.remedies, links },
          settings,
        ),
      ]);
    }
    case 'ComplaintClosed':
      return planned([toCustomer(entry, { template: 'closed-no-response' }, settings)]);
    case 'ComplaintReopened': {
      const resolveBy = event.data.deadlines?.resolve ?? event.data.deadlines?.regulatory_final_response;
      return planned([
        toCustomer(entry, { template: 'reopened', ...(resolveBy ? { resolveBy } : {}) }, settings),
      ]);
    }
    case 'HoldingReplySent':
      return planned([
        toCustomer(
          entry,
          { template: 'holding-reply', reason: event.data.reason, finalResponseBy: event.data.dueAt },
          settings,
        ),
      ]);
    case 'ComplaintEscalated': {
      const d = event.data;
      const recipients = escalationRecipients(settings.alertRoutes, d.level, [d.to, entry.team]);
      const input: TemplateInput = {
        template: 'escalation-alert',
        ...base,
        level: d.level,
        reason: d.reason,
        to: d.to,
        ...(d.note ? { note: d.note } : {}),
      };
      return planned(toStaff(recipients, input, settings));
    }
    case 'SlaBreached': {
      const d = event.data;
      const recipients = breachRecipients(settings.alertRoutes, [entry.team]);
      const input: TemplateInput = {
        template: 'sla-breach-alert',
        ...base,
        target: d.target,
        dueAt: d.dueAt,
        breachedAt: d.at,
      };
      return planned(toStaff(recipients, input, settings));
    }
  }
}

export type Notifying = Extract<
  ComplaintEvent,
  {
    type:
      | 'CustomerInformationRequested'
      | 'ComplaintResolved'
      | 'ComplaintClosed'
      | 'ComplaintReopened'
      | 'HoldingReplySent'
      | 'ComplaintEscalated'
      | 'SlaBreached';
  }
>;

/** Whether the event may send anything after its filing (the handler looks up the complaint only then). */
export function isNotifying(event: ComplaintEvent): event is Notifying {
  switch (event.type) {
    case 'CustomerInformationRequested':
    case 'ComplaintResolved':
    case 'ComplaintReopened':
    case 'HoldingReplySent':
    case 'ComplaintEscalated':
    case 'SlaBreached':
      return true;
    case 'ComplaintClosed':
      // Only a close for no response tells the customer; other closes follow their own message.
      return event.data.reason === 'no_response';
    default:
      return false;
  }
}
