import { nameBasedUuid } from '../src/index.js';

describe('nameBasedUuid (RFC 9562 version 5)', () => {
  it('gives the RFC test vector for www.example.com in the DNS namespace', () => {
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  // What the three implementations it replaced gave: stored ids must not change.
  it.each([
    ['complaints', '6f1c2a4e9b3d4e5f8a7b1c2d3e4f5a6b', 'event:c-1:0', 'a9164e22-669d-5701-9d2e-844b5d02261c'],
    ['intake', '6f1c2a4e5b7d4c8e9a0b1c2d3e4f5a6b', 'key:web:abc', '241c4977-23a8-5f90-b34e-63a3f3e6e1dc'],
    [
      'notifications',
      '3d1f7a52-6c0e-4f5b-9a1e-5b7f0c2d8e41',
      'e\nt\nr',
      'd63cf08f-bc08-5198-b86a-11a506354da7',
    ],
  ])('gives the id %s derived before', (_service, namespace, name, id) => {
    expect(nameBasedUuid(namespace, name)).toBe(id);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedUuid('not-a-uuid', 'x')).toThrow(RangeError);
  });
});
