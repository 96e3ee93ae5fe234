import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeAnswerSchema } from '@chp/contracts';
import { directoryAttachmentStore } from '../src/attachments/index.js';
import { GATEWAY, type IntakeHarness, startIntake } from './support/intake.js';

let h: IntakeHarness;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chp-mail-attachments-'));
  h = await startIntake();
  h.deps.attachments = directoryAttachmentStore(dir);
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const passed = `${GATEWAY} 1; spf=pass smtp.mailfrom=example.ua; dkim=pass header.d=example.ua; dmarc=pass (p=reject) header.from=example.ua`;

let n = 0;
/** A multipart/mixed mail with a text part and base64 files. */
function mailWith(subject: string, text: string, files: [string, string, Buffer][]): string {
  n += 1;
  const boundary = `b-${n}-${Date.now()}`;
  const parts = [
    `Content-Type: text/plain; charset=utf-8\r\n\r\n${text}`,
    ...files.map(
      ([name, type, bytes]) =>
        `Content-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${bytes.toString('base64')}`,
    ),
  ];
  return [
    'From: "Olena Petrenko" <olena@example.ua>',
    'To: complaints@example.com',
    `Subject: ${subject}`,
    `Message-ID: <att-${process.pid}-${Date.now()}-${n}@example.ua>`,
    `Authentication-Results: ${passed}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    ...parts.map((part) => `--${boundary}\r\n${part}`),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

const postMail = (raw: string) => h.post('/v1/channels/email', raw, { 'content-type': 'message/rfc822' });

describe("the e-mail channel's attachments", () => {
  it('stores a new mail’s files and notes the refused ones for the agent, without refusing the mail', async () => {
    const res = await postMail(
      mailWith('Broken meter', 'The meter shows nonsense, photos attached.', [
        ['meter.pdf', 'application/pdf', pdf],
        ['update.pdf', 'application/pdf', exe],
      ]),
    );
    expect(res.status).toBe(201);
    const { complaintId } = intakeAnswerSchema.parse(await res.json());
    const filed = (await h.complaints.eventsOf(complaintId))[0]?.data as {
      description: string;
      attachments: { objectKey: string; name: string; sha256: string }[];
    };
    expect(filed.attachments).toEqual([
      expect.objectContaining({ name: 'meter.pdf', contentType: 'application/pdf', sizeBytes: pdf.length }),
    ]);
    expect(filed.description).toMatch(/Attachments not accepted: update\.pdf \(is a program/);
    const stored = await directoryAttachmentStore(dir).get(
      filed.attachments[0]?.objectKey ?? '',
      complaintId,
    );
    expect(stored?.bytes.equals(pdf)).toBe(true);
  });

  it('stores the files of a reply on its complaint and references them from the response', async () => {
    const first = await postMail(mailWith('Late refund', 'Where is my refund?', []));
    const filed = intakeAnswerSchema.parse(await first.json());
    const reply = await postMail(
      mailWith(`Re: [${filed.reference}]`, 'Here is the receipt.', [['receipt.pdf', 'application/pdf', pdf]]),
    );
    expect(reply.status).toBe(200);
    const events = await h.complaints.eventsOf(filed.complaintId);
    const responded = events.find((e) => e.type === 'CustomerResponded')?.data as {
      attachments?: { objectKey: string }[];
    };
    expect(responded.attachments).toEqual([expect.objectContaining({ name: 'receipt.pdf' })]);
    const id = responded.attachments?.[0]?.objectKey ?? '';
    expect(await directoryAttachmentStore(dir).get(id, filed.complaintId)).toBeDefined();
  });
});
