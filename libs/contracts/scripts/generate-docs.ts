// Writes docs/schemas/*.json and docs/asyncapi.yaml at the repository root from the zod schemas.
// Stale schema files (of messages that no longer exist) are removed, so docs/ mirrors the sources.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateDocs } from './docs/generate.js';

const docsDir = join(__dirname, '../../../docs');
const files = generateDocs();

mkdirSync(join(docsDir, 'schemas'), { recursive: true });
for (const name of readdirSync(join(docsDir, 'schemas'))) {
  if (name.endsWith('.json') && !files.has(`schemas/${name}`)) rmSync(join(docsDir, 'schemas', name));
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(docsDir, path)), { recursive: true });
  writeFileSync(join(docsDir, path), content);
}
console.log(`docs: wrote ${files.size} files to ${docsDir}`);
