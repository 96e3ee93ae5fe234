// The one way the app talks to its server: same-origin, with the session cookie, and with the CSRF
// token on every request that changes something. Errors are problem+json, surfaced as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    /** The problem's `type` (`urn:chp:problem:illegal-transition`), when the service gave one. */
    readonly type?: string,
  ) {
    super(detail);
  }
}

let csrfToken: string | undefined;

/** Set from `GET /auth/session`; sent as `X-CSRF-Token` on mutating requests. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The JSON body and the headers (an `ETag`) of a successful request; ApiError otherwise. */
export async function apiResponse<T>(
  path: string,
  init: RequestInit = {},
): Promise<{ data: T; headers: Headers }> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('x-csrf-token', csrfToken);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!response.ok) {
    let detail = response.statusText || `HTTP ${response.status}`;
    let type: string | undefined;
    try {
      const problem = (await response.json()) as { detail?: string; title?: string; type?: string };
      detail = problem.detail ?? problem.title ?? detail;
      type = problem.type;
    } catch (error) {
      // Not JSON (a proxy's HTML page): the status text says enough.
      if (!(error instanceof SyntaxError)) throw error;
    }
    throw new ApiError(response.status, detail, type);
  }
  return { data: (await response.json()) as T, headers: response.headers };
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await apiResponse<T>(path, init)).data;
}
