import { timeZoneSchema } from '@chp/contracts';

describe('timeZoneSchema', () => {
  it('accepts IANA zones and refuses others, the same on every parse (answers are remembered)', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(timeZoneSchema.safeParse('Europe/Riga').success).toBe(true);
      expect(timeZoneSchema.safeParse('UTC').success).toBe(true);
      expect(timeZoneSchema.safeParse('Mars/Olympus_Mons').success).toBe(false);
      expect(timeZoneSchema.safeParse('').success).toBe(false);
    }
  });

  it('still answers right after more distinct zones than it remembers', () => {
    for (let i = 0; i < 1_500; i += 1)
      expect(timeZoneSchema.safeParse(`Nowhere/Zone_${i}`).success).toBe(false);
    expect(timeZoneSchema.safeParse('Europe/Riga').success).toBe(true);
    expect(timeZoneSchema.safeParse('Nowhere/Zone_0').success).toBe(false);
    expect(timeZoneSchema.safeParse('Asia/Tokyo').success).toBe(true);
  });
});
