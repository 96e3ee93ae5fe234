// Writes docs/openapi/complaints.yaml at the repository root from the zod schemas the routes validate with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complaintsOpenApiYaml } from './docs/openapi.js';

const file = join(__dirname, '../../../docs/openapi/complaints.yaml');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, complaintsOpenApiYaml());
console.log(`docs: wrote ${file}`);
