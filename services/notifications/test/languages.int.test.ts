/**
 * Every template in every language over real SMTP: the service's consumers on a real nats-server,
 * mail accepted by `smtp-server` and parsed by `mailparser`. For every message, in both the text and
 * the HTML part: the reference, the dates in the locale and zone, the links, the language (and not
 * English under another flag), customer text escaped in HTML, and one message per Message-ID.
 *
 * Expectations are written here, not taken from the templates: phrases copied from the catalogues
 * (`src/templates/locales/*.ts`), dates formatted by Intl for the locale and zone the README names
 * (checked against local wall-clock times worked out by hand), amounts by Intl.NumberFormat.
 */
import type { ComplaintCloudEvent, Customer } from '@chp/contracts';
import { verifyCustomerLink } from '@chp/platform';
import { type ReceivedMail, waitFor } from '@chp/testing';
import { messageIdOf } from '../src/ids/index.js';
import { templateLanguages, templateNames } from '../src/templates/index.js';
import { ComplaintStory } from './support/events.js';
import { expectedDate, expectedLocales } from './support/expected.js';
import { alertRoutes, type Harness, harness, intakeUrl, linkSecret } from './support/harness.js';

const languages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
type Language = (typeof languages)[number];

const customerTemplates = [
  'complaint-acknowledgement',
  'information-request',
  'resolution',
  'closed-no-response',
  'reopened',
  'holding-reply',
] as const;
type CustomerTemplate = (typeof customerTemplates)[number];
const alertTemplates = ['escalation-alert', 'sla-breach-alert'] as const;
type AlertTemplate = (typeof alertTemplates)[number];
type Template = CustomerTemplate | AlertTemplate;

/**
 * `STAFF_LANGUAGE`: alerts are written in it whatever the customer's language, in `DEFAULT_TIME_ZONE`
 * (the harness's Europe/London). Not English, so that an alert that followed the customer's language
 * or fell back to English is told apart from one that follows the setting.
 */
const staffLanguage = 'ru' satisfies Language;
const staffZone = 'Europe/London';

const locales = expectedLocales;

/** The templates complaint events send; `portal-link` answers intake's request (portal-links.int). */
const eventTemplates = templateNames.filter((name) => name !== 'portal-link');

// The instants in the events (see support/events.ts and below).
const firstResponseBy = '2026-03-04T17:00:00.000Z';
const resolveBy = '2026-03-16T17:00:00.000Z';
const respondBy = '2026-03-09T17:00:00.000Z';
/** Resolved at 2026-03-02T10:00Z, links valid 30 days: after the European switch to summer time. */
const linksExpireAt = '2026-04-01T10:00:00.000Z';
const reopenedResolveBy = '2026-04-10T15:30:00.000Z';
const breachDueAt = '2026-04-10T15:30:00.000Z';
/** The PSD2 holding reply's final response date: after both summer-time switches. */
const finalResponseBy = '2026-04-21T16:00:00.000Z';
const breachedAt = '2026-04-10T18:30:00.000Z'; // 3 hours overdue

/**
 * The customers' zones: one without a zone (the default, Europe/London), and a Romanian speaker in
 * Toronto (North America changes to summer time on 8 March, Europe on 29 March). Next to each, the
 * local wall-clock times of the instants, worked out by hand.
 */
const zones: Record<Language, { timeZone: string | undefined; zone: string }> = {
  en: { timeZone: undefined, zone: 'Europe/London' },
  uk: { timeZone: 'Europe/Kyiv', zone: 'Europe/Kyiv' },
  ru: { timeZone: 'Asia/Yekaterinburg', zone: 'Asia/Yekaterinburg' },
  hu: { timeZone: 'Europe/Budapest', zone: 'Europe/Budapest' },
  lv: { timeZone: 'Europe/Riga', zone: 'Europe/Riga' },
  ro: { timeZone: 'America/Toronto', zone: 'America/Toronto' },
};
const wallClock: Record<string, Record<string, string>> = {
  'Europe/London': {
    [firstResponseBy]: '17:00',
    [resolveBy]: '17:00',
    [respondBy]: '17:00',
    [linksExpireAt]: '11:00',
    [reopenedResolveBy]: '16:30',
    [finalResponseBy]: '17:00',
  },
  'Europe/Kyiv': {
    [firstResponseBy]: '19:00',
    [resolveBy]: '19:00',
    [respondBy]: '19:00',
    [linksExpireAt]: '13:00',
    [reopenedResolveBy]: '18:30',
    [finalResponseBy]: '19:00',
  },
  'Asia/Yekaterinburg': {
    [firstResponseBy]: '22:00',
    [resolveBy]: '22:00',
    [respondBy]: '22:00',
    [linksExpireAt]: '15:00',
    [reopenedResolveBy]: '20:30',
    [finalResponseBy]: '21:00',
  },
  'Europe/Budapest': {
    [firstResponseBy]: '18:00',
    [resolveBy]: '18:00',
    [respondBy]: '18:00',
    [linksExpireAt]: '12:00',
    [reopenedResolveBy]: '17:30',
    [finalResponseBy]: '18:00',
  },
  'Europe/Riga': {
    [firstResponseBy]: '19:00',
    [resolveBy]: '19:00',
    [respondBy]: '19:00',
    [linksExpireAt]: '13:00',
    [reopenedResolveBy]: '18:30',
    [finalResponseBy]: '19:00',
  },
  'America/Toronto': {
    [firstResponseBy]: '12:00',
    [resolveBy]: '13:00',
    [respondBy]: '13:00',
    [linksExpireAt]: '06:00',
    [reopenedResolveBy]: '11:30',
    [finalResponseBy]: '12:00',
  },
};

