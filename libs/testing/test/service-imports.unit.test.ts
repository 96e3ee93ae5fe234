// Services are independent: a file under services/X never imports services/Y (see
// support/service-imports.ts). The fixture proves the check sees each way of doing it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crossServiceImports } from './support/service-imports.js';

test('no file under services/<X> imports another service, nor does its package.json depend on one', () => {
  expect(crossServiceImports(resolve(__dirname, '../../..'))).toEqual([]);
});

describe('the check', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'chp-imports-'));
    write(
      'services/alpha/package.json',
      JSON.stringify({ name: '@chp/alpha', devDependencies: { '@chp/beta': '0.1.0' } }),
    );
    write(
      'services/beta/package.json',
      JSON.stringify({ name: '@chp/beta', dependencies: { '@chp/contracts': '0.1.0' } }),
    );
    write('services/beta/src/config.ts', 'export const betaConfig = 1;\n');
    write('services/beta/src/main.ts', "import { betaConfig } from './config.js';\nexport { betaConfig };\n");
    write(
      'services/alpha/test/support/reach.ts',
      [
        "import { betaConfig } from '../../../beta/src/config.js';",
        "import type { X } from '../../../../services/beta/src/main.js';",
        "export * from '@chp/beta/config';",
        "import '@chp/beta';",
        "const lazy = () => import('../../../beta/src/main.js');",
        "const old = require('@chp/beta/config');",
        "jest.mock('../../../beta/src/config.js');",
        // Allowed: its own files, libraries, node built-ins.
        "import { own } from '../../src/own.js';",
        "import { z } from '@chp/contracts';",
        "import { join } from 'node:path';",
      ].join('\n'),
    );
    write('services/alpha/bench/run.mjs', "import x from '../../beta/src/main.ts';\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds relative paths, @chp/<service> package imports and dependencies, and nothing else', () => {
    const reach = join('services', 'alpha', 'test', 'support', 'reach.ts');
    const byPlace = (a: { file: string; specifier: string }, b: { file: string; specifier: string }) =>
      `${a.file} ${a.specifier}`.localeCompare(`${b.file} ${b.specifier}`);
    const expected = [
      { file: join('services', 'alpha', 'package.json'), specifier: '@chp/beta' },
      { file: reach, specifier: '../../../beta/src/config.js' },
      { file: reach, specifier: '../../../../services/beta/src/main.js' },
      { file: reach, specifier: '@chp/beta/config' },
      { file: reach, specifier: '@chp/beta' },
      { file: reach, specifier: '../../../beta/src/main.js' },
      { file: reach, specifier: '@chp/beta/config' },
      { file: reach, specifier: '../../../beta/src/config.js' },
      { file: join('services', 'alpha', 'bench', 'run.mjs'), specifier: '../../beta/src/main.ts' },
    ].map((entry) => ({ ...entry, service: 'beta' }));
    // Beta's own relative import, alpha's own, a library and a node built-in are not found.
    expect(crossServiceImports(root).sort(byPlace)).toEqual(expected.sort(byPlace));
  });
});
