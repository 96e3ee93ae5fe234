// The root README documents every configuration variable of every service; this fails when a
// variable is added to a service's config schema without a line in the README. Each service
// publishes its schema as `@chp/<service>/config` (its package.json `exports`, built), nothing else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complaintsConfigSchema } from '@chp/complaints/config';
import { intakeConfigSchema } from '@chp/intake/config';
import { notificationsConfigSchema } from '@chp/notifications/config';
import { projectionsConfigSchema } from '@chp/projections/config';
import { repoRoot } from '@chp/stack';

const readme = readFileSync(join(repoRoot(__dirname), 'README.md'), 'utf8');
const schemas = {
  intake: intakeConfigSchema,
  complaints: complaintsConfigSchema,
  projections: projectionsConfigSchema,
  notifications: notificationsConfigSchema,
};

/** The README's table rows that name a variable: `| `A`, `B` | default | meaning |`. */
const documented = new Set(
  readme
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) =>
      [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] as string),
    ),
);

test.each(Object.entries(schemas))(
  'every %s variable is in the README configuration tables',
  (_name, schema) => {
    const variables = Object.keys(schema.shape);
    expect(variables.length).toBeGreaterThan(8);
    expect(variables.filter((variable) => !documented.has(variable))).toEqual([]);
  },
);

test('the README opens with the two commands', () => {
  const firstBlock = readme.slice(
    readme.indexOf('```sh'),
    readme.indexOf('```', readme.indexOf('```sh') + 5),
  );
  expect(firstBlock).toContain('npm start');
  expect(firstBlock).toContain('npm test');
});
