import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';

/** Issue 24: up to 10 MB a file, at most 10 per complaint or reply. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** The types customers may send, as `file-type` detects them from the content (never from the name). */
export const allowedAttachmentTypes: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
];

export type AttachmentRefusal = 'empty' | 'too_large' | 'executable' | 'archive' | 'type_not_allowed';

export type Inspected =
  | { ok: true; contentType: string; sizeBytes: number; sha256: string }
  | { ok: false; reason: AttachmentRefusal; detected?: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

/**
 * Executables by their magic bytes, whatever the name or the detected type says: Windows PE (`MZ`),
 * ELF, Mach-O (both byte orders, 32 and 64 bit, universal), Java classes share Mach-O universal's
 * `CAFEBABE`, and scripts with a `#!` line.
 */
function isExecutable(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x4d, 0x5a]) ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(bytes, [0x23, 0x21])
  );
}

/** Archives (a way to smuggle anything past the checks): detected types and their magic bytes. */
const archiveTypes = new Set([
  'application/zip',
  'application/x-rar-compressed',
  'application/x-7z-compressed',
  'application/gzip',
  'application/x-tar',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/x-lzip',
  'application/x-cpio',
  'application/x-apple-diskimage',
  'application/x-iso9660-image',
  'application/vnd.ms-cab-compressed',
  'application/x-msi',
  'application/x-deb',
  'application/x-rpm',
]);

/** Plain text: valid UTF-8 without NUL or other control characters but tab and line breaks. */
function isPlainText(bytes: Uint8Array): boolean {
  if (!isUtf8(bytes)) return false;
  const text = new TextDecoder('utf-8').decode(bytes);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mark a binary file
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

/**
 * Checks a file from its content: size, executables and archives by magic bytes, then the type
 * `file-type` detects against {@link allowedAttachmentTypes} (content it cannot name counts as text
 * only when it is clean UTF-8). The name plays no part: a `.pdf` that is a program is a program.
 */
export async function inspectAttachment(bytes: Uint8Array): Promise<Inspected> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too_large' };
  if (isExecutable(bytes)) return { ok: false, reason: 'executable' };
  const detected = await fromBuffer(bytes);
  if (
    detected &&
    ['application/x-msdownload', 'application/x-elf', 'application/x-mach-binary'].includes(detected.mime)
  )
    return { ok: false, reason: 'executable', detected: detected.mime };
  if (detected && archiveTypes.has(detected.mime))
    return { ok: false, reason: 'archive', detected: detected.mime };
  const contentType = detected?.mime ?? (isPlainText(bytes) ? 'text/plain' : undefined);
  if (!contentType || !allowedAttachmentTypes.includes(contentType))
    return { ok: false, reason: 'type_not_allowed', ...(contentType ? { detected: contentType } : {}) };
  return {
    ok: true,
    contentType,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Names Windows reserves for devices, with or without an extension (`CON`, `nul.txt`, `COM1`). */
const WINDOWS_DEVICE = /^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\..*)?$/i;

/**
 * A file name safe to show and to send back in `Content-Disposition`: NFC, the last path segment, no
 * control, bidirectional or invisible formatting characters (the `invoice\u202Efdp.exe` trick), no
 * leading dots, no trailing dots or spaces, no Windows device name, at most 200 characters. Never
 * used as a path.
 */
export function safeFileName(name: string): string {
  const last = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = last
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed
    .replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF"<>:|?*]/g, '')
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .trim()
    .slice(0, 200);
  if (cleaned === '') return 'attachment';
  return WINDOWS_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Why a file was refused, in words for problem+json and notes (English; the portal has its own texts). */
export function refusalDetail(reason: AttachmentRefusal | 'too_many', detected?: string): string {
  const details: Record<AttachmentRefusal | 'too_many', string> = {
    empty: 'is empty',
    too_large: `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    executable: 'is a program, which is not accepted',
    archive: 'is an archive, which is not accepted',
    type_not_allowed: 'type not allowed',
    too_many: `at most ${MAX_ATTACHMENTS_PER_MESSAGE} files`,
  };
  return detected ? `${details[reason]} (the content is ${detected})` : details[reason];
}
