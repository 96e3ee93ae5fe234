import { parseReference, REFERENCE_ALPHABET, senderAddressSchema } from '@chp/contracts';
import { type ParsedMail, simpleParser } from 'mailparser';

/** What an inbound e-mail is. */
export type MailKind =
  | { kind: 'automatic'; reason: string }
  | { kind: 'reply'; reference: string; mail: Mail }
  | { kind: 'new'; mail: Mail }
  | { kind: 'unusable'; reason: string };

export interface Mail {
  messageId: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  text: string;
  /** From Content-Language, then Accept-Language headers. */
  languageHint: string | undefined;
  /** The `Authentication-Results` header values, topmost (the receiving gateway's) first. */
  authenticationResults: string[];
  /** The attached files as sent (names are judged later, by safeFileName; contents by inspectAttachment). */
  files: { name: string; bytes: Buffer }[];
}

/** The values of a header that may repeat, in order, unfolded. */
function headerValues(mail: ParsedMail, name: string): string[] {
  return mail.headerLines
    .filter((line) => line.key === name)
    .map((line) =>
      line.line
        .slice(line.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

// The contracts' Crockford symbols; any case: a customer may retype the tag, and some clients
// change a subject's case.
const SYMBOL = `[${REFERENCE_ALPHABET}]`;
const REFERENCE = new RegExp(`\\[(C-${SYMBOL}{4}-${SYMBOL}{4})\\]`, 'gi');

/** The first `[C-…]` tag whose check character holds, in canonical form. */
function referenceIn(text: string): string | undefined {
  for (const match of text.matchAll(REFERENCE)) {
    const parsed = parseReference(match[1] ?? '');
    if (parsed.ok) return parsed.reference;
  }
  return undefined;
}

function header(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value) return String(value.value);
  return String(value);
}

/**
 * Auto-replies and bounces are recognised (RFC 3834 `Auto-Submitted`, RFC 6522 `multipart/report`,
 * and the common vendor headers) so that an out-of-office never becomes a complaint or a response.
 */
export function automaticReason(mail: ParsedMail): string | undefined {
  const autoSubmitted = header(mail, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const contentType = header(mail, 'content-type')?.toLowerCase() ?? '';
  if (contentType.startsWith('multipart/report')) return 'multipart/report (a delivery or read report)';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'X-Autoreply';
  const precedence = header(mail, 'precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply' || precedence === 'bulk' || precedence === 'junk')
    return `Precedence: ${precedence}`;
  return undefined;
}

/** Parses raw RFC 5322 bytes and says whether it is automatic, a reply to a reference, or new. */
export async function classifyMail(raw: Buffer): Promise<MailKind> {
  const parsed = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const automatic = automaticReason(parsed);
  if (automatic) return { kind: 'automatic', reason: automatic };
  const from = parsed.from?.value[0];
  if (!from?.address) return { kind: 'unusable', reason: 'the mail has no From address' };
  // A reply is compared with the customer's address, so an address that is none cannot pass.
  if (!senderAddressSchema.safeParse(from.address).success)
    return { kind: 'unusable', reason: 'the From address is not a valid e-mail address' };
  const subject = parsed.subject ?? '';
  const text = parsed.text ?? '';
  const mail: Mail = {
    messageId: parsed.messageId ?? '',
    fromAddress: from.address,
    fromName: from.name || from.address.split('@')[0] || from.address,
    subject,
    text,
    languageHint: header(parsed, 'content-language') ?? header(parsed, 'accept-language'),
    authenticationResults: headerValues(parsed, 'authentication-results'),
    files: parsed.attachments.map((file) => ({ name: file.filename ?? '', bytes: file.content })),
  };
  const reference = referenceIn(subject) ?? referenceIn(text);
  if (reference) return { kind: 'reply', reference, mail };
  return { kind: 'new', mail };
}

/** Strips `Re:`/`Fwd:` prefixes, so a subject reads as the customer wrote it first. */
export function cleanSubject(subject: string): string {
  return subject.replace(/^(\s*(re|fw|fwd|aw|sv)\s*:\s*)+/i, '').trim() || '(no subject)';
}
