import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryAttachmentStore } from '../src/attachments/index.js';
import { describeAttachmentStoreConformance } from './support/attachment-store-conformance.js';

describeAttachmentStoreConformance('directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'chp-attachments-'));
  return { store: directoryAttachmentStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});
