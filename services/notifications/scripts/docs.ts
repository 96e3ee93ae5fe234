// Writes docs/openapi/notifications.yaml at the repository root from the zod schemas the routes validate with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notificationsOpenApiYaml } from './docs/openapi.js';

const file = join(__dirname, '../../../docs/openapi/notifications.yaml');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, notificationsOpenApiYaml());
console.log(`docs: wrote ${file}`);
