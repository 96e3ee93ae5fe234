// A report's drill-down opens the queue: its filters reach projections' list as they were given,
// unknown names are dropped, and the queue's own paging and sort still apply.
import { describe, expect, test } from 'vitest';
import { listQuery, queueSearchSchema } from './search.js';

describe("the queue's drill-down filters", () => {
  test('go to the list query with the sort and page size', () => {
    const search = queueSearchSchema.parse({
      drill: 'open=true&breached=resolve&team=cards&evil=1&limit=999',
    });
    const query = new URLSearchParams(listQuery(search, { id: 'u' }).split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      open: 'true',
      breached: 'resolve',
      team: 'cards',
      sort: '-receivedAt',
      limit: '50',
    });
  });
});
