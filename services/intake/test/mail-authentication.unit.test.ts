import { parseAuthenticationResults, passesAuthentication } from '../src/email/index.js';

const ours = ['mx.example.com'];
const from = 'olena@mail.example.ua';

describe("the receiving gateway's Authentication-Results verdict", () => {
  it('passes on dmarc=pass from our authserv-id, comments and a version aside', () => {
    const header =
      'mx.example.com 1; spf=pass (sender ok) smtp.mailfrom=example.ua; dmarc=pass (p=reject) header.from=example.ua';
    expect(parseAuthenticationResults(header).methods.get('dmarc')?.result).toBe('pass');
    expect(passesAuthentication([header], from, ours)).toBe(true);
  });

  it.each([
    ['dmarc=fail', ['mx.example.com; dkim=pass header.d=example.ua; dmarc=fail header.from=example.ua']],
    ['dmarc=none', ['mx.example.com; dmarc=none header.from=example.ua']],
    ['no header', []],
    ['only another authserv-id', ['mx.evil.example; dmarc=pass header.from=example.ua']],
    // The gateway's own verdict is the topmost; a "pass" the sender planted below it does not count.
    [
      'a planted pass below our fail',
      [
        'mx.example.com; dmarc=fail header.from=example.ua',
        'mx.example.com; dmarc=pass header.from=example.ua',
      ],
    ],
    ['dkim=pass for an unaligned domain', ['mx.example.com; dkim=pass header.d=evil.example']],
    ['dkim=pass for a look-alike domain', ['mx.example.com; dkim=pass header.d=ple.ua']],
  ])('refuses %s', (_name, headers) => {
    expect(passesAuthentication(headers, from, ours)).toBe(false);
  });

  it('without a DMARC result, passes on dkim=pass aligned with the From domain or a parent of it', () => {
    expect(passesAuthentication(['MX.Example.COM; dkim=pass header.d=example.ua'], from, ours)).toBe(true);
    expect(passesAuthentication(['mx.example.com; dkim=pass header.d=mail.example.ua'], from, ours)).toBe(
      true,
    );
  });

  it('trusts no header when no authserv-id is configured', () => {
    expect(passesAuthentication(['mx.example.com; dmarc=pass'], from, [])).toBe(false);
  });
});
