import { masked, maskedPreview, maskValue } from '../src/operator/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the masked preview of a dead letter', () => {
  it('masks personal fields by name, whole objects under a personal name, and e-mails and phones anywhere', () => {
    const preview = maskValue({
      channel: 'post',
      externalRef: 'scan-1',
      customer: {
        name: 'Olena Petrenko',
        email: 'olena@example.com',
        phone: '+380441234567',
        preferredLanguage: 'uk',
      },
      address: { street: 'Khreshchatyk 1', city: 'Kyiv' },
      subject: 'Card blocked',
      description: 'Please help',
      metadata: { note: 'x', correlation: 'reach me at olena@example.com or +38 044 123 45 67' },
      count: 3,
    });
    expect(preview).toEqual({
      channel: 'post',
      externalRef: 'scan-1',
      customer: { name: masked, email: masked, phone: masked, preferredLanguage: 'uk' },
      address: { street: masked, city: masked },
      subject: masked,
      description: masked,
      metadata: { note: masked, correlation: `reach me at ${masked} or ${masked}` },
      count: 3,
    });
  });

  it('masks text that is not JSON, names bytes that are not UTF-8, and cuts long previews', () => {
    expect(maskedPreview(bytes('{"name": broken olena@example.com'))).toBe(`{"name": broken ${masked}`);
    expect(maskedPreview(new Uint8Array([0xff, 0xfe]))).toBe('(2 bytes, not UTF-8)');
    expect(maskedPreview(bytes(JSON.stringify({ ref: 'a'.repeat(5_000) })), 100)).toHaveLength(101);
  });
});
