// The layout's conventions, checked over the sources' imports: each folder of a package's `src/` has
// an index.ts, code in another folder imports the folder through it, and no imports go round in a
// cycle. Tests, benchmarks and scripts may import the file they exercise, so only `src/` is read.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '@chp/stack';

const root = repoRoot(__dirname);

/** Folders of entry points (run, never imported): no barrel. */
const entryFolders = new Set(['libs/stack/src/cli']);

/**
 * Browser apps laid out as bulletproof-react lays them out: by feature, without barrels (a barrel
 * defeats Vite's tree-shaking and fast refresh), and no feature imports another (checked below).
 */
const browserApps = ['services/console/src'];
const inBrowserApp = (path: string): boolean => browserApps.some((app) => path.startsWith(`${app}/`));

/** Imports of a file inside another folder, each with the reason in the importing file. */
const throughFileAllowed = new Set(['libs/platform/src/http/auth.ts -> libs/platform/src/config/env.ts']);

function sourceFolders(): string[] {
  return ['libs', 'services'].flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => join(group, name, 'src'))
      .filter((src) => existsSync(join(root, src))),
  );
}

function filesUnder(folder: string, sources = /\.ts$/): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path, sources);
    return sources.test(name) ? [path] : [];
  });
}

/** Relative imports and re-exports, type-only ones included, as repository paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)].map((m) =>
    relative(root, resolve(join(root, dirname(file)), (m[1] as string).replace(/\.js$/, '.ts'))),
  );
}

const srcs = sourceFolders();
const files = srcs.flatMap((src) => filesUnder(src));
const graph = new Map(files.map((file) => [file, importsOf(file)]));

test('the import graph is read: every package, and the imports between files', () => {
  expect(srcs).toEqual(expect.arrayContaining(['libs/contracts/src', 'services/complaints/src']));
  expect([...graph.values()].flat().length).toBeGreaterThan(files.length);
  expect(graph.get('services/complaints/src/relay/relay.ts')).toContain(
    'services/complaints/src/relay/options.ts',
  );
});

test('every folder below src/ has an index.ts', () => {
  const folders = [...new Set(files.map(dirname))].filter(
    (folder) => !srcs.includes(folder) && !inBrowserApp(folder),
  );
  const missing = folders.filter(
    (folder) => !entryFolders.has(folder) && !existsSync(join(root, folder, 'index.ts')),
  );
  expect(missing).toEqual([]);
});

test('code in another folder imports a folder through its index.ts, not a file inside it', () => {
  const through = [...graph].flatMap(([file, targets]) =>
    targets
      .filter((target) => dirname(target) !== dirname(file) && !target.endsWith('/index.ts'))
      .filter((target) => !srcs.includes(dirname(target)))
      .map((target) => `${file} -> ${target}`),
  );
  expect(
    through.filter((edge) => !throughFileAllowed.has(edge) && !inBrowserApp(edge.split(' -> ')[0] as string)),
  ).toEqual([]);
});

test('in a browser app, no feature imports another feature', () => {
  const featureOf = (path: string): string | undefined => /\/src\/features\/([^/]+)\//.exec(path)?.[1];
  const appFiles = browserApps.flatMap((app) => filesUnder(app, /\.tsx?$/));
  expect(appFiles.some((file) => featureOf(file) !== undefined)).toBe(true);
  // The app's shell (src/app) composes the features; a feature's own files keep to it and shared code.
  const crossing = appFiles.flatMap((file) =>
    importsOf(file)
      .filter((target) => featureOf(file) !== undefined && featureOf(target) !== undefined)
      .filter((target) => featureOf(target) !== featureOf(file))
      .map((target) => `${file} -> ${target}`),
  );
  expect(crossing).toEqual([]);
});

test('no imports go round in a cycle', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === 'open')
        cycles.push([...path.slice(path.indexOf(target)), target].join(' -> '));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  expect(cycles).toEqual([]);
});
