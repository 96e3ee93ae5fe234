// The Node.js check that `npm start` runs before anything else: the sentence on an old Node, silence on
// a current one, and the root script running it first (before turbo builds with a Node it cannot use).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@chp/stack';

const root = repoRoot(__dirname);
const script = join(root, 'libs', 'stack', 'bin', 'require-node.cjs');
const { tooOld, minimumMajor } = require(script) as {
  tooOld: (version: string) => string | undefined;
  minimumMajor: number;
};

test('Node 18 gets a sentence naming the version needed and the one found', () => {
  const problem = tooOld('v18.19.0');
  expect(problem).toContain(`Node.js ${minimumMajor} or newer is needed; this is v18.19.0`);
  expect(tooOld('v16.20.2')).toContain('this is v16.20.2');
  expect(tooOld('garbage')).toContain('this is garbage');
});

test('Node 20 and later pass, and the script exits 0 on this Node', () => {
  expect(tooOld('v20.0.0')).toBeUndefined();
  expect(tooOld('v22.11.0')).toBeUndefined();
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('');
});

test('the root start script runs the check before it builds', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    engines: { node: string };
  };
  expect(pkg.scripts.start?.startsWith('node libs/stack/bin/require-node.cjs && ')).toBe(true);
  // The check and `engines` name the same major version.
  expect(pkg.engines.node).toBe(`>=${minimumMajor}.0.0`);
});
