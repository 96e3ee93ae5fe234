import { EmptyAppend, InvalidStreamName, validateAppend, validateStreamName } from '@chp/eventstore';

describe('stream names', () => {
  it.each(['complaint-0b7f6a9e-4d1c-4a8e-9f3e-2c1d0e9f8a7b', 'скарга-1', 'a', 'x'.repeat(200), 'emoji-🙂'])(
    'accept %j',
    (name) => {
      expect(() => validateStreamName(name)).not.toThrow();
    },
  );

  it('names the reason in the error', () => {
    expect(() => validateStreamName('a\u0085b')).toThrow(/control characters/);
    expect(() => validateStreamName('x'.repeat(201))).toThrow(/201 characters long; the limit is 200/);
    expect(() => validateStreamName(42)).toThrow(InvalidStreamName);
  });
});

describe('appends', () => {
  const id = '0b7f6a9e-4d1c-4a8e-9f3e-2c1d0e9f8a7b';

  it('need events', () => {
    expect(() => validateAppend('s', [])).toThrow(EmptyAppend);
  });

  it('need a UUID and a type on every event', () => {
    expect(() => validateAppend('s', [{ id: 'not-a-uuid', type: 'T', data: {} }])).toThrow(
      /event 0 has id "not-a-uuid", not a UUID/,
    );
    expect(() => validateAppend('s', [{ id, type: '', data: {} }])).toThrow(/has no type/);
    expect(() => validateAppend('s', [{ id, type: 'T', data: {} }])).not.toThrow();
  });
});
