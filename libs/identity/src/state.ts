import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The local accounts: one per role a person holds at the desk. */
export const localRoles = ['agent', 'supervisor', 'admin'] as const;
export type LocalRole = (typeof localRoles)[number];

/** The team of each local account (the ID token's `team`): the agent and the supervisor work in `cards`. */
export const localTeams: Readonly<Record<LocalRole, string | undefined>> = {
  agent: 'cards',
  supervisor: 'cards',
  admin: undefined,
};

/** An account's team; files written before accounts had one get their role's. */
export function teamOf(account: StoredAccount): string | undefined {
  if (account.team !== undefined) return account.team;
  const role = account.roles[0];
  return role ? localTeams[role] : undefined;
}

export interface StoredAccount {
  /** The sign-in name and the token's `sub`: `agent`, `supervisor`, `admin`. */
  username: string;
  name: string;
  roles: LocalRole[];
  /** The team the person works in (the ID token's `team` claim); none for the admin. */
  team?: string;
  /** scrypt(password, salt), base64url; the password itself is never stored. */
  salt: string;
  hash: string;
}

export interface IdentityState {
  /** The provider's private signing key (RS256), with `kid`. */
  signingKey: JWK;
  /** Keys that sign the provider's own cookies. */
  cookieKeys: string[];
  /** The console's confidential client secret. */
  consoleClientSecret: string;
  accounts: StoredAccount[];
}

export interface LoadedState {
  state: IdentityState;
  /** The generated passwords, only on the first start (afterwards only their hashes exist). */
  newPasswords: Record<string, string> | undefined;
}

const scryptKeyLength = 32;

function scryptHash(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, scryptKeyLength, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** True when `password` is the account's; compared in constant time. */
export async function passwordMatches(account: StoredAccount, password: string): Promise<boolean> {
  const expected = Buffer.from(account.hash, 'base64url');
  const actual = await scryptHash(password, Buffer.from(account.salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

async function newAccount(role: LocalRole, password: string): Promise<StoredAccount> {
  const salt = randomBytes(16);
  const hash = await scryptHash(password, salt);
  const name = `Local ${role}`;
  const team = localTeams[role];
  return {
    username: role,
    name,
    roles: [role],
    ...(team ? { team } : {}),
    salt: salt.toString('base64url'),
    hash: hash.toString('base64url'),
  };
}

/**
 * Reads `<dir>/identity.json`, or creates it (mode 0600) on the first start: a signing key, cookie
 * keys, the console's client secret and one account per local role with a generated password.
 */
export async function loadOrCreateState(dir: string): Promise<LoadedState> {
  const file = join(dir, 'identity.json');
  try {
    const state = JSON.parse(await readFile(file, 'utf8')) as IdentityState;
    if (!state.signingKey || !Array.isArray(state.accounts) || !state.consoleClientSecret) {
      throw new Error(`${file} is incomplete; delete it to generate new keys and passwords`);
    }
    return { state, newPasswords: undefined };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const signingKey: JWK = {
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString('base64url'),
    alg: 'RS256',
    use: 'sig',
  };
  const newPasswords: Record<string, string> = {};
  const accounts: StoredAccount[] = [];
  for (const role of localRoles) {
    const password = randomBytes(12).toString('base64url');
    newPasswords[role] = password;
    accounts.push(await newAccount(role, password));
  }
  const state: IdentityState = {
    signingKey,
    cookieKeys: [randomBytes(32).toString('base64url')],
    consoleClientSecret: randomBytes(32).toString('base64url'),
    accounts,
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { state, newPasswords };
}
