import type { Formatter } from './format.js';
import type { Block, MessageModel, TemplateInputOf, TemplateName } from './model.js';

type Builder<T extends TemplateName> = (input: TemplateInputOf<T>, f: Formatter) => MessageModel;

const referenceFact = (f: Formatter, reference: string): Block => ({
  facts: [{ label: f.t('referenceLabel'), value: reference }],
});
// Customer subjects carry `[C-…]` so that replies thread onto the complaint in intake.
const customerSubject = (reference: string, subject: string) => `[${reference}] ${subject}`;
const customerFrame = (f: Formatter, name: string) => ({
  greeting: f.t('greeting', { name }),
  signOff: f.t('signOff'),
});
const when = <T>(value: T | undefined, block: (value: T) => Block): Block[] =>
  value === undefined ? [] : [block(value)];

/** One function per template: the content, in the formatter's language. */
export const builders: { [T in TemplateName]: Builder<T> } = {
  'complaint-acknowledgement': (input, f) => ({
    subject: customerSubject(input.reference, f.t('ackSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [
      { p: f.t('ackIntro', { subject: input.subject, reference: input.reference }) },
      referenceFact(f, input.reference),
      ...when(input.firstResponseBy, (at) => ({ p: f.t('ackFirstResponse', { date: f.dateTime(at) }) })),
      ...when(input.resolveBy, (at) => ({ p: f.t('ackResolveBy', { date: f.dateTime(at) }) })),
      { quote: input.description, label: f.t('ackDescriptionLabel') },
      { p: f.t('ackNext') },
      { p: f.t('replyHint', { reference: input.reference }) },
    ],
  }),
  'information-request': (input, f) => ({
    subject: customerSubject(input.reference, f.t('infoSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [
      { p: f.t('infoIntro', { reference: input.reference }) },
      { quote: input.question },
      ...when(input.respondBy, (at) => ({ p: f.t('infoRespondBy', { date: f.dateTime(at) }) })),
      { p: f.t('infoHowToAnswer', { reference: input.reference }) },
      referenceFact(f, input.reference),
    ],
  }),
  resolution: (input, f) => ({
    subject: customerSubject(input.reference, f.t('resolvedSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [
      { p: f.t('resolvedIntro', { reference: input.reference }) },
      { p: f.t('resolvedOutcome', { outcome: input.outcome }) },
      { quote: input.summary },
      ...(input.remedies.length === 0
        ? []
        : [
            { p: f.t('resolvedRemedies') },
            {
              list: input.remedies.map((remedy) => {
                const amount =
                  'amount' in remedy ? f.money(remedy.amount.amount, remedy.amount.currency) : '';
                const head = f.t('remedy', { type: remedy.type, amount });
                return remedy.description ? `${head}: ${remedy.description}` : head;
              }),
            },
          ]),
      { p: f.t('resolvedDecide', { date: f.dateTime(input.links.expiresAt) }) },
      {
        links: [
          { label: f.t('resolvedAccept'), url: input.links.accept },
          { label: f.t('resolvedReject'), url: input.links.reject },
        ],
      },
      { links: [{ label: f.t('resolvedSurvey'), url: input.links.survey }] },
      { p: f.t('replyHint', { reference: input.reference }) },
    ],
  }),
  'closed-no-response': (input, f) => ({
    subject: customerSubject(input.reference, f.t('closedSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [{ p: f.t('closedBody', { reference: input.reference }) }, referenceFact(f, input.reference)],
  }),
  reopened: (input, f) => ({
    subject: customerSubject(input.reference, f.t('reopenedSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [
      { p: f.t('reopenedBody', { reference: input.reference }) },
      ...when(input.resolveBy, (at) => ({ p: f.t('ackResolveBy', { date: f.dateTime(at) }) })),
      { p: f.t('replyHint', { reference: input.reference }) },
    ],
  }),
  'holding-reply': (input, f) => ({
    subject: customerSubject(input.reference, f.t('holdingSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [
      { p: f.t('holdingIntro', { reference: input.reference }) },
      { quote: input.reason, label: f.t('holdingReasonLabel') },
      { p: f.t('holdingFinalBy', { date: f.dateTime(input.finalResponseBy) }) },
      { p: f.t('replyHint', { reference: input.reference }) },
      referenceFact(f, input.reference),
    ],
  }),
  'escalation-alert': (input, f) => ({
    subject: f.t('escalatedSubject', { level: input.level, reference: input.reference }),
    blocks: [
      {
        p: f.t('escalatedBody', {
          reference: input.reference,
          level: input.level,
          reason: input.reason,
          to: input.to,
        }),
      },
      ...when(input.note, (note) => ({ quote: note, label: f.t('escalatedNoteLabel') })),
      {
        facts: [
          { label: f.t('referenceLabel'), value: input.reference },
          { label: f.t('complaintIdLabel'), value: input.complaintId },
        ],
      },
    ],
  }),
  'sla-breach-alert': (input, f) => {
    const overdueMs = Date.parse(input.breachedAt) - Date.parse(input.dueAt);
    const hours = Math.max(0, Math.floor(overdueMs / 3_600_000));
    return {
      subject: f.t('breachedSubject', { reference: input.reference }),
      blocks: [
        {
          p: f.t('breachedBody', {
            target: input.target,
            reference: input.reference,
            date: f.dateTime(input.dueAt),
            hours,
          }),
        },
        {
          facts: [
            { label: f.t('referenceLabel'), value: input.reference },
            { label: f.t('complaintIdLabel'), value: input.complaintId },
          ],
        },
      ],
    };
  },
  'portal-link': (input, f) => ({
    subject: customerSubject(input.reference, f.t('portalSubject')),
    ...customerFrame(f, input.customerName),
    blocks: [
      { p: f.t('portalIntro', { reference: input.reference }) },
      { links: [{ label: f.t('portalOpen'), url: input.url }] },
      { p: f.t('portalExpires', { date: f.dateTime(input.expiresAt) }) },
      { p: f.t('portalIgnore') },
      referenceFact(f, input.reference),
    ],
  }),
};
