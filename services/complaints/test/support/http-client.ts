export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: Record<string, unknown> & { [key: string]: unknown };
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A small JSON client for the API under test; `token` becomes the bearer token. */
export function httpClient(baseUrl: string, token?: string) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    async post(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
      return reply(
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: {
            ...auth,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    },
    async get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
      return reply(await fetch(`${baseUrl}${path}`, { headers: { ...auth, ...headers } }));
    },
  };
}
export type HttpClient = ReturnType<typeof httpClient>;
