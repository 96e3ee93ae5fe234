/**
 * English, the fallback language. ICU MessageFormat: `{name}` is a value, `select` and `plural`
 * choose wording. Every other locale must define exactly these keys (the type checks it).
 */
export const en = {
  greeting: 'Dear {name},',
  signOff: 'Kind regards,\nCustomer Care',
  referenceLabel: 'Reference',
  replyHint:
    'To reply, answer this email and keep [{reference}] in the subject line so that your message reaches your case.',

  ackSubject: 'We have received your complaint',
  ackIntro:
    'Thank you for telling us about “{subject}”. We have registered your complaint under the reference {reference}.',
  ackFirstResponse: 'A member of our team will contact you by {date}.',
  ackResolveBy: 'We will send you our final response by {date}.',
  ackDescriptionLabel: 'What you told us',
  ackNext:
    'What happens next: a specialist reviews your complaint, may ask you for more information, and then tells you the outcome and what we will do to put things right.',

  infoSubject: 'We need more information about your complaint',
  infoIntro: 'To continue with your complaint {reference} we need your answer to this question:',
  infoRespondBy: 'Please answer by {date}. Until we hear from you, our work on your complaint is paused.',
  infoHowToAnswer:
    'Reply to this email with your answer and any documents, keeping [{reference}] in the subject line.',

  resolvedSubject: 'Our decision on your complaint',
  resolvedIntro: 'We have finished looking into your complaint {reference}.',
  resolvedOutcome:
    '{outcome, select, upheld {We uphold your complaint.} partially_upheld {We partly uphold your complaint.} other {We do not uphold your complaint.}}',
  resolvedRemedies: 'To put things right we offer:',
  remedy:
    '{type, select, refund {A refund of {amount}} compensation {Compensation of {amount}} replacement {A replacement} repair {A repair} apology {Our apology} other {Another remedy}}',
  resolvedDecide: 'Please tell us whether you accept this decision. The links below work until {date}.',
  resolvedAccept: 'I accept the decision',
  resolvedReject: 'I do not accept the decision',
  resolvedSurvey: 'Tell us how we did (a two-minute survey)',

  closedSubject: 'Your complaint has been closed',
  closedBody:
    'We have closed your complaint {reference} because we did not hear back from you. If you still need help, reply to this email.',

  reopenedSubject: 'Your complaint has been reopened',
  reopenedBody: 'We have reopened your complaint {reference} and are working on it again.',

  holdingSubject: 'We need more time for our final response',
  holdingIntro:
    'We are sorry that we cannot give you our final response to your complaint {reference} within 15 business days.',
  holdingReasonLabel: 'Why we need more time',
  holdingFinalBy: 'You will receive our final response by {date} at the latest.',

  escalatedSubject: 'Escalation level {level}: complaint {reference}',
  escalatedBody:
    'Complaint {reference} was escalated to level {level} ({reason, select, sla_breach {a missed deadline} customer_request {at the customer’s request} severity {because of its severity} reopened {after reopening} other {manually}}) and now rests with {to}.',
  escalatedNoteLabel: 'Note',
  complaintIdLabel: 'Complaint id',

  breachedSubject: 'Deadline missed: complaint {reference}',
  breachedBody:
    'The {target, select, acknowledge {acknowledgement} first_response {first response} resolve {resolution} regulatory_summary_resolution {regulatory summary resolution} other {regulatory final response}} deadline of complaint {reference} passed on {date}; it is overdue by {hours, plural, one {# hour} other {# hours}}.',

  portalSubject: 'Your link to follow your complaint',
  portalIntro: 'You asked to see your complaint {reference} online. Open it with this link:',
  portalOpen: 'Open my complaint',
  portalExpires: 'The link works once, until {date}. After that, ask for a new one on our website.',
  portalIgnore:
    'If you did not ask for this link, you can ignore this email: nobody can see your complaint without it.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;