const localDate = expectedDate;

interface Phrases {
  greeting: (name: string) => string;
  /** The first line of the sign-off. */
  signOff: string;
  subjects: Record<CustomerTemplate, string>;
}

/** From the catalogues: what only a message in that language says. */
const phrases: Record<Language, Phrases> = {
  en: {
    greeting: (name) => `Dear ${name},`,
    signOff: 'Kind regards,',
    subjects: {
      'complaint-acknowledgement': 'We have received your complaint',
      'information-request': 'We need more information about your complaint',
      resolution: 'Our decision on your complaint',
      'closed-no-response': 'Your complaint has been closed',
      reopened: 'Your complaint has been reopened',
      'holding-reply': 'We need more time for our final response',
    },
  },
  uk: {
    greeting: (name) => `Шановний(а) ${name},`,
    signOff: 'З повагою,',
    subjects: {
      'complaint-acknowledgement': 'Ми отримали вашу скаргу',
      'information-request': 'Нам потрібна додаткова інформація щодо вашої скарги',
      resolution: 'Наше рішення щодо вашої скарги',
      'closed-no-response': 'Вашу скаргу закрито',
      reopened: 'Вашу скаргу відкрито знову',
      'holding-reply': 'Нам потрібно більше часу для остаточної відповіді',
    },
  },
  ru: {
    greeting: (name) => `Уважаемый(ая) ${name},`,
    signOff: 'С уважением,',
    subjects: {
      'complaint-acknowledgement': 'Мы получили вашу жалобу',
      'information-request': 'Нам нужна дополнительная информация по вашей жалобе',
      resolution: 'Наше решение по вашей жалобе',
      'closed-no-response': 'Ваша жалоба закрыта',
      reopened: 'Ваша жалоба открыта повторно',
      'holding-reply': 'Нам нужно больше времени для окончательного ответа',
    },
  },
  hu: {
    greeting: (name) => `Kedves ${name}!`,
    signOff: 'Üdvözlettel:',
    subjects: {
      'complaint-acknowledgement': 'Megkaptuk panaszát',
      'information-request': 'További információra van szükségünk panaszával kapcsolatban',
      resolution: 'Döntésünk panaszával kapcsolatban',
      'closed-no-response': 'Panaszát lezártuk',
      reopened: 'Panaszát újra megnyitottuk',
      'holding-reply': 'Több időre van szükségünk a végleges válaszhoz',
    },
  },
  lv: {
    greeting: (name) => `Cien. ${name}!`,
    signOff: 'Ar cieņu',
    subjects: {
      'complaint-acknowledgement': 'Mēs esam saņēmuši jūsu sūdzību',
      'information-request': 'Mums nepieciešama papildu informācija par jūsu sūdzību',
      resolution: 'Mūsu lēmums par jūsu sūdzību',
      'closed-no-response': 'Jūsu sūdzība ir slēgta',
      reopened: 'Jūsu sūdzība ir atkārtoti atvērta',
      'holding-reply': 'Mums vajag vairāk laika galīgajai atbildei',
    },
  },
  ro: {
    greeting: (name) => `Stimate/Stimată ${name},`,
    signOff: 'Cu stimă,',
    subjects: {
      'complaint-acknowledgement': 'Am primit reclamația dumneavoastră',
      'information-request': 'Avem nevoie de informații suplimentare despre reclamația dumneavoastră',
      resolution: 'Decizia noastră privind reclamația dumneavoastră',
      'closed-no-response': 'Reclamația dumneavoastră a fost închisă',
      reopened: 'Reclamația dumneavoastră a fost redeschisă',
      'holding-reply': 'Avem nevoie de mai mult timp pentru răspunsul final',
    },
  },
};
/** The alerts in the staff language (ru), from its catalogue. */
const staffPhrases = {
  escalatedSubject: (reference: string) => `Эскалация уровня 1: жалоба ${reference}`,
  escalatedBody: (reference: string) =>
    `Жалоба ${reference} эскалирована до уровня 1 (пропущен срок); теперь за неё отвечает billing.`,
  breachedSubject: (reference: string) => `Пропущен срок: жалоба ${reference}`,
  overdue: 'просрочка 3 часа.',
};
/** English that a message in another language must not contain (a fallback to English would). */
const english = ['Dear ', 'Kind regards', 'complaint', 'Complaint', 'Reference', 'deadline', 'overdue'];

