/** Sample complaints in the six languages, for `npm run demo`, the end-to-end tests and the benchmark. */
export interface SampleComplaint {
  language: 'en' | 'uk' | 'ru' | 'hu' | 'lv' | 'ro';
  name: string;
  subject: string;
  description: string;
}

export const samples: readonly SampleComplaint[] = [
  {
    language: 'en',
    name: 'Ada Lovelace',
    subject: 'Card charged twice for one order',
    description: 'My card was charged twice for order 1234 on 3 March. Please refund the second payment.',
  },
  {
    language: 'uk',
    name: 'Олена Петренко',
    subject: 'Списали кошти двічі',
    description: 'З моєї картки двічі списали оплату за замовлення 5521. Прошу повернути зайве.',
  },
  {
    language: 'ru',
    name: 'Иван Смирнов',
    subject: 'Нет интернета уже неделю',
    description: 'С 24 февраля не работает домашний интернет, мастер так и не пришёл.',
  },
  {
    language: 'hu',
    name: 'Kovács Éva',
    subject: 'Hibás számla a februári hónapra',
    description: 'A februári számlámon kétszer szerepel ugyanaz a díjtétel. Kérem a javítását.',
  },
  {
    language: 'lv',
    name: 'Jānis Bērziņš',
    subject: 'Sūtījums nav piegādāts',
    description: 'Pasūtījums 8812 nav piegādāts divas nedēļas pēc apmaksas, lūdzu atmaksāt.',
  },
  {
    language: 'ro',
    name: 'Andreea Popescu',
    subject: 'Taxă percepută greșit',
    description: 'Mi s-a perceput o taxă de administrare pe care nu am aprobat-o niciodată.',
  },
];

/** A raw RFC 5322 message, as a mail gateway hands it to intake. */
/**
 * The authserv-id of the local stack's stand-in for a receiving mail gateway: `npm start` trusts it
 * (`EMAIL_AUTHSERV_ID`), and {@link rawEmail} writes its verdict, as a real gateway would.
 */
export const LOCAL_MAIL_GATEWAY = 'mx.local-stack.example';

export function rawEmail(options: {
  from: string;
  fromName: string;
  to?: string;
  subject: string;
  text: string;
  language: string;
  messageId: string;
  inReplyTo?: string;
}): string {
  const encodedName = `=?UTF-8?B?${Buffer.from(options.fromName, 'utf8').toString('base64')}?=`;
  const encodedSubject = `=?UTF-8?B?${Buffer.from(options.subject, 'utf8').toString('base64')}?=`;
  const domain = options.from.split('@').pop() ?? '';
  return [
    `Authentication-Results: ${LOCAL_MAIL_GATEWAY}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`,
    `From: ${encodedName} <${options.from}>`,
    `To: ${options.to ?? 'complaints@company.example'}`,
    `Subject: ${encodedSubject}`,
    `Message-ID: <${options.messageId}>`,
    ...(options.inReplyTo ? [`In-Reply-To: <${options.inReplyTo}>`] : []),
    `Date: ${new Date().toUTCString()}`,
    `Content-Language: ${options.language}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(options.text, 'utf8').toString('base64'),
    '',
  ].join('\r\n');
}
