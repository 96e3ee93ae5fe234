// Writes docs/openapi/projections.yaml at the repository root from the zod schemas the routes validate with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectionsOpenApiYaml } from './docs/openapi.js';

const file = join(__dirname, '../../../docs/openapi/projections.yaml');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, projectionsOpenApiYaml());
console.log(`docs: wrote ${file}`);