// Customer-supplied text with markup, an ampersand and quotes: verbatim in the text part, escaped in HTML.
const filedSubject = 'Charged <b>twice</b> & "again"';
const description = "Order 1234 & 1235:\n<script>alert('x')</script> charged twice.";
const question = 'Which card <b>did</b> you pay with? Visa & Mastercard?';
const summary = 'We refunded the <b>duplicate</b> charge & apologised.';
const note = 'Customer <b>called</b> twice & wrote.';
const holdingReason = 'The card scheme <b>has not</b> answered our chargeback & we must wait.';
const nameOf: Record<Language, string> = {
  en: 'Ada <b>Lovelace</b> & Co',
  uk: 'Олена <b>Коваленко</b> & Co',
  ru: 'Пётр <b>Иванов</b> & Co',
  hu: 'Kovács <b>Anna</b> & Co',
  lv: 'Jānis <b>Bērziņš</b> & Co',
  ro: 'Ioana <b>Popescu</b> & Co',
};

interface Expected {
  /** The language of the customer whose complaint it is. */
  customerLanguage: Language;
  template: Template;
  story: ComplaintStory;
  eventId: string;
  recipient: string;
  messageId: string;
  /** The language the message must be written in, and the zone of its dates. */
  language: Language;
  zone: string;
  dates: string[];
  /** Text someone typed, shown verbatim: to be escaped in the HTML part. */
  typed: string[];
}

const filings: ComplaintCloudEvent[] = [];
const laterEvents: ComplaintCloudEvent[] = [];
const expected: Expected[] = [];

for (const language of languages) {
  const story = new ComplaintStory();
  const { timeZone, zone } = zones[language];
  const email = `customer-${language}@example.com`;
  const customer: Partial<Customer> = {
    name: nameOf[language],
    email,
    preferredLanguage: language,
    ...(timeZone ? { timeZone } : {}),
  };
  const filed = story.filed(customer, description, filedSubject);
  filings.push(filed);

  const events: Record<Template, ComplaintCloudEvent> = {
    'complaint-acknowledgement': filed,
    'information-request': story.informationRequested(question),
    resolution: story.event('ComplaintResolved', {
      summary,
      outcome: 'upheld',
      remedies: [{ type: 'refund', amount: { amount: '49.90', currency: 'GBP' } }, { type: 'apology' }],
      firstContact: false,
    }),
    'closed-no-response': story.closedNoResponse(),
    reopened: story.event('ComplaintReopened', {
      reason: 'The customer wrote back.',
      deadlines: { resolve: reopenedResolveBy },
    }),
    'holding-reply': story.event('HoldingReplySent', {
      regime: 'psd2',
      reason: holdingReason,
      previousDueAt: '2026-03-23T17:00:00.000Z',
      dueAt: finalResponseBy,
      deadlines: { regulatory_final_response: finalResponseBy },
    }),
    // `to` names a team with routes, so the recipient does not depend on when an assignment is handled.
    'escalation-alert': story.event('ComplaintEscalated', {
      level: 1,
      reason: 'sla_breach',
      to: 'billing',
      note,
    }),
    // No team: the default route's breaches.
    'sla-breach-alert': story.event('SlaBreached', { target: 'resolve', dueAt: breachDueAt, at: breachedAt }),
  };
  const name = nameOf[language];
  const datesOf: Record<Template, string[]> = {
    'complaint-acknowledgement': [firstResponseBy, resolveBy],
    'information-request': [respondBy],
    resolution: [linksExpireAt],
    'closed-no-response': [],
    reopened: [reopenedResolveBy],
    'holding-reply': [finalResponseBy],
    'escalation-alert': [],
    'sla-breach-alert': [breachDueAt],
  };
  const typedOf: Record<Template, string[]> = {
    'complaint-acknowledgement': [name, filedSubject, description],
    'information-request': [name, question],
    resolution: [name, summary],
    'closed-no-response': [name],
    reopened: [name],
    'holding-reply': [name, holdingReason],
    'escalation-alert': [note],
    'sla-breach-alert': [],
  };
  const recipientOf: Record<Template, string> = {
    ...(Object.fromEntries(customerTemplates.map((t) => [t, email])) as Record<CustomerTemplate, string>),
    'escalation-alert': alertRoutes.teams.billing?.levels['1']?.[0] ?? '',
    'sla-breach-alert': alertRoutes.default?.breaches[0] ?? '',
  };
  for (const template of [...customerTemplates, ...alertTemplates]) {
    const event = events[template];
    if (template !== 'complaint-acknowledgement') laterEvents.push(event);
    const alert = (alertTemplates as readonly string[]).includes(template);
    const recipient = recipientOf[template];
    expected.push({
      customerLanguage: language,
      template,
      story,
      eventId: event.id,
      recipient,
      messageId: messageIdOf({ eventId: event.id, template, recipient }, 'complaints.test'),
      language: alert ? staffLanguage : language,
      zone: alert ? staffZone : zone,
      dates: datesOf[template],
      typed: typedOf[template],
    });
  }
}

