import {
  render,
  type TemplateInput,
  type TemplateLanguage,
  type TemplateName,
  templateLanguages,
  templateNames,
} from '../src/templates/index.js';
import { expectedDate } from './support/expected.js';

const reference = 'C-7KX2-9QMG';
const complaintId = '0b7e9c1e-5d7a-4c53-9a43-1f0c2d9e8a11';
const timeZone = 'Europe/Kyiv';
const links = {
  accept: 'https://intake.example/v1/customer-links/accept-token.sig',
  reject: 'https://intake.example/v1/customer-links/reject-token.sig',
  survey: 'https://intake.example/v1/customer-links/survey-token.sig',
  expiresAt: '2026-04-04T10:00:00.000Z',
};
const resolveBy = '2026-03-05T17:00:00.000Z';

const inputs: { [T in TemplateName]: Extract<TemplateInput, { template: T }> } = {
  'complaint-acknowledgement': {
    template: 'complaint-acknowledgement',
    reference,
    complaintId,
    customerName: 'Olena Kovalenko',
    subject: 'Card charged twice',
    description: 'I was charged twice.\nPlease refund one payment.',
    firstResponseBy: '2026-02-10T17:00:00.000Z',
    resolveBy,
  },
  'information-request': {
    template: 'information-request',
    reference,
    complaintId,
    customerName: 'Olena Kovalenko',
    question: 'Which card number ends the statement line?',
    respondBy: resolveBy,
  },
  resolution: {
    template: 'resolution',
    reference,
    complaintId,
    customerName: 'Olena Kovalenko',
    summary: 'The second charge was a duplicate authorisation.',
    outcome: 'upheld',
    remedies: [{ type: 'refund', amount: { amount: '49.90', currency: 'EUR' } }, { type: 'apology' }],
    links,
  },
  'closed-no-response': { template: 'closed-no-response', reference, complaintId, customerName: 'Olena' },
  reopened: { template: 'reopened', reference, complaintId, customerName: 'Olena', resolveBy },
  'holding-reply': {
    template: 'holding-reply',
    reference,
    complaintId,
    customerName: 'Olena',
    reason: 'We are waiting for the card scheme to answer our chargeback request.',
    finalResponseBy: '2026-04-02T16:00:00.000Z',
  },
  'escalation-alert': {
    template: 'escalation-alert',
    reference,
    complaintId,
    level: 2,
    reason: 'sla_breach',
    to: 'billing-supervisors',
    note: 'Customer called twice.',
  },
  'sla-breach-alert': {
    template: 'sla-breach-alert',
    reference,
    complaintId,
    target: 'resolve',
    dueAt: resolveBy,
    breachedAt: '2026-03-07T17:30:00.000Z',
  },
  'portal-link': {
    template: 'portal-link',
    reference,
    complaintId,
    customerName: 'Olena',
    url: 'https://intake.example/portal/uk/link/0b4f9c3e-7d2a-4c51-9a8e-1f2b3c4d5e6f.1775296800000.sig',
    expiresAt: '2026-04-04T10:30:00.000Z',
  },
};

const localDate = (language: TemplateLanguage, iso: string) => expectedDate(language, timeZone, iso);

/** The dates each template must show, in the customer's zone and language. */
const datesOf: { [T in TemplateName]: string[] } = {
  'complaint-acknowledgement': ['2026-02-10T17:00:00.000Z', resolveBy],
  'information-request': [resolveBy],
  resolution: [links.expiresAt],
  'closed-no-response': [],
  reopened: [resolveBy],
  'holding-reply': ['2026-04-02T16:00:00.000Z'],
  'escalation-alert': [],
  'sla-breach-alert': [resolveBy],
  'portal-link': ['2026-04-04T10:30:00.000Z'],
};
const customerTemplates = new Set<TemplateName>([
  'complaint-acknowledgement',
  'information-request',
  'resolution',
  'closed-no-response',
  'reopened',
  'holding-reply',
  'portal-link',
]);

describe.each(templateLanguages)('templates in %s', (language) => {
  it.each(templateNames)('%s has the reference, the dates and the links in both parts', (name) => {
    const message = render(inputs[name], { language, timeZone });
    expect(message.language).toBe(language);
    expect(message.subject).toContain(reference);
    if (customerTemplates.has(name)) expect(message.subject.startsWith(`[${reference}] `)).toBe(true);
    for (const part of [message.text, message.html]) {
      expect(part).toContain(reference);
      for (const iso of datesOf[name]) expect(part).toContain(localDate(language, iso));
      // An ICU placeholder left unformatted would show as {name}.
      expect(part).not.toMatch(/\{[a-z]+\}/);
    }
    expect(message.html).toContain(`<html lang="${language}">`);
    if (name === 'resolution') {
      for (const url of [links.accept, links.reject, links.survey]) {
        expect(message.text).toContain(url);
        expect(message.html).toContain(`href="${url}"`);
      }
      expect(message.text).toMatch(/49,90|49\.90/);
    }
  });

  it('is translated, not English under another flag', () => {
    if (language === 'en') return;
    for (const name of templateNames) {
      const english = render(inputs[name], { language: 'en', timeZone });
      const translated = render(inputs[name], { language, timeZone });
      expect(translated.subject).not.toBe(english.subject);
      expect(translated.text).not.toBe(english.text);
    }
  });
});

describe('rendering', () => {
  it('writes English dates in the customer zone with the zone named', () => {
    const message = render(inputs['complaint-acknowledgement'], { language: 'en', timeZone });
    expect(message.text).toContain('We will send you our final response by 5 March 2026 at 19:00 EET.');
  });

  it('falls back to English for other and unknown languages', () => {
    for (const language of ['other', 'de', undefined]) {
      const message = render(inputs['closed-no-response'], { language, timeZone });
      expect(message.language).toBe('en');
      expect(message.subject).toBe(`[${reference}] Your complaint has been closed`);
    }
  });

  it('escapes an HTML injection attempt in the description and keeps it verbatim in the text', () => {
    const attack = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';
    const message = render(
      { ...inputs['complaint-acknowledgement'], description: attack, customerName: '<b>Eve</b>' },
      { language: 'en', timeZone },
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('<img');
    expect(message.html).not.toContain('<b>Eve</b>');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(message.html).toContain('&amp; &quot;quotes&quot;');
    expect(message.text).toContain(attack);
  });

  it('uses plural forms of the language', () => {
    const breach = (hours: number) => ({
      ...inputs['sla-breach-alert'],
      breachedAt: new Date(Date.parse(resolveBy) + hours * 3_600_000).toISOString(),
    });
    expect(render(breach(1), { language: 'en', timeZone }).text).toContain('overdue by 1 hour.');
    expect(render(breach(3), { language: 'uk', timeZone }).text).toContain('3 години');
    expect(render(breach(5), { language: 'uk', timeZone }).text).toContain('5 годин');
    expect(render(breach(21), { language: 'ru', timeZone }).text).toContain('21 час.');
  });

  it('leaves out the remedies section when nothing is offered', () => {
    const message = render(
      { ...inputs.resolution, outcome: 'not_upheld', remedies: [] },
      { language: 'en', timeZone },
    );
    expect(message.text).toContain('We do not uphold your complaint.');
    expect(message.text).not.toContain('To put things right');
  });
});
