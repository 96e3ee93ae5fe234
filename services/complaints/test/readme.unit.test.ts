import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandPaths, complaintEventTypes, httpCommandTypes } from '@chp/contracts';

// The README is the operator's and the integrator's reference: every event the service records has
// a row in its events table, every HTTP command a row (path and name) in the commands table.
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n## ${heading}`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};
/** The first cell of each table row, split on ` / ` (a row may name two events). */
const firstCells = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => (line.split('|')[1] ?? '').split('/').map((cell) => cell.trim().replaceAll('`', '')));

it('documents every event in the events table', () => {
  const documented = new Set(firstCells(section('Events')));
  expect(complaintEventTypes.filter((type) => !documented.has(type))).toEqual([]);
});

it('documents every HTTP command with its path', () => {
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
  const missing = httpCommandTypes.filter(
    (type) => !rows.some((row) => row.includes(`| \`${commandPaths[type]}\` | \`${type}\` |`)),
  );
  expect(httpCommandTypes.length).toBeGreaterThan(10);
  expect(missing).toEqual([]);
});
