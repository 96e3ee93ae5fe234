// The queue's views as projections queries: whose complaints, from the URL and the signed-in user.
import { describe, expect, test } from 'vitest';
import { listQuery, queueSearchSchema } from '../src/features/queue/search.js';

const agent = { id: 'agent', team: 'cards' };
const params = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('the queue views', () => {
  test('mine, my team, unassigned and all', () => {
    expect(params(listQuery({ view: 'mine' }, agent))).toMatchObject({ assignee: 'agent' });
    expect(params(listQuery({ view: 'team' }, agent))).toMatchObject({ team: 'cards' });
    expect(params(listQuery({ view: 'unassigned' }, agent))).toMatchObject({ unassigned: 'agent' });
    const all = params(listQuery({}, agent));
    expect(all).not.toHaveProperty('assignee');
    expect(all).not.toHaveProperty('team');
    expect(all).not.toHaveProperty('unassigned');
  });

  test('a user in no team asks for no team', () => {
    expect(params(listQuery({ view: 'team' }, { id: 'admin' }))).not.toHaveProperty('team');
  });

  test('the view is read from the URL; a bad one falls back to all', () => {
    expect(queueSearchSchema.parse({ view: 'unassigned' }).view).toBe('unassigned');
    expect(queueSearchSchema.parse({ view: 'team' }).view).toBe('team');
    expect(queueSearchSchema.parse({ view: 'everyone' }).view).toBeUndefined();
  });
});
