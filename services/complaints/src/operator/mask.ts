/**
 * A payload preview with personal data masked, for operators: values of fields whose names say they
 * are personal (names, e-mail, phone, addresses, free text) become `"•••"`, and e-mail addresses or
 * phone numbers anywhere else are masked by pattern. Pure.
 */

/** Field names whose values are personal or free text (matched case-insensitively, anywhere in the name). */
const personalField =
  /name|e-?mail|mail|phone|mobile|tel|fax|address|street|city|postcode|zip|birth|description|text|body|subject|summary|note|message|comment|reply|answer|iban|account|card|passport|national|signature|html/i;
const emailPattern = /[^\s"'<>@,;:()[\]]+@[^\s"'<>@,;:()[\]]+\.[^\s"'<>@,;:()[\]]+/g;
/** Seven or more digits, possibly with a leading + and separators: a phone (or account) number. */
const phonePattern = /\+?\d[\d\s().-]{5,}\d/g;
export const masked = '•••';

export function maskText(text: string): string {
  return text.replace(emailPattern, masked).replace(phonePattern, masked);
}

export function maskValue(value: unknown, key?: string): unknown {
  if (key !== undefined && personalField.test(key) && value !== null && typeof value !== 'object') {
    return typeof value === 'string' && value === '' ? '' : masked;
  }
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        // An object under a personal name (a customer, an address): every leaf inside is masked.
        key !== undefined && personalField.test(key) ? maskAll(v) : maskValue(v, k),
      ]),
    );
  }
  return value;
}

function maskAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskAll);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskAll(v)]),
    );
  }
  return value === null || value === '' ? value : masked;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The preview of a dead letter's original bytes: masked JSON, or masked text, cut at `max` characters. */
export function maskedPreview(bytes: Uint8Array, max = 2_000): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    // Node's decoder throws a TypeError with this code (from its own realm under a test runner).
    if ((error as { code?: unknown }).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
    return `(${bytes.byteLength} bytes, not UTF-8)`;
  }
  let preview: string;
  try {
    preview = JSON.stringify(maskValue(JSON.parse(text)));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    preview = maskText(text);
  }
  return preview.length > max ? `${preview.slice(0, max)}…` : preview;
}
