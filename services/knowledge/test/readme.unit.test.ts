import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeEventTypes } from '@chp/contracts';
import { routes } from '../src/http/index.js';

// The README is the integrator's reference: every event has a row in its events table, every route a
// mention in the API table.
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n## ${heading}`);
  const end = readme.indexOf('\n## ', start + 1);
  return start < 0 ? '' : readme.slice(start, end < 0 ? undefined : end);
};

it('documents every event in the events table', () => {
  const rows = section('Events')
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  expect(knowledgeEventTypes.filter((type) => !rows.some((row) => row.startsWith(`| \`${type}\``)))).toEqual(
    [],
  );
});

it('documents every route in the API table', () => {
  const api = section('HTTP API');
  const missing = Object.values(routes).filter(({ path }) => {
    const [base, ...rest] = path.split('/').filter(Boolean).reverse();
    return (
      !api.includes(path) &&
      !(rest.length > 0 && api.includes(`/${base}`) && api.includes(rest.reverse().join('/')))
    );
  });
  expect(missing).toEqual([]);
});
