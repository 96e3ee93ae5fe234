import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeAnswerSchema } from '@chp/contracts';
import { signToken } from '@chp/platform';
import { directoryAttachmentStore } from '../src/attachments/index.js';
import { attachmentsRouter } from '../src/http/attachments.js';
import { type IntakeHarness, JWT_SECRET, startIntake, submission } from './support/intake.js';

let h: IntakeHarness;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chp-api-attachments-'));
  const attachments = directoryAttachmentStore(dir);
  h = await startIntake({
    routers: async (submissions) => [attachmentsRouter({ submissions, attachments })],
  });
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const zip = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('a.exe'),
  Buffer.alloc(40),
]);

function form(body: unknown, files: [string, Buffer][]): FormData {
  const data = new FormData();
  data.set('submission', typeof body === 'string' ? body : JSON.stringify(body));
  for (const [name, bytes] of files) data.append('attachments', new Blob([bytes]), name);
  return data;
}

const send = (data: FormData, token = h.channelToken) =>
  fetch(`${h.url}/v1/complaints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: data,
  });

const download = (complaintId: string, attachmentId: string, token?: string) =>
  fetch(`${h.url}/v1/complaints/${complaintId}/attachments/${attachmentId}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

interface Reference {
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  objectKey: string;
}

async function fileWith(files: [string, Buffer][]) {
  const res = await send(form(submission(), files));
  expect(res.status).toBe(201);
  const { complaintId } = intakeAnswerSchema.parse(await res.json());
  const filed = (await h.complaints.eventsOf(complaintId))[0]?.data as { attachments?: Reference[] };
  return { complaintId, attachments: filed.attachments ?? [] };
}

describe('POST /v1/complaints with files (multipart/form-data)', () => {
  it('stores the files and references them by id, type, size and SHA-256 on ComplaintFiled', async () => {
    const { attachments } = await fileWith([
      ['../../etc/receipt.pdf', pdf],
      ['note.txt', Buffer.from('Számla kétszer.\n')],
    ]);
    expect(attachments).toEqual([
      {
        name: 'receipt.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        objectKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
      expect.objectContaining({ name: 'note.txt', contentType: 'text/plain' }),
    ]);
  });

  it.each([
    ['a program named .pdf', [['invoice.pdf', exe]] as [string, Buffer][], '#/attachments/0', 'executable'],
    [
      'a ZIP as the third file',
      [
        ['a.pdf', pdf],
        ['b.pdf', pdf],
        ['c.zip', zip],
      ] as [string, Buffer][],
      '#/attachments/2',
      'archive',
    ],
    [
      'an oversized file',
      [['big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)]] as [string, Buffer][],
      '#/attachments/0',
      'too_large',
    ],
    [
      '11 files',
      Array.from({ length: 11 }, (_, i) => [`f${i}.pdf`, pdf]) as [string, Buffer][],
      '#/attachments',
      'too_many',
    ],
  ])(
    'refuses %s with problem+json naming the file, and files nothing',
    async (_name, files, pointer, code) => {
      const before = await readdir(dir);
      const res = await send(form(submission(), files));
      expect(res.status).toBe(400);
      expect(await readdir(dir)).toEqual(before);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: { pointer: string; code: string }[] };
      expect(problem.errors).toEqual([expect.objectContaining({ pointer, code })]);
    },
  );

  it('names the submission field when it is missing or not JSON, and the body fields as the JSON route does', async () => {
    const notJson = await send(form('{oops', [['a.pdf', pdf]]));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ errors: [{ pointer: '#/submission' }] });
    const invalid = await send(form(submission({ subject: '' }), [['a.pdf', pdf]]));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      errors: [expect.objectContaining({ pointer: '#/subject' })],
    });
  });

  it('wants the channel role, as the JSON route does', async () => {
    expect((await send(form(submission(), [['a.pdf', pdf]]), h.agentToken)).status).toBe(403);
  });
});

describe('GET /v1/complaints/:complaintId/attachments/:attachmentId', () => {
  it('gives an agent, a supervisor and an admin the file as a download; nobody without a token or role', async () => {
    const { complaintId, attachments } = await fileWith([['Rēķins\u202Efdp.exe.pdf', pdf]]);
    const id = attachments[0]?.objectKey ?? '';
    const res = await download(complaintId, id, h.agentToken);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="/);
    expect(decodeURIComponent(disposition)).toContain('Rēķinsfdp.exe.pdf');
    for (const role of ['supervisor', 'admin'] as const) {
      const token = await signToken({ secret: JWT_SECRET, subject: `a-${role}`, roles: [role] });
      expect((await download(complaintId, id, token)).status).toBe(200);
    }
    expect((await download(complaintId, id)).status).toBe(401);
    expect((await download(complaintId, id, h.channelToken)).status).toBe(403);
    const customer = await signToken({
      secret: JWT_SECRET,
      subject: 'a-customer',
      roles: ['customer'] as never,
    });
    expect([401, 403]).toContain((await download(complaintId, id, customer)).status);
  });

  it("answers 404 for a file asked for under another complaint's id", async () => {
    const mine = await fileWith([['mine.pdf', pdf]]);
    const other = await fileWith([['other.pdf', pdf]]);
    const res = await download(other.complaintId, mine.attachments[0]?.objectKey ?? '', h.agentToken);
    expect(res.status).toBe(404);
    expect((await download(mine.complaintId, '../../etc/passwd', h.agentToken)).status).toBe(404);
  });
});
