import type { Response } from 'express';
import { safeFileName } from './inspect.js';
import type { StoredAttachment } from './store.js';

/**
 * Sends a stored file as a download, never rendered in place: `Content-Disposition: attachment` with
 * the safe name, the type its content was judged to be, `nosniff`, and no caching by shared caches.
 */
export function sendAttachment(res: Response, meta: StoredAttachment, bytes: Buffer): void {
  res.attachment(safeFileName(meta.name));
  res.set({
    'Content-Type': meta.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}
