#!/usr/bin/env node
// `npm run bench -- <suite>` runs one benchmark suite, `npm run bench` runs them all.
// A suite is a file `libs/*/bench/<suite>.bench.ts` or `services/*/bench/<suite>.bench.ts`; it prints
// readable lines and ends with one JSON line: {"suite":"<name>","metrics":{...},"calibration":{...},
// "ratios":{...},"machine":{...}} (the kit in libs/testing/src/bench; see the README's "Benchmarks").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suites = new Map();
for (const group of ['libs', 'services']) {
  for (const pkg of readdirSync(join(root, group))) {
    const dir = join(root, group, pkg, 'bench');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      const match = /^(.+)\.bench\.ts$/.exec(file);
      if (match) suites.set(match[1], join(dir, file));
    }
  }
}

const wanted = process.argv.slice(2);
if (suites.size === 0) {
  console.error('No benchmark suites found (bench/<suite>.bench.ts in a package).');
  process.exit(1);
}
const unknown = wanted.filter((name) => !suites.has(name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark suite(s): ${unknown.join(', ')}. Available: ${[...suites.keys()].sort().join(', ')}`,
  );
  process.exit(2);
}

// Suites import workspace libraries from their builds; turbo makes this a no-op when nothing changed.
const build = spawnSync('npm', ['run', 'build', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
if (build.status !== 0) {
  console.error('npm run build failed; benchmarks need the workspace built.');
  process.exit(1);
}

const tsx = join(root, 'node_modules', '.bin', 'tsx');
let failed = 0;
for (const name of wanted.length > 0 ? wanted : [...suites.keys()].sort()) {
  const file = suites.get(name);
  console.log(`\n== bench ${name} (${relative(root, file)})`);
  const result = spawnSync(tsx, [file], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${name} failed with exit code ${result.status ?? result.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
