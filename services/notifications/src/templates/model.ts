import type { EscalationReason, Outcome, Remedy, SlaTarget } from '@chp/contracts';

/** Every email the service sends, by the slug recorded in the sent log and in `CustomerNotified`. */
export const templateNames = [
  'complaint-acknowledgement',
  'information-request',
  'resolution',
  'closed-no-response',
  'reopened',
  'holding-reply',
  'escalation-alert',
  'sla-breach-alert',
  'portal-link',
] as const;
export type TemplateName = (typeof templateNames)[number];

/** Links the customer follows from a resolution email (signed, expiring). */
export interface ResolutionLinks {
  accept: string;
  reject: string;
  survey: string;
  /** When the signed links stop working. */
  expiresAt: string;
}

interface Base {
  reference: string;
  complaintId: string;
}
interface ToCustomer extends Base {
  customerName: string;
}

/** What each template needs, all instants as ISO strings; formatting happens in the renderer. */
export type TemplateInput =
  | (ToCustomer & {
      template: 'complaint-acknowledgement';
      subject: string;
      description: string;
      firstResponseBy?: string;
      resolveBy?: string;
    })
  | (ToCustomer & { template: 'information-request'; question: string; respondBy?: string })
  | (ToCustomer & {
      template: 'resolution';
      summary: string;
      outcome: Outcome;
      remedies: Remedy[];
      links: ResolutionLinks;
    })
  | (ToCustomer & { template: 'closed-no-response' })
  | (ToCustomer & { template: 'reopened'; resolveBy?: string })
  /** PSD2's holding reply: why the final response takes longer, and its new date (35 business days). */
  | (ToCustomer & { template: 'holding-reply'; reason: string; finalResponseBy: string })
  | (Base & {
      template: 'escalation-alert';
      level: number;
      reason: EscalationReason;
      to: string;
      note?: string;
    })
  | (Base & { template: 'sla-breach-alert'; target: SlaTarget; dueAt: string; breachedAt: string })
  /** The portal's one-time link to follow a complaint, asked for by the customer on intake's portal. */
  | (ToCustomer & { template: 'portal-link'; url: string; expiresAt: string });

export type TemplateInputOf<T extends TemplateName> = Extract<TemplateInput, { template: T }>;

/** One paragraph-level piece of a message; the layouts render each kind in text and HTML. */
export type Block =
  | { p: string }
  /** Text the customer (or staff) wrote, shown verbatim (escaped in HTML, line breaks kept). */
  | { quote: string; label?: string }
  | { facts: { label: string; value: string }[] }
  | { list: string[] }
  | { links: { label: string; url: string }[] };

/** A message before layout: the same content becomes the text part and the HTML part. */
export interface MessageModel {
  subject: string;
  greeting?: string;
  blocks: Block[];
  signOff?: string;
}

/** A rendered email body. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  language: string;
}
