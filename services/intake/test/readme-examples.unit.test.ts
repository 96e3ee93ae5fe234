import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMail } from '../src/email/classify.js';
import { prepare } from '../src/submission/submit.js';

/** Every `curl … -d '<json>'` in the README that posts to /v1/complaints, with its Accept-Language. */
function readmeSubmissions(): { body: unknown; acceptLanguage?: string }[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const curls = readme.match(/curl [^`]*?\/v1\/complaints\b[^`]*?-d '([^']*)'/g) ?? [];
  return curls.map((curl) => {
    const json = /-d '([^']*)'/.exec(curl)?.[1] ?? '';
    const language = /Accept-Language: ([^']+)'/.exec(curl)?.[1];
    return { body: JSON.parse(json), ...(language === undefined ? {} : { acceptLanguage: language }) };
  });
}

describe('the README', () => {
  const examples = readmeSubmissions();

  it('shows at least one submission', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((e, i) => [i + 1, e] as const))('example %i is a valid submission', (_, example) => {
    const { submission } = prepare({ defaultRegion: 'GB', defaultLanguage: 'en' }, example.body, {
      acceptLanguage: example.acceptLanguage,
    });
    expect(submission.channel).toBeDefined();
    // What the README says normalisation does to this very example.
    if (submission.customer.email !== undefined) expect(submission.customer.email).toMatch(/@[^A-Z]+$/);
    if (submission.customer.phone !== undefined) expect(submission.customer.phone).toMatch(/^\+\d{8,15}$/);
  });

  it('normalises the first example as its prose describes', () => {
    const [first] = examples;
    const { submission } = prepare({ defaultRegion: 'GB', defaultLanguage: 'en' }, first?.body, {
      acceptLanguage: first?.acceptLanguage,
    });
    expect(submission.customer).toMatchObject({
      email: 'Olena@example.ua',
      phone: '+447911123456',
      preferredLanguage: 'uk',
    });
    expect(submission.attachments).toEqual([
      expect.objectContaining({ name: 'receipt.pdf', sizeBytes: 52311 }),
    ]);
  });
});

describe("the README's e-mail", () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const sample = /A new mail \(`mail\.eml`[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const replySubject = /`(Subject: Re: [^`]*)`/.exec(readme)?.[1] ?? '';

  it('is a new complaint as shown, and its reply threads on the reference', async () => {
    const kind = await classifyMail(Buffer.from(sample));
    expect(kind).toMatchObject({
      kind: 'new',
      mail: { subject: 'My parcel never arrived', fromAddress: 'olena@example.ua', languageHint: 'uk' },
    });
    const reply = sample.replace(/^Subject: .*$/m, replySubject);
    expect(await classifyMail(Buffer.from(reply))).toMatchObject({ kind: 'reply', reference: 'C-7KX2-9QMG' });
  });
});
