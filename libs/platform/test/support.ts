import type { Server } from 'node:http';
import type { Express } from 'express';
import { listen, type ServerLimits, urlOf } from '../src/index.js';

export interface Running {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listens on a free port; `close` also drops keep-alive connections so jest can exit. */
export async function serve(app: Express, limits?: ServerLimits): Promise<Running> {
  const server = await listen(app, 0, '127.0.0.1', limits);
  return {
    url: urlOf(server),
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON shapes the tests read: problems, plus anything else by key. */
export interface Body {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { in: string; pointer: string; detail: string; code: string }[];
  [key: string]: unknown;
}

export async function body(res: Response): Promise<Body> {
  return (await res.json()) as Body;
}
