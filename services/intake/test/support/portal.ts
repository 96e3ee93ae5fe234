import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeConfigSchema } from '../../src/config.js';
import { openPortal, type Portal } from '../../src/portal/index.js';
import { type IntakeHarness, LINK_SECRET, startIntake } from './intake.js';

export interface PortalHarness extends IntakeHarness {
  /** Moves the portal's clock (the forms' minimum fill time and age) forward. */
  advance(ms: number): void;
}

/** Intake with the portal, configured as `main.ts` does from an environment. */
export async function startPortal(env: Record<string, string> = {}): Promise<PortalHarness> {
  let offset = 0;
  const config = intakeConfigSchema.parse({
    SERVICE_NAME: 'intake',
    NATS_URL: 'nats://127.0.0.1:4222',
    JWT_SECRET: 'portal-test-secret-of-at-least-32-characters',
    CUSTOMER_LINK_SECRET: LINK_SECRET,
    ATTACHMENTS_DIR: mkdtempSync(join(tmpdir(), 'chp-portal-attachments-')),
    ...env,
  });
  let portal: Portal | undefined;
  const h = await startIntake({
    relay: true,
    routers: async (submissions, nc, js) => {
      portal = await openPortal({ config, submissions, nc, js, now: () => Date.now() + offset });
      return portal.routers;
    },
  });
  return {
    ...h,
    async close() {
      await portal?.projection.stop();
      await h.close();
    },
    advance(ms) {
      offset += ms;
    },
  };
}

/** A browser without JavaScript: keeps cookies, reads hidden fields, posts forms. */
export class FormClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  private get cookieHeader(): Record<string, string> {
    return this.cookies.size === 0
      ? {}
      : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  forget(name: string): void {
    this.cookies.delete(name);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; html: string }> {
    const res = await fetch(`${this.base}${path}`, {
      headers: { ...this.cookieHeader, ...headers },
      redirect: 'manual',
    });
    this.remember(res);
    return { res, html: await res.text() };
  }

  /** A `multipart/form-data` post, as a browser sends a form with file inputs. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { name: string; bytes: Uint8Array }[],
  ): Promise<{ res: Response; html: string }> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) form.append('files', new Blob([file.bytes]), file.name);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: this.cookieHeader,
      body: form,
      redirect: 'manual',
    });
    this.remember(res);
    return { res, html: await res.text() };
  }

  async post(path: string, form: Record<string, string>): Promise<{ res: Response; html: string }> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { ...this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.remember(res);
    return { res, html: await res.text() };
  }
}

/** The value of a hidden input of a page. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden ${name} in the page`);
  return match[1].replaceAll('&amp;', '&');
}
