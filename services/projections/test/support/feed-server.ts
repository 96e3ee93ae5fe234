// A real HTTP server serving the complaints service's feed shape
// (`GET /internal/v1/events?after=&limit=` → `{events, next}`) from a list of projected events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EventFeed, toProjectedEvent } from '../../src/feed/index.js';
import type { ProjectedEvent } from '../../src/projection/index.js';
import { toEnvelope } from './events.js';

export interface FeedServer {
  url: string;
  /** Every request's `after`, to see that repairs start where they should. */
  requests: (string | null)[];
  close(): Promise<void>;
}

export async function feedServer(
  events: () => readonly ProjectedEvent[],
  token = 'feed-token',
): Promise<FeedServer> {
  const requests: (string | null)[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/internal/v1/events') return void res.writeHead(404).end();
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    const after = url.searchParams.get('after');
    const limit = Number(url.searchParams.get('limit') ?? '100');
    requests.push(after);
    const page = [...events()]
      .sort((a, b) => (a.position < b.position ? -1 : 1))
      .filter((e) => after === null || e.position > after)
      .slice(0, limit);
    const next = page.at(-1)?.position ?? after;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ events: page.map(toEnvelope), next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The feed port over a list, through the real CloudEvent shape (what the HTTP feed returns). */
export function listFeed(events: () => readonly ProjectedEvent[]): EventFeed {
  return {
    async read(after, limit) {
      const page = events()
        .filter((e) => after === undefined || e.position > after)
        .slice(0, limit);
      return {
        events: page.map((e) => toProjectedEvent(toEnvelope(e))),
        next: page.at(-1)?.position ?? after ?? null,
      };
    },
  };
}