let h: Harness;
beforeAll(async () => {
  h = await harness({ staffLanguage });
  // Filings first: a later event of a complaint not filed here yet is retried, and on a loaded
  // machine enough retries would dead-letter it. Then everything else at once.
  await Promise.all(filings.map((event) => h.publish(event)));
  await waitFor(
    async () =>
      (await Promise.all(expected.map((e) => h.service.directory.find(e.story.complaintId)))).every(Boolean),
    { timeoutMs: 60_000, description: 'the six complaints in the directory' },
  );
  await Promise.all(laterEvents.map((event) => h.publish(event)));
  await h.sink.waitForMessages(expected.length, 120_000);
  // Every event acked: anything more it was going to send has been sent.
  await h.settled();
}, 240_000);
afterAll(async () => {
  await h?.close();
});

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The text a browser shows for HTML-escaped content (named and numeric character references). */
const unescapeHtml = (html: string) =>
  html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return entities[ref.toLowerCase()] ?? whole;
  });

function partsOf(mail: ReceivedMail) {
  const text = mail.parsed.text ?? '';
  const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
  expect(text.trim()).not.toBe('');
  expect(html.trim()).not.toBe('');
  return { text, html, shown: unescapeHtml(html) };
}

const mailOf = (e: Expected) => {
  const mails = h.sink.messages.filter((m) => m.parsed.messageId === e.messageId);
  expect(mails).toHaveLength(1);
  return mails[0] as ReceivedMail;
};

describe('over real SMTP', () => {
  it('sends exactly one message per (event, template, recipient), each to its recipient', () => {
    const perMessageId = new Map<string, number>();
    for (const mail of h.sink.messages) {
      const id = mail.parsed.messageId ?? '(none)';
      perMessageId.set(id, (perMessageId.get(id) ?? 0) + 1);
    }
    expect(Object.fromEntries(perMessageId)).toEqual(
      Object.fromEntries(expected.map((e) => [e.messageId, 1])),
    );
    expect(h.sink.messages).toHaveLength(languages.length * eventTemplates.length);
    for (const e of expected) expect(mailOf(e).envelope.to).toEqual([e.recipient]);
  });

  it('covers every language with a catalogue and every template', () => {
    expect([...languages].sort()).toEqual([...templateLanguages].sort());
    expect([...customerTemplates, ...alertTemplates].sort()).toEqual([...eventTemplates].sort());
  });

  it('derives the expected dates in the zone (a check of this test: local times worked out by hand)', () => {
    for (const language of languages) {
      const { zone } = zones[language];
      for (const [iso, time] of Object.entries(wallClock[zone] ?? {})) {
        expect(localDate(language, zone, iso)).toContain(time);
      }
    }
    expect(localDate(staffLanguage, staffZone, breachDueAt)).toContain('16:30');
  });
});

