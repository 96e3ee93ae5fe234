import {
  complaintReferenceSchema,
  formatReference,
  parseReference,
  REFERENCE_ALPHABET,
  referenceCandidate,
  referenceFromBytes,
} from '@chp/contracts';

describe('complaint references', () => {
  it('formats a payload with its check character and dashes', () => {
    expect(formatReference('7KX29QM')).toBe('C-7KX2-9QMG');
    expect(formatReference('0000000')).toBe('C-0000-0000');
  });

  it('refuses a payload of the wrong length or alphabet', () => {
    expect(() => formatReference('7KX29Q')).toThrow(RangeError);
    expect(() => formatReference('7KX29QU')).toThrow(/Crockford/);
  });

  it.each([
    ['C-7KX2-9QMG', 'canonical'],
    ['c-7kx2-9qmg', 'lower case'],
    ['C7KX29QMG', 'without dashes'],
    ['7KX2-9QMG', 'without the C'],
    [' c 7kx2 9qmg ', 'with spaces'],
  ])('reads %s (%s)', (input) => {
    expect(parseReference(input)).toEqual({ ok: true, reference: 'C-7KX2-9QMG' });
  });

  it('reads O as 0 and I or L as 1, as Crockford base32 does', () => {
    const reference = formatReference('10L0I00');
    expect(reference).toBe(formatReference('1010100'));
    expect(parseReference(reference.replace(/0/g, 'O'))).toEqual({ ok: true, reference });
  });

  it('tells a wrong check character apart from a malformed input', () => {
    expect(parseReference('C-7KX2-9QMA')).toMatchObject({ ok: false, reason: 'check_character' });
    expect(parseReference('C-7KX2-9QM')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseReference('C-7KX2-9QMU')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseReference('')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('catches every single mistyped character', () => {
    const reference = 'C-7KX2-9QMG';
    for (const position of [2, 3, 4, 5, 7, 8, 9, 10]) {
      for (const char of REFERENCE_ALPHABET) {
        if (char === reference[position]) continue;
        const typo = reference.slice(0, position) + char + reference.slice(position + 1);
        expect([typo, parseReference(typo).ok]).toEqual([typo, false]);
      }
    }
  });

  it('catches most swaps of neighbouring characters', () => {
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 2_000; n++) {
      const payload = [...Array(7)].map((_, i) => REFERENCE_ALPHABET[(n * 7 + i * 13 + n * i) % 32]).join('');
      const chars = formatReference(payload).replace(/-/g, '').slice(1);
      for (let i = 0; i < chars.length - 1; i++) {
        if (chars[i] === chars[i + 1]) continue;
        const swapped = chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2);
        swaps++;
        if (!parseReference(swapped).ok) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it('derives a reference from the first 35 bits of some bytes', () => {
    expect(referenceFromBytes(new Uint8Array([0, 0, 0, 0, 0]))).toBe('C-0000-0000');
    // 0xFF… gives 35 one-bits: seven Z (31) characters.
    expect(referenceFromBytes(new Uint8Array(16).fill(0xff))).toBe(formatReference('ZZZZZZZ'));
    expect(() => referenceFromBytes(new Uint8Array(4))).toThrow(RangeError);
  });

  it("walks a complaint's candidates deterministically: its id's bits first, then hashes of id#n", () => {
    const id = '0b6f7c2e-5d1a-5e3b-9c4d-2a1b3c4d5e6f';
    expect(referenceCandidate(id, 0)).toBe(referenceFromBytes(Buffer.from('0b6f7c2e5d', 'hex')));
    const candidates = Array.from({ length: 8 }, (_, n) => referenceCandidate(id, n));
    expect(new Set(candidates).size).toBe(8);
    expect(candidates.every((c) => complaintReferenceSchema.safeParse(c).success)).toBe(true);
    expect(Array.from({ length: 8 }, (_, n) => referenceCandidate(id, n))).toEqual(candidates);
    expect(referenceCandidate('7a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d', 1)).not.toBe(candidates[1]);
    expect(() => referenceCandidate(id, -1)).toThrow(RangeError);
    expect(() => referenceCandidate(id, 1.5)).toThrow(RangeError);
  });

  it('has a schema that takes canonical references with a right check character only', () => {
    expect(complaintReferenceSchema.safeParse('C-7KX2-9QMG').success).toBe(true);
    expect(complaintReferenceSchema.safeParse('c-7kx2-9qmg').success).toBe(false);
    const wrongCheck = complaintReferenceSchema.safeParse('C-7KX2-9QMA');
    expect(wrongCheck.error?.issues.map((i) => i.message)).toEqual(['has a wrong check character']);
  });
});
