import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How events reference a stored file: never the bytes, never a path. */
export interface StoredAttachment {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** The complaint whose customer (and agents) may read it. */
  complaintId: string;
}

/**
 * The attachments' storage port. Adapters: a directory (the embedded default, under `./.data`) and
 * S3 (`@aws-sdk/client-s3`, for MinIO or AWS), which is not built yet: no S3 endpoint reaches these
 * machines, so its conformance leg would skip as EventStoreDB's does.
 */
export interface AttachmentStore {
  /**
   * Stores a file under `id` (a new UUID when omitted). The same id stored again (a form sent twice)
   * keeps the first file and answers its record.
   */
  put(bytes: Uint8Array, meta: Omit<StoredAttachment, 'id'>, id?: string): Promise<StoredAttachment>;
  /** The file and its record, or undefined; `complaintId` must match (a customer sees their own files only). */
  get(id: string, complaintId: string): Promise<{ meta: StoredAttachment; bytes: Buffer } | undefined>;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files as `<dir>/<id>` with `<dir>/<id>.json` beside; the id is a UUID, so no name reaches a path. */
export function directoryAttachmentStore(dir: string): AttachmentStore {
  const pathOf = (id: string) => join(dir, id);
  return {
    async put(bytes, meta, id = randomUUID()) {
      if (!ID.test(id)) throw new Error('an attachment id is a UUID');
      await mkdir(dir, { recursive: true });
      const stored: StoredAttachment = { id, ...meta };
      try {
        await writeFile(pathOf(id), bytes, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const earlier = await readFile(`${pathOf(id)}.json`, 'utf8').catch(() => undefined);
        if (earlier !== undefined) return JSON.parse(earlier) as StoredAttachment;
      }
      await writeFile(`${pathOf(id)}.json`, JSON.stringify(stored));
      return stored;
    },
    async get(id, complaintId) {
      if (!ID.test(id)) return undefined;
      let meta: StoredAttachment;
      try {
        meta = JSON.parse(await readFile(`${pathOf(id)}.json`, 'utf8')) as StoredAttachment;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      if (meta.complaintId !== complaintId) return undefined;
      return { meta, bytes: await readFile(pathOf(id)) };
    },
  };
}
