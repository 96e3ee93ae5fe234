// The one way the app talks to its server: same-origin, with the session cookie, and with the CSRF
// token on every request that changes something. Errors are problem+json, surfaced as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

let csrfToken: string | undefined;

/** Set from `GET /auth/session`; sent as `X-CSRF-Token` on mutating requests. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('x-csrf-token', csrfToken);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!response.ok) {
    let detail = response.statusText || `HTTP ${response.status}`;
    try {
      const problem = (await response.json()) as { detail?: string; title?: string };
      detail = problem.detail ?? problem.title ?? detail;
    } catch (error) {
      // Not JSON (a proxy's HTML page): the status text says enough.
      if (!(error instanceof SyntaxError)) throw error;
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}
