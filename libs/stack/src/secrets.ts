import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The secrets a local stack shares between its services, generated once into the data directory. */
export interface StackSecrets {
  /** HS256 key of every service's bearer tokens. */
  jwtSecret: string;
  /** HMAC key of customer links: notifications signs them, intake verifies them. */
  customerLinkSecret: string;
}

/**
 * Reads `<dataDir>/secrets.json`, or generates 256-bit secrets into it (mode 0600) on the first start,
 * so that tokens printed by one `npm start` still work after the next.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<StackSecrets> {
  const file = join(dataDir, 'secrets.json');
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as Partial<StackSecrets>;
    if (typeof json.jwtSecret === 'string' && typeof json.customerLinkSecret === 'string') {
      return { jwtSecret: json.jwtSecret, customerLinkSecret: json.customerLinkSecret };
    }
    throw new Error(`${file} lacks jwtSecret or customerLinkSecret; delete it to generate new secrets`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: StackSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    customerLinkSecret: randomBytes(32).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}