describe.each(languages)('for a customer writing in %s', (customerLanguage) => {
  const cases = expected.filter((e) => e.customerLanguage === customerLanguage);

  it.each(cases.map((e) => [e.template, e] as const))('%s', (template, e) => {
    const mail = mailOf(e);
    const { text, html, shown } = partsOf(mail);
    const reference = e.story.reference;
    const alert = (alertTemplates as readonly string[]).includes(template);

    // The reference: in the subject (customer mail threads on `[C-…]`), in both parts, in the header.
    if (alert) {
      const subject =
        template === 'escalation-alert'
          ? staffPhrases.escalatedSubject(reference)
          : staffPhrases.breachedSubject(reference);
      expect(mail.parsed.subject).toBe(subject);
      expect(mail.parsed.replyTo).toBeUndefined();
    } else {
      expect(mail.parsed.subject).toBe(
        `[${reference}] ${phrases[e.language].subjects[template as CustomerTemplate]}`,
      );
      expect(mail.parsed.replyTo?.text).toBe('replies@complaints.test');
    }
    expect(text).toContain(reference);
    expect(shown).toContain(reference);
    expect(mail.parsed.headers.get('x-complaint-reference')).toBe(reference);
    // Where the message tells the customer how to reply, it names the subject tag to keep.
    const replyHint = [
      'complaint-acknowledgement',
      'information-request',
      'resolution',
      'reopened',
      'holding-reply',
    ];
    if (replyHint.includes(template)) {
      expect(text).toContain(`[${reference}]`);
      expect(shown).toContain(`[${reference}]`);
    }

    // The language: the header, the document, and phrases only that language's catalogue has.
    expect(mail.parsed.headers.get('content-language')).toBe(e.language);
    expect(html).toContain(`<html lang="${e.language}">`);
    if (alert) {
      const body =
        template === 'escalation-alert' ? staffPhrases.escalatedBody(reference) : staffPhrases.overdue;
      expect(text).toContain(body);
      expect(shown).toContain(body);
      expect(text).toContain(e.story.complaintId);
      expect(shown).toContain(e.story.complaintId);
    } else {
      for (const part of [text, shown]) {
        expect(part).toContain(phrases[e.language].greeting(nameOf[e.customerLanguage]));
        expect(part).toContain(phrases[e.language].signOff);
      }
    }
    if (e.language !== 'en') {
      for (const part of [mail.parsed.subject ?? '', text, shown]) {
        for (const word of english) expect(part).not.toContain(word);
      }
    }
    // No ICU placeholder left unformatted.
    expect(text).not.toMatch(/\{[a-z_]+[},]/);
    expect(shown).not.toMatch(/\{[a-z_]+[},]/);

    // The dates, in the message's locale and the customer's (or, for alerts, the default) zone.
    for (const iso of e.dates) {
      const date = localDate(e.language, e.zone, iso);
      expect(text).toContain(date);
      expect(shown).toContain(date);
    }

    // What someone typed: verbatim in the text part; in HTML escaped (shown as typed, no markup injected).
    for (const typed of e.typed) {
      expect(text).toContain(typed);
      expect(shown).toContain(typed);
    }
    expect(html).not.toMatch(/<\/?b>|<script/i);
    if (e.typed.length > 0) expect(html).toContain('&lt;b&gt;');
    if (e.typed.some((t) => t.includes('&'))) expect(html).toMatch(/&amp;/);

    // The links: every href is a well-formed URL that the text part shows too.
    const hrefs = [...html.matchAll(/<a\s[^>]*?href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map(([, href, label]) => {
      expect(label?.trim()).not.toBe('');
      return unescapeHtml(href ?? '');
    });
    const urls = text.match(/https?:\/\/\S+/g) ?? [];
    expect([...hrefs].sort()).toEqual([...urls].sort());
    if (template !== 'resolution') {
      expect(hrefs).toEqual([]);
      return;
    }
    expect(hrefs).toHaveLength(3);
    const payloads = hrefs.map((href) => {
      const url = new URL(href);
      expect(`${url.protocol}//${url.host}`).toBe(intakeUrl);
      const match = /^\/v1\/customer-links\/([^/]+)$/.exec(url.pathname);
      expect(match).not.toBeNull();
      return verifyCustomerLink(
        decodeURIComponent(match?.[1] ?? ''),
        linkSecret,
        new Date('2026-03-05T00:00:00Z'),
      );
    });
    expect(payloads.map((p) => p.action).sort()).toEqual(['accept', 'reject', 'survey']);
    for (const payload of payloads) {
      expect(payload).toMatchObject({
        complaintId: e.story.complaintId,
        reference,
        language: e.language,
        expiresAt: linksExpireAt,
      });
    }
    // The refund in the locale's currency format.
    const amount = new Intl.NumberFormat(locales[e.language], { style: 'currency', currency: 'GBP' }).format(
      49.9,
    );
    expect(text).toContain(amount);
    expect(shown).toContain(amount);
  });
});
