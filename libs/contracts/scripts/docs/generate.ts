import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { asyncApiDocument } from './asyncapi.js';
import { allJsonSchemas } from './json-schemas.js';

const packageJson = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

/**
 * Every generated file, by path relative to the repository's `docs/` folder, with its exact content.
 * Pure and deterministic: the same sources give byte-identical output.
 */
export function generateDocs(): Map<string, string> {
  const schemas = allJsonSchemas();
  const files = new Map<string, string>();
  for (const [name, schema] of schemas) {
    files.set(`schemas/${name}.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  const asyncapi = asyncApiDocument(packageJson.version, schemas);
  const yaml = stringify(asyncapi, { lineWidth: 0, aliasDuplicateObjects: false });
  files.set('asyncapi.yaml', `# Generated from libs/contracts by \`npm run docs\`. Do not edit.\n${yaml}`);
  return files;
}
