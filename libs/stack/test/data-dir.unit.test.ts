// `npm start` makes its data directory private: PGlite wrote its files 0666 (issue 22, section 8).
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposedFiles, restrictDataDir } from '@chp/stack';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chp-data-dir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('files written world-readable by an earlier start become 0600, directories 0700', async () => {
  await mkdir(join(dir, 'complaints', 'base'), { recursive: true });
  await writeFile(join(dir, 'complaints', 'base', 'PG_VERSION'), '17');
  await writeFile(join(dir, 'secrets.json'), '{}');
  await chmod(join(dir, 'complaints', 'base', 'PG_VERSION'), 0o666);
  await chmod(join(dir, 'secrets.json'), 0o644);
  await chmod(join(dir, 'complaints', 'base'), 0o777);
  await chmod(join(dir, 'complaints'), 0o755);
  expect(await exposedFiles(dir)).toHaveLength(4);

  await restrictDataDir(dir);

  expect(await exposedFiles(dir)).toEqual([]);
  expect((await stat(join(dir, 'complaints', 'base', 'PG_VERSION'))).mode & 0o777).toBe(0o600);
  expect((await stat(join(dir, 'complaints', 'base'))).mode & 0o777).toBe(0o700);
});

test('a data directory that does not exist yet is no error', async () => {
  await expect(restrictDataDir(join(dir, 'missing'))).resolves.toBeUndefined();
});
