import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/file-adapter.js';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'chp-identity-')), 'sessions.json');

describe('the provider’s file store', () => {
  it('keeps what was stored across a restart, in a file only its owner reads', async () => {
    const path = fileIn();
    const first = await FileStore.open(path);
    await first.adapter('Session').upsert('s1', { uid: 'u1', accountId: 'agent' }, 3600);
    await first.adapter('RefreshToken').upsert('r1', { grantId: 'g1' }, 3600);

    const again = await FileStore.open(path);
    expect(await again.adapter('Session').find('s1')).toEqual({ uid: 'u1', accountId: 'agent' });
    expect(await again.adapter('Session').findByUid('u1')).toEqual({ uid: 'u1', accountId: 'agent' });
    expect(await again.adapter('RefreshToken').find('r1')).toEqual({ grantId: 'g1' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('forgets what has expired, consumed codes say so, and revoking a grant removes its tokens', async () => {
    const store = await FileStore.open(fileIn());
    const codes = store.adapter('AuthorizationCode');
    await codes.upsert('gone', { grantId: 'g2' }, -1);
    expect(await codes.find('gone')).toBeUndefined();

    await codes.upsert('c1', { grantId: 'g1' }, 600);
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));

    await store.adapter('AccessToken').upsert('a1', { grantId: 'g1' }, 600);
    await store.adapter('AccessToken').upsert('a2', { grantId: 'other' }, 600);
    await store.adapter('Grant').revokeByGrantId('g1');
    expect(await store.adapter('AccessToken').find('a1')).toBeUndefined();
    expect(await codes.find('c1')).toBeUndefined();
    expect(await store.adapter('AccessToken').find('a2')).toEqual({ grantId: 'other' });

    await store.adapter('AccessToken').destroy('a2');
    expect(await store.adapter('AccessToken').find('a2')).toBeUndefined();
  });
});
