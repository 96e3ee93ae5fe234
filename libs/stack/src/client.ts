import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { ServiceName } from './paths.js';

/** A reply that was not 2xx: the status and the problem+json (or text) body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.name = 'HttpError';
  }
}

export interface StackClientOptions {
  urls: Readonly<Record<ServiceName, string>>;
  tokens: Readonly<Record<'channel' | 'agent' | 'supervisor' | 'admin', string>>;
}

export interface CommandReply {
  complaintId: string;
  revision: number;
  events: { id: string; type: string; revision: number }[];
}

/** A thin client of the running stack's HTTP APIs, for the demo, the end-to-end tests and the benchmark. */
export class StackClient {
  constructor(private readonly options: StackClientOptions) {}

  /** `POST /v1/complaints` on intake, as a channel. */
  async submit(
    body: unknown,
    idempotencyKey: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: { complaintId: string; reference: string; status: string } }> {
    const response = await fetch(`${this.options.urls.intake}/v1/complaints`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.options.tokens.channel}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const json = await readBody(response);
    if (response.status !== 201 && response.status !== 202)
      throw new HttpError(response.status, json, 'submit');
    return {
      status: response.status,
      body: json as { complaintId: string; reference: string; status: string },
    };
  }

  /** `POST /v1/channels/email` on intake: a raw RFC 5322 message. */
  async email(raw: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.options.urls.intake}/v1/channels/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.options.tokens.channel}`, 'content-type': 'message/rfc822' },
      body: raw,
    });
    const json = await readBody(response);
    if (!response.ok) throw new HttpError(response.status, json, 'email');
    return { status: response.status, body: json };
  }

  /** `POST /v1/complaints/:id/<command>` on complaints, as an agent (or a supervisor). */
  async command(
    complaintId: string,
    command: string,
    body?: unknown,
    as: 'agent' | 'supervisor' = 'agent',
  ): Promise<CommandReply> {
    const response = await fetch(`${this.options.urls.complaints}/v1/complaints/${complaintId}/${command}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.options.tokens[as]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = await readBody(response);
    if (!response.ok) throw new HttpError(response.status, json, `${command} ${complaintId}`);
    return json as CommandReply;
  }

  /** A GET on one service with a role's token; `undefined` on 404. */
  async get<T = unknown>(
    service: ServiceName,
    path: string,
    as: 'agent' | 'supervisor' | 'admin' = 'supervisor',
  ): Promise<T | undefined> {
    const response = await fetch(`${this.options.urls[service]}${path}`, {
      headers: { authorization: `Bearer ${this.options.tokens[as]}` },
    });
    if (response.status === 404) return undefined;
    const json = await readBody(response);
    if (!response.ok) throw new HttpError(response.status, json, `GET ${path}`);
    return json as T;
  }

  /** A customer-link page (GET) or form post (POST) on intake. */
  async customerLink(url: string, form?: Record<string, string>): Promise<{ status: number; html: string }> {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      ...(form
        ? {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form),
          }
        : {}),
    });
    return { status: response.status, html: await response.text() };
  }
}

/** The portal's filing form as a browser without JavaScript posts it (cookies kept by hand). */
export interface PortalFiling {
  /** The typical questions the form suggested for the text ("Check for answers first"). */
  suggested: string[];
  reference: string;
}

const hiddenToken = (html: string) =>
  /<input type="hidden" name="token" value="([^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
const unescapeHtml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

/**
 * Files one complaint through intake's portal form: GET the form (its CSRF cookie and form token),
 * "Check for answers first", then, after the form's minimum fill time, send it. A form refused as
 * sent too fast keeps its token, so it is sent again a little later.
 */
export async function fileThroughPortal(
  intakeUrl: string,
  language: string,
  fields: Record<string, string>,
  minFillMs = 3_000,
): Promise<PortalFiling> {
  const cookies = new Map<string, string>();
  const send = async (path: string, form?: Record<string, string>) => {
    const response = await fetch(`${intakeUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: response.status, html: await response.text() };
  };
  const path = `/portal/${language}/complaint`;
  const form = await send(path);
  const token = hiddenToken(form.html);
  if (form.status !== 200 || !token) throw new Error(`the portal's form answered ${form.status}`);
  const checked = await send(path, { ...fields, token, action: 'check' });
  const suggested = [...checked.html.matchAll(/<summary>([^<]*)<\/summary>/g)].map((m) =>
    unescapeHtml(m[1] ?? ''),
  );
  await sleep(minFillMs + 500);
  for (let attempt = 0; ; attempt++) {
    const filed = await send(path, { ...fields, token });
    const reference = /class="reference">([^<]+)</.exec(filed.html)?.[1];
    if (filed.status === 200 && reference) return { suggested, reference };
    if (filed.status !== 400 || attempt >= 5)
      throw new Error(`the portal's form answered ${filed.status}: ${filed.html.slice(0, 300)}`);
    await sleep(2_000);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls until `condition` returns a value, or throws after `timeoutMs` naming `what`. */
export async function eventually<T>(
  what: string,
  condition: () => Promise<T | undefined | false | null>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

/** The customer links (`…/v1/customer-links/<token>`) in a text, with the action each token signs. */
export function customerLinksIn(text: string): { url: string; action: string; complaintId: string }[] {
  const links = new Map<string, { url: string; action: string; complaintId: string }>();
  for (const match of text.matchAll(
    /https?:\/\/[^\s"'<>]+\/v1\/customer-links\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g,
  )) {
    const [url, token] = match as unknown as [string, string];
    try {
      const payload = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
        action: string;
        complaintId: string;
      };
      links.set(url, { url, action: payload.action, complaintId: payload.complaintId });
    } catch {
      // Not one of ours; ignore.
    }
  }
  return [...links.values()];
}

/** A mail from the outbox, parsed. */
export interface OutboxMail {
  file: string;
  subject: string;
  to: string[];
  messageId: string | undefined;
  text: string;
  html: string;
  language: string | undefined;
}

/** The `.eml` files of an outbox directory, parsed with mailparser, oldest first. */
export async function readOutbox(outboxDir: string): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = (await readdir(outboxDir)).filter((name) => name.endsWith('.eml'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mails = await Promise.all(
    names.map(async (name) => {
      const file = join(outboxDir, name);
      const [parsed, info] = await Promise.all([simpleParser(await readFile(file)), stat(file)]);
      return { mail: toMail(file, parsed), at: info.mtimeMs };
    }),
  );
  return mails.sort((a, b) => a.at - b.at).map(({ mail }) => mail);
}

/** The fields a test or the demo reads from a parsed message. */
export function toMail(file: string, parsed: ParsedMail): OutboxMail {
  const addresses = (value: ParsedMail['to']) =>
    (Array.isArray(value) ? value : value ? [value] : []).flatMap((group) =>
      group.value.map((address) => address.address ?? ''),
    );
  const language = parsed.headers.get('content-language');
  return {
    file,
    subject: parsed.subject ?? '',
    to: addresses(parsed.to),
    messageId: parsed.messageId,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    language: typeof language === 'string' ? language : undefined,
  };
}
