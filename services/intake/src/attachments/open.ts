import type { ComplaintEvent } from '@chp/contracts';
import type { IntakeConfig } from '../config.js';
import { s3AttachmentStore } from './s3-store.js';
import { type AttachmentStore, directoryAttachmentStore } from './store.js';

/** The store `ATTACHMENTS_STORE` names: a directory (`ATTACHMENTS_DIR`) or S3 (`ATTACHMENTS_S3_*`). */
export function attachmentStoreFrom(
  config: Pick<
    IntakeConfig,
    | 'ATTACHMENTS_STORE'
    | 'ATTACHMENTS_DIR'
    | 'ATTACHMENTS_S3_BUCKET'
    | 'ATTACHMENTS_S3_ENDPOINT'
    | 'ATTACHMENTS_S3_REGION'
    | 'ATTACHMENTS_S3_PREFIX'
    | 'ATTACHMENTS_S3_FORCE_PATH_STYLE'
  >,
): AttachmentStore {
  if (config.ATTACHMENTS_STORE === 'dir') return directoryAttachmentStore(config.ATTACHMENTS_DIR);
  if (!config.ATTACHMENTS_S3_BUCKET) throw new Error('ATTACHMENTS_STORE=s3 needs ATTACHMENTS_S3_BUCKET');
  return s3AttachmentStore({
    bucket: config.ATTACHMENTS_S3_BUCKET,
    forcePathStyle: config.ATTACHMENTS_S3_FORCE_PATH_STYLE,
    ...(config.ATTACHMENTS_S3_ENDPOINT ? { endpoint: config.ATTACHMENTS_S3_ENDPOINT } : {}),
    ...(config.ATTACHMENTS_S3_PREFIX ? { prefix: config.ATTACHMENTS_S3_PREFIX } : {}),
    ...(config.ATTACHMENTS_S3_REGION ? { region: config.ATTACHMENTS_S3_REGION } : {}),
  }).store;
}

/**
 * The erasure hook: on `CustomerDataErased` the complaint's files are deleted (they are the
 * customer's personal data, and no key shreds them). Any consumer of COMPLAINTS calls it with each
 * event; it answers how many files went (0 for every other event). Idempotent: a redelivery finds none.
 */
export async function eraseAttachmentsOn(
  store: AttachmentStore,
  event: Pick<ComplaintEvent, 'type'>,
  complaintId: string,
): Promise<number> {
  if (event.type !== 'CustomerDataErased') return 0;
  return store.deleteComplaint(complaintId);
}
