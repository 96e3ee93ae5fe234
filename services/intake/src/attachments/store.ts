import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
 * S3 (`s3-store.ts`, for MinIO or AWS). Both pass one conformance spec
 * (test/attachments/store-conformance.ts).
 */
export interface AttachmentStore {
  /**
   * Stores a file under `id` (a new UUID when omitted). The same id stored again (a form sent twice)
   * keeps the first file and answers its record.
   */
  put(bytes: Uint8Array, meta: Omit<StoredAttachment, 'id'>, id?: string): Promise<StoredAttachment>;
  /** The file and its record, or undefined; `complaintId` must match (a customer sees their own files only). */
  get(id: string, complaintId: string): Promise<{ meta: StoredAttachment; bytes: Buffer } | undefined>;
  /** The records of a complaint's files (the customer's own, for the status page), in no set order. */
  list(complaintId: string): Promise<StoredAttachment[]>;
  /** Deletes every file of a complaint (its customer's data was erased); answers how many went. */
  deleteComplaint(complaintId: string): Promise<number>;
}

export const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files as `<dir>/<id>` with `<dir>/<id>.json` beside; the id is a UUID, so no name reaches a path. */
export function directoryAttachmentStore(dir: string): AttachmentStore {
  const pathOf = (id: string) => join(dir, id);
  /** A scan of the records: fine for a status page and an erasure; the S3 adapter lists a prefix. */
  const list = async (complaintId: string): Promise<StoredAttachment[]> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: StoredAttachment[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || !ATTACHMENT_ID.test(name.slice(0, -'.json'.length))) continue;
      let meta: StoredAttachment;
      try {
        meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as StoredAttachment;
      } catch (error) {
        // Deleted meanwhile (an erasure): not listed.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      if (meta.complaintId === complaintId) records.push(meta);
    }
    return records;
  };
  return {
    async put(bytes, meta, id = randomUUID()) {
      if (!ATTACHMENT_ID.test(id)) throw new Error('an attachment id is a UUID');
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
      if (!ATTACHMENT_ID.test(id)) return undefined;
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
    list,
    async deleteComplaint(complaintId) {
      const records = await list(complaintId);
      for (const { id } of records) {
        // The record first: get finds nothing from then on, even if removing the file fails.
        await rm(`${pathOf(id)}.json`, { force: true });
        await rm(pathOf(id), { force: true });
      }
      return records.length;
    },
  };
}
