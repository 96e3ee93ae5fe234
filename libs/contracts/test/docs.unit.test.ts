import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageSchemas } from '@chp/contracts';
import { generateDocs } from '../scripts/docs/generate.js';

const docsDir = join(__dirname, '../../../docs');

describe('the committed docs/', () => {
  const files = generateDocs();

  it('has a JSON Schema for every message, and the AsyncAPI document', () => {
    expect([...files.keys()].sort()).toEqual(
      [...Object.keys(messageSchemas).map((name) => `schemas/${name}.json`), 'asyncapi.yaml'].sort(),
    );
  });

  it('generates the same output twice', () => {
    expect(generateDocs()).toEqual(files);
  });

  it.each([...files.keys()])('%s equals freshly generated output (run `npm run docs` if not)', (path) => {
    const file = join(docsDir, path);
    expect(existsSync(file) ? readFileSync(file, 'utf8') : `(missing ${path})`).toBe(files.get(path));
  });

  it('holds no schema of a message that no longer exists', () => {
    const stale = readdirSync(join(docsDir, 'schemas')).filter((name) => !files.has(`schemas/${name}`));
    expect(stale).toEqual([]);
  });
});
