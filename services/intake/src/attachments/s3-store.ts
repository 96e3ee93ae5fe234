import { randomUUID } from 'node:crypto';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { ATTACHMENT_ID, type AttachmentStore, type StoredAttachment } from './store.js';

export interface S3StoreOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO); AWS's own when absent. */
  endpoint?: string;
  region?: string;
  /** Prepended to every key, e.g. `attachments/`. */
  prefix?: string;
  /** Path-style addressing, which MinIO needs. */
  forcePathStyle?: boolean;
  /** Credentials; the SDK's default chain (environment, profile, instance role) when absent. */
  credentials?: S3ClientConfig['credentials'];
}

const missing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
const alreadyThere = (error: unknown) =>
  error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412;

/**
 * Attachments in an S3 bucket (AWS or MinIO): `<prefix><complaintId>/<id>` holds the bytes and
 * `<prefix><complaintId>/<id>.json` the record, so a complaint's files are one listing away when its
 * customer's data is erased. The id is a UUID and the complaint id is checked, so no name reaches a key.
 * A put that finds the id taken (`If-None-Match: *`) keeps the first file, as the directory does.
 */
export function s3AttachmentStore(options: S3StoreOptions): { store: AttachmentStore; close(): void } {
  const client = new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.forcePathStyle ? { forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const Bucket = options.bucket;
  const prefix = options.prefix ?? '';
  const folderOf = (complaintId: string) => `${prefix}${complaintId}/`;
  const keyOf = (complaintId: string, id: string) => `${folderOf(complaintId)}${id}`;

  const readRecord = async (complaintId: string, id: string): Promise<StoredAttachment | undefined> => {
    try {
      const answer = await client.send(
        new GetObjectCommand({ Bucket, Key: `${keyOf(complaintId, id)}.json` }),
      );
      return JSON.parse((await answer.Body?.transformToString('utf-8')) ?? '') as StoredAttachment;
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  };

  const store: AttachmentStore = {
    async put(bytes, meta, id = randomUUID()) {
      if (!ATTACHMENT_ID.test(id)) throw new Error('an attachment id is a UUID');
      if (!ATTACHMENT_ID.test(meta.complaintId)) throw new Error('a complaint id is a UUID');
      const stored: StoredAttachment = { id, ...meta };
      const Key = keyOf(meta.complaintId, id);
      try {
        await client.send(
          new PutObjectCommand({ Bucket, Key, Body: bytes, ContentType: meta.contentType, IfNoneMatch: '*' }),
        );
      } catch (error) {
        if (!alreadyThere(error)) throw error;
        const earlier = await readRecord(meta.complaintId, id);
        if (earlier !== undefined) return earlier;
      }
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: `${Key}.json`,
          Body: JSON.stringify(stored),
          ContentType: 'application/json',
        }),
      );
      return stored;
    },
    async get(id, complaintId) {
      if (!ATTACHMENT_ID.test(id) || !ATTACHMENT_ID.test(complaintId)) return undefined;
      const meta = await readRecord(complaintId, id);
      if (meta === undefined || meta.complaintId !== complaintId) return undefined;
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(complaintId, id) }));
        const body = await answer.Body?.transformToByteArray();
        return body === undefined ? undefined : { meta, bytes: Buffer.from(body) };
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async list(complaintId) {
      if (!ATTACHMENT_ID.test(complaintId)) return [];
      const records: StoredAttachment[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: folderOf(complaintId), ContinuationToken }),
        );
        for (const object of page.Contents ?? []) {
          const id = object.Key?.slice(folderOf(complaintId).length, -'.json'.length) ?? '';
          if (!object.Key?.endsWith('.json') || !ATTACHMENT_ID.test(id)) continue;
          const record = await readRecord(complaintId, id);
          if (record?.complaintId === complaintId) records.push(record);
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken !== undefined);
      return records;
    },
    async deleteComplaint(complaintId) {
      if (!ATTACHMENT_ID.test(complaintId)) return 0;
      let deleted = 0;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: folderOf(complaintId), ContinuationToken }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length > 0) {
          // One call a page (at most 1,000 keys, the listing's page size).
          await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }));
          deleted += keys.filter((key) => key.Key.endsWith('.json')).length;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken !== undefined);
      return deleted;
    },
  };
  return { store, close: () => client.destroy() };
}
