import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type NatsUserName, natsPermissions, natsUserNames } from '@chp/contracts';
import { type NatsConfigUser, renderNatsConfig } from '@chp/nats-server';
import { nkeys } from '@nats-io/transport-node';

/** One NKEY per NATS user of `natsPermissions`: the seed signs in, the server knows only the public key. */
export type NatsCredentials = Readonly<Record<NatsUserName, { seed: string; publicKey: string }>>;

/** Where a local stack keeps its NATS users' keys (mode 0600). */
export const natsCredentialsFile = (dataDir: string): string => join(dataDir, 'nats-credentials.json');

/**
 * Reads `<dataDir>/nats-credentials.json`, or generates an NKEY per user into it (mode 0600) on the
 * first start. A user added to the table since gets its key on the next start.
 */
export async function loadOrCreateNatsCredentials(dataDir: string): Promise<NatsCredentials> {
  const file = natsCredentialsFile(dataDir);
  let stored: Partial<Record<string, { seed?: unknown; publicKey?: unknown }>> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as typeof stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let added = false;
  const credentials = Object.fromEntries(
    natsUserNames.map((user) => {
      const entry = stored[user];
      if (typeof entry?.seed === 'string' && typeof entry.publicKey === 'string') {
        return [user, { seed: entry.seed, publicKey: entry.publicKey }];
      }
      added = true;
      const pair = nkeys.createUser();
      return [user, { seed: new TextDecoder().decode(pair.getSeed()), publicKey: pair.getPublicKey() }];
    }),
  ) as NatsCredentials;
  if (added) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  return credentials;
}

/** The nats-server configuration of a local stack: every user of the table with its NKEY; nobody anonymous. */
export function stackNatsConfig(credentials: NatsCredentials): string {
  const users = natsUserNames.map(
    (name): NatsConfigUser => ({
      name,
      auth: { nkey: credentials[name].publicKey },
      permissions: natsPermissions[name],
    }),
  );
  return renderNatsConfig({
    header: [
      'Written by npm start (@chp/stack) from natsPermissions in @chp/contracts at every start;',
      'the keys are in nats-credentials.json next to this store.',
    ],
    users,
  });
}
