// Writes docs/openapi/knowledge.yaml at the repository root from the zod schemas the routes validate with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeOpenApiYaml } from './docs/openapi.js';

const file = join(__dirname, '../../../docs/openapi/knowledge.yaml');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, knowledgeOpenApiYaml());
console.log(`docs: wrote ${file}`);
