import { ApiError } from '../../../lib/api-client.js';
import { listQuery, type QueueSearch, type QueueUser } from '../search.js';

/** At most this many pages of 200 rows; a bigger report belongs to the supervisors' exports. */
const maxPages = 50;

/**
 * The whole current view (every page, not only the one on screen) as projections' CSV: pages are
 * followed by `X-Next-Cursor`, and each page after the first loses its header line.
 */
export async function fetchQueueCsv(search: QueueSearch, user: QueueUser): Promise<string> {
  const parts: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const query = listQuery({ ...search, cursor }, user).replace(/limit=\d+/, 'limit=200');
    const response = await fetch(`/api/projections${query}`, {
      headers: { accept: 'text/csv' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new ApiError(response.status, response.statusText || `HTTP ${response.status}`);
    const text = await response.text();
    parts.push(page === 0 ? text : text.slice(text.indexOf('\n') + 1));
    cursor = response.headers.get('x-next-cursor') ?? undefined;
    if (!cursor) break;
  }
  return parts.join('');
}

export { saveFile } from '../../../lib/save-file.js';
