import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Makes everything under `dir` private to its owner: directories 0700, files 0600 (execute bits kept
 * for the owner only). For data written before the stack set its umask, such as PGlite's files,
 * which were 0666. Symbolic links are not followed.
 */
export async function restrictDataDir(dir: string): Promise<void> {
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.isSymbolicLink()) return;
  if (!stats.isDirectory()) {
    const wanted = stats.mode & 0o100 ? 0o700 : 0o600;
    if ((stats.mode & 0o777) !== wanted) await chmod(dir, wanted);
    return;
  }
  if ((stats.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
  for (const entry of await readdir(dir)) await restrictDataDir(join(dir, entry));
}

/** Files and directories under `dir` that group or others may read, write or enter (for tests). */
export async function exposedFiles(dir: string): Promise<string[]> {
  const exposed: string[] = [];
  const stats = await lstat(dir);
  if (stats.isSymbolicLink()) return exposed;
  if (stats.mode & 0o077) exposed.push(`${dir} (${(stats.mode & 0o777).toString(8)})`);
  if (stats.isDirectory()) {
    for (const entry of await readdir(dir)) exposed.push(...(await exposedFiles(join(dir, entry))));
  }
  return exposed;
}
