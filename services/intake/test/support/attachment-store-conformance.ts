import { randomUUID } from 'node:crypto';
import type { AttachmentStore, StoredAttachment } from '../../src/attachments/index.js';

/** One spec for every adapter of the attachments' storage port (directory, S3). */
export function describeAttachmentStoreConformance(
  adapter: string,
  open: () => Promise<{ store: AttachmentStore; close(): Promise<void> }>,
): void {
  describe(`AttachmentStore conformance: ${adapter}`, () => {
    let store: AttachmentStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(() => close());

    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const metaOf = (complaintId: string): Omit<StoredAttachment, 'id'> => ({
      name: 'rēķins ../2026.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: 'b'.repeat(64),
      complaintId,
    });

    it('gives a stored file and its record back, byte for byte, under a new UUID', async () => {
      const complaintId = randomUUID();
      const stored = await store.put(pdf, metaOf(complaintId));
      expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
      const read = await store.get(stored.id, complaintId);
      expect(read?.meta).toEqual(stored);
      expect(read?.bytes.equals(pdf)).toBe(true);
    });

    it('keeps the first file when the same id is stored again (a form sent twice)', async () => {
      const complaintId = randomUUID();
      const id = randomUUID();
      const first = await store.put(pdf, metaOf(complaintId), id);
      const again = await store.put(Buffer.from('other'), { ...metaOf(complaintId), name: 'other.txt' }, id);
      expect(again).toEqual(first);
      expect((await store.get(id, complaintId))?.bytes.equals(pdf)).toBe(true);
    });

    it('answers nothing for another complaint, an unknown id, or an id that is not a UUID', async () => {
      const complaintId = randomUUID();
      const stored = await store.put(pdf, metaOf(complaintId));
      expect(await store.get(stored.id, randomUUID())).toBeUndefined();
      expect(await store.get(randomUUID(), complaintId)).toBeUndefined();
      expect(await store.get('../../etc/passwd', complaintId)).toBeUndefined();
      await expect(store.put(pdf, metaOf(complaintId), '../escape')).rejects.toThrow('UUID');
    });

    it("lists a complaint's records, none of another's", async () => {
      const complaintId = randomUUID();
      const a = await store.put(pdf, metaOf(complaintId));
      const b = await store.put(pdf, metaOf(complaintId));
      await store.put(pdf, metaOf(randomUUID()));
      const listed = await store.list(complaintId);
      expect(listed.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(listed[0]).toMatchObject({ complaintId, name: 'rēķins ../2026.pdf', sha256: 'b'.repeat(64) });
      expect(await store.list(randomUUID())).toEqual([]);
    });

    it("deletes every file of one complaint and none of another's", async () => {
      const erased = randomUUID();
      const kept = randomUUID();
      const a = await store.put(pdf, metaOf(erased));
      const b = await store.put(pdf, metaOf(erased));
      const c = await store.put(pdf, metaOf(kept));
      expect(await store.deleteComplaint(erased)).toBe(2);
      expect(await store.get(a.id, erased)).toBeUndefined();
      expect(await store.get(b.id, erased)).toBeUndefined();
      expect(await store.get(c.id, kept)).toBeDefined();
      expect(await store.deleteComplaint(erased)).toBe(0);
    });
  });
}
