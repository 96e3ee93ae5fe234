import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  directoryAttachmentStore,
  eraseAttachmentsOn,
  inspectAttachment,
  MAX_ATTACHMENT_BYTES,
  safeFileName,
} from '../src/attachments/index.js';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

const pdf = bytes('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', Array(17).fill(0));
const zip = bytes([0x50, 0x4b, 0x03, 0x04], Array(26).fill(0), 'evil.exe', Array(40).fill(0));

describe('attachments are judged by their content', () => {
  it.each([
    ['a PDF', pdf, 'application/pdf'],
    ['a PNG', png, 'image/png'],
    ['plain UTF-8 text', Buffer.from('Számla 2026/1234: kétszer terhelve.\n'), 'text/plain'],
  ])('accepts %s with its type, size and SHA-256', async (_name, content, type) => {
    const inspected = await inspectAttachment(content);
    expect(inspected).toMatchObject({ ok: true, contentType: type, sizeBytes: content.length });
    expect(inspected.ok && inspected.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['a file over 10 MB', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x41), 'too_large'],
    ['a Windows program (MZ), whatever its name', bytes('MZ', Array(200).fill(0x90)), 'executable'],
    ['an ELF program', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], Array(100).fill(0)), 'executable'],
    ['a Mach-O program', bytes([0xcf, 0xfa, 0xed, 0xfe], Array(100).fill(0)), 'executable'],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'executable'],
    ['a ZIP archive', zip, 'archive'],
    ['a gzip archive', bytes([0x1f, 0x8b, 0x08], Array(30).fill(0)), 'archive'],
    ['a 7z archive', bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], Array(30).fill(0)), 'archive'],
    [
      'binary data of no known type',
      bytes([0x00, 0x01, 0x02, 0xff, 0xfe], Array(64).fill(7)),
      'type_not_allowed',
    ],
  ])('refuses %s', async (_name, content, reason) => {
    expect(await inspectAttachment(content)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['a PDF named .exe is a PDF', 'statement.exe', pdf, { ok: true, contentType: 'application/pdf' }],
    [
      'a program named .pdf is a program',
      'invoice.pdf',
      bytes('MZ', Array(200).fill(0x90)),
      { ok: false, reason: 'executable' },
    ],
    ['a ZIP named .docx is an archive', 'letter.docx', zip, { ok: false, reason: 'archive' }],
    [
      'a text named .png is text',
      'photo.png',
      Buffer.from('plain words\n'),
      { ok: true, contentType: 'text/plain' },
    ],
    ['exactly 10 MB of text is taken', 'ten.txt', Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x41), { ok: true }],
  ])('judges by content, not name: %s', async (_case, _name, content, expected) => {
    expect(await inspectAttachment(content)).toMatchObject(expected);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/absolute/path/a.pdf', 'a.pdf'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1', '_com1'],
    ['console.pdf', 'console.pdf'],
    ['report.pdf. . ', 'report.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u202Bcv\u202C\u2067.pdf', 'cv.pdf'],
    ['a\u200Fb\u200E\u061C.pdf', 'ab.pdf'],
    ['zero\u200Bwidth\uFEFF.pdf', 'zerowidth.pdf'],
    ['new\nline\r.pdf', 'newline.pdf'],
    ['<b onmouseover=x>.pdf', 'b onmouseover=x.pdf'],
    ['', 'attachment'],
    ['Számla 2026.pdf', 'Számla 2026.pdf'],
  ])('names %j %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('keeps only a harmless last segment of a file name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system32\\evil.pdf')).toBe('evil.pdf');
    expect(safeFileName('..')).toBe('attachment');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('.htaccess')).toBe('htaccess');
  });
});

describe('the directory store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chp-attachments-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores under a generated id, gives a file back to its complaint only, and never uses the name as a path', async () => {
    const complaintId = '0b6f7c2e-5d1a-5e3b-9c4d-2a1b3c4d5e6f';
    const stored = await directoryAttachmentStore(dir).put(pdf, {
      name: '../../escape.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: 'a'.repeat(64),
      complaintId,
    });
    expect(await readdir(dir)).toEqual([stored.id, `${stored.id}.json`].sort());
    const read = await directoryAttachmentStore(dir).get(stored.id, complaintId);
    expect(read?.bytes.equals(pdf)).toBe(true);
    expect(
      await directoryAttachmentStore(dir).get(stored.id, '11111111-1111-4111-8111-111111111111'),
    ).toBeUndefined();
    expect(await directoryAttachmentStore(dir).get('../../etc/passwd', complaintId)).toBeUndefined();
  });
});

describe('erasure', () => {
  it("deletes a complaint's files on CustomerDataErased and nothing on other events", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chp-erase-'));
    try {
      const store = directoryAttachmentStore(dir);
      const complaintId = '0b6f7c2e-5d1a-5e3b-9c4d-2a1b3c4d5e6f';
      const meta = {
        name: 'a.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: 'c'.repeat(64),
      };
      const kept = await store.put(pdf, { ...meta, complaintId: '11111111-1111-4111-8111-111111111111' });
      const mine = await store.put(pdf, { ...meta, complaintId });
      expect(await eraseAttachmentsOn(store, { type: 'ComplaintResolved' }, complaintId)).toBe(0);
      expect(await store.get(mine.id, complaintId)).toBeDefined();
      expect(await eraseAttachmentsOn(store, { type: 'CustomerDataErased' }, complaintId)).toBe(1);
      expect(await store.get(mine.id, complaintId)).toBeUndefined();
      expect(await readdir(dir)).toEqual([kept.id, `${kept.id}.json`].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
