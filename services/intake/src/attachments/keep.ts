import { inspectAttachment, MAX_ATTACHMENTS_PER_MESSAGE, refusalDetail, safeFileName } from './inspect.js';
import type { AttachmentStore, StoredAttachment } from './store.js';

/** The reference an event carries: id (`objectKey`), name, type, size and SHA-256, never the bytes. */
export const referenceOf = (stored: StoredAttachment) => ({
  name: stored.name,
  contentType: stored.contentType,
  sizeBytes: stored.sizeBytes,
  sha256: stored.sha256,
  objectKey: stored.id,
});
export type AttachmentReference = ReturnType<typeof referenceOf>;

export interface KeptFiles {
  references: AttachmentReference[];
  /** The files not kept, by their place and safe name, with why. */
  refused: { index: number; name: string; reason: string; detail: string }[];
}

/**
 * Judges and stores the files of one message for `complaintId`: each under the id `idOf` gives it
 * (from the message and the content, so a redelivered message stores nothing twice). Files past
 * {@link MAX_ATTACHMENTS_PER_MESSAGE} and refused ones are listed, never fatal: a channel that
 * cannot answer the sender (e-mail) notes them instead.
 */
export async function keepFiles(
  store: AttachmentStore,
  complaintId: string,
  files: readonly { name: string; bytes: Uint8Array }[],
  idOf: (index: number, sha256: string) => string,
): Promise<KeptFiles> {
  const kept: KeptFiles = { references: [], refused: [] };
  for (const [index, file] of files.entries()) {
    const name = safeFileName(file.name);
    if (index >= MAX_ATTACHMENTS_PER_MESSAGE) {
      kept.refused.push({ index, name, reason: 'too_many', detail: refusalDetail('too_many') });
      continue;
    }
    const inspected = await inspectAttachment(file.bytes);
    if (!inspected.ok) {
      const detail = refusalDetail(inspected.reason, inspected.detected);
      kept.refused.push({ index, name, reason: inspected.reason, detail });
      continue;
    }
    const { contentType, sizeBytes, sha256 } = inspected;
    const stored = await store.put(
      file.bytes,
      { name, contentType, sizeBytes, sha256, complaintId },
      idOf(index, sha256),
    );
    kept.references.push(referenceOf(stored));
  }
  return kept;
}

/** A line for the text of a message whose files were refused, so that the agent knows (empty when none). */
export function refusedNote(refused: KeptFiles['refused']): string {
  if (refused.length === 0) return '';
  return `\n\n[Attachments not accepted: ${refused.map((file) => `${file.name} (${file.detail})`).join('; ')}]`;
}
