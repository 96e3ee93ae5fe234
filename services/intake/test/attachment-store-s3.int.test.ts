import { randomUUID } from 'node:crypto';
import { s3AttachmentStore } from '../src/attachments/index.js';
import { describeAttachmentStoreConformance } from './support/attachment-store-conformance.js';

// The S3 leg runs against a real S3 (MinIO or AWS) where ATTACHMENTS_S3_ENDPOINT and
// ATTACHMENTS_S3_BUCKET are set (credentials from the SDK's chain: AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY for MinIO). Elsewhere it prints one line and registers a skipped test that
// says why: no server is faked, and there is no silent pass.
const endpoint = process.env.ATTACHMENTS_S3_ENDPOINT;
const bucket = process.env.ATTACHMENTS_S3_BUCKET;
const reason = !endpoint
  ? 'ATTACHMENTS_S3_ENDPOINT is not set (no S3 or MinIO reaches this machine)'
  : !bucket
    ? 'ATTACHMENTS_S3_BUCKET is not set'
    : undefined;

if (reason !== undefined || endpoint === undefined || bucket === undefined) {
  process.stderr.write(`[intake] S3 attachments leg skipped: ${reason}\n`);
  describe('AttachmentStore conformance: s3', () => {
    it.skip(`skipped: ${reason}`, () => {
      // Nothing to run without a server; the reason is in the test name.
    });
  });
} else {
  describeAttachmentStoreConformance('s3', async () => {
    const { store, close } = s3AttachmentStore({
      bucket,
      endpoint,
      forcePathStyle: true,
      // A prefix per run: runs never see each other's files.
      prefix: `conformance-${randomUUID()}/`,
      ...(process.env.ATTACHMENTS_S3_REGION ? { region: process.env.ATTACHMENTS_S3_REGION } : {}),
    });
    return { store, close: async () => close() };
  });
}
