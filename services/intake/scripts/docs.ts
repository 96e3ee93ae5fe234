// Writes docs/openapi/intake.yaml at the repository root from the zod schemas the routes validate with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intakeOpenApiYaml } from './docs/openapi.js';

const file = join(__dirname, '../../../docs/openapi/intake.yaml');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, intakeOpenApiYaml());
console.log(`docs: wrote ${file}`);
