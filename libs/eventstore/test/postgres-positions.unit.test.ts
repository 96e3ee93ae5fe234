import { InvalidPosition } from '@chp/eventstore';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  parsePosition,
} from '../src/postgres/positions.js';

describe('PostgreSQL positions', () => {
  it('encode (transaction id, global position) as fixed-width text that sorts like the pair', () => {
    const positions = [
      encodePosition('9', '100'),
      encodePosition('10', '5'),
      encodePosition('10', '40'),
      encodePosition('18446744073709551615', '1'),
    ];
    expect(positions[0]).toBe('00000000000000000009:00000000000000000100');
    expect([...positions].sort()).toEqual(positions);
    expect([...positions].sort(comparePositions)).toEqual(positions);
    expect(comparePositions(positions[1] as string, positions[1] as string)).toBe(0);
  });

  it('decode without the padding, since PostgreSQL reads a leading zero in an xid8 as octal', () => {
    expect(decodePosition('00000000000000065783:00000000000000000002')).toEqual({
      transactionId: '65783',
      globalPosition: '2',
    });
  });

  it.each([
    ['', 'empty'],
    ['12:34', 'not padded'],
    ['00000000000000000001-00000000000000000001', 'wrong separator'],
    ['99999999999999999999:00000000000000000001', 'transaction id beyond 2^64'],
    ['00000000000000000001:99999999999999999999', 'position beyond 2^63'],
  ])('reject %j (%s) with InvalidPosition', (raw) => {
    expect(() => parsePosition(raw)).toThrow(InvalidPosition);
  });
});
