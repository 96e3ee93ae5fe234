// `npm start`: the whole product on embedded defaults. nats-server from PATH (unless NATS_URL answers),
// the embedded OpenID provider (in this process), the services and the console as separate
// processes on PGlite under ./.data, mail into ./.data/outbox.

import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findOnPath } from '@chp/nats-server';
import { sleep } from '@chp/platform';
import { consoleMain, consoleProcess, jwksEnv } from '../console.js';
import { restrictDataDir } from '../data-dir.js';
import { natsCredentialsFile } from '../nats-credentials.js';
import { repoRoot, serviceMain, serviceNames } from '../paths.js';
import { portTaken } from '../ports.js';
import { loadOrCreateSecrets } from '../secrets.js';
import type { ServiceProcess } from '../service-process.js';
import { defaultPorts, natsAnswers, type Stack, startStack } from '../stack.js';
import { personRoles } from '../tokens.js';

/** The console's and the embedded OpenID provider's ports (CONSOLE_PORT, IDENTITY_PORT move them). */
const defaultConsolePort = 3000;
const defaultIdentityPort = 3010;
/** Printed tokens last this long (seconds). */
// Within the services' JWT_MAX_LIFETIME (24 h by default): a printed token is for today's work.
const printedTokenLifetime = 12 * 3_600;

const minimumNode = 20;
/** Escalation and breach alerts of a local stack, so that `npm run demo` shows them in the outbox. */
const localAlertRoutes = {
  default: {
    levels: {
      '1': ['team-lead@company.example'],
      '2': ['complaints-manager@company.example'],
      '3': ['head-of-complaints@company.example'],
    },
    breaches: ['duty-lead@company.example'],
  },
};

class Prerequisite extends Error {}

async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < minimumNode) {
    throw new Prerequisite(`Node.js ${minimumNode} or newer is needed; this is ${process.version}.`);
  }
  const root = repoRoot();
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
  for (const main of [...serviceNames.map((name) => serviceMain(root, name)), consoleMain(root)]) {
    if (!existsSync(main)) {
      throw new Prerequisite(`${main} is missing: run \`npm run build\` (npm start does).`);
    }
  }

  const natsUrl = process.env.NATS_URL ?? `nats://127.0.0.1:${process.env.NATS_PORT ?? '4222'}`;
  let nats: { url: string } | { port: number };
  if (await natsAnswers(natsUrl)) {
    nats = { url: natsUrl };
  } else if (process.env.NATS_URL) {
    throw new Prerequisite(`NATS_URL=${natsUrl} does not answer; unset it to let npm start run nats-server.`);
  } else {
    if (!(await findOnPath('nats-server'))) {
      throw new Prerequisite(
        'nats-server is not on PATH. Install it (`apt-get install nats-server`, `brew install nats-server`, ' +
          'or https://github.com/nats-io/nats-server/releases), or set NATS_URL to a server with JetStream.',
      );
    }
    const port = Number(new URL(natsUrl).port || 4222);
    if (await portTaken(port)) {
      throw new Prerequisite(
        `Port ${port} (nats-server) is taken by a process that is not a NATS server. Stop it, or choose ` +
          'another port with NATS_PORT=<port>.',
      );
    }
    nats = { port };
  }

  const ports = { ...defaultPorts };
  for (const name of serviceNames) {
    const variable = `${name.toUpperCase()}_PORT`;
    if (process.env[variable]) ports[name] = Number(process.env[variable]);
    if (await portTaken(ports[name])) {
      throw new Prerequisite(
        `Port ${ports[name]} (${name}) is taken by another process. Stop it (a previous npm start?), ` +
          `or choose another port with ${variable}=<port>.`,
      );
    }
  }

  // Everything the stack and its services write under the data directory (PGlite files, the NATS
  // store, mail, logs, secrets) is the user's alone; data of earlier starts is brought in line.
  process.umask(0o077);
  await restrictDataDir(dataDir);

  const consolePort = Number(process.env.CONSOLE_PORT ?? defaultConsolePort);
  const identityPort = Number(process.env.IDENTITY_PORT ?? defaultIdentityPort);
  for (const [port, what, variable] of [
    [consolePort, 'console', 'CONSOLE_PORT'],
    [identityPort, 'OpenID provider', 'IDENTITY_PORT'],
  ] as const) {
    if (await portTaken(port)) {
      throw new Prerequisite(
        `Port ${port} (${what}) is taken by another process. Stop it (a previous npm start?), ` +
          `or choose another port with ${variable}=<port>.`,
      );
    }
  }

  const secrets = await loadOrCreateSecrets(dataDir);
  console.log(`Starting the complaint-handling platform (data in ${dataDir}) …`);
  const consoleUrl = `http://localhost:${consolePort}`;
  // ESM (oidc-provider is ESM only), so loaded with import() from this CommonJS launcher.
  const { startIdentityProvider, apiResource, consoleScopes } = await warningsToLog(
    join(dataDir, 'logs', 'identity.log'),
    () => import('@chp/identity'),
  );
  const identity = await startIdentityProvider({
    dataDir: join(dataDir, 'identity'),
    port: identityPort,
    host: '0.0.0.0',
    consoleRedirectUris: [`${consoleUrl}/auth/callback`],
    consolePostLogoutRedirectUris: [`${consoleUrl}/`],
  });
  let stack: Stack;
  let consoleServer: ServiceProcess;
  try {
    stack = await startStack({
      root,
      dataDir,
      nats,
      ports,
      secrets,
      baseEnv: process.env,
      detached: true,
      // The services trust the embedded provider's keys (JWKS), as they would a production provider's;
      // projections reads complaints' feed with short tokens of its own feed key (FEED_TOKEN_SECRET).
      env: jwksEnv({ issuer: identity.issuer, jwksUrl: identity.jwksUrl, audience: apiResource }),
      serviceEnv: {
        // Alerts go to local addresses (the outbox) unless the user configures routes.
        ...(process.env.ALERT_ROUTES
          ? {}
          : { notifications: { ALERT_ROUTES: JSON.stringify(localAlertRoutes) } }),
      },
      ...(process.env.SMTP_URL ? { smtpUrl: process.env.SMTP_URL } : {}),
      onLog: ({ service, line }) => {
        // Services log JSON (pino); the console shows warnings and errors, the files under .data/logs all.
        const entry = parseLog(line);
        if (!entry || entry.level >= 40) console.log(`[${service}] ${entry ? entry.msg : line}`);
      },
    });
    consoleServer = consoleProcess({
      root,
      dataDir,
      port: consolePort,
      publicUrl: consoleUrl,
      oidc: {
        issuer: identity.issuer,
        clientId: identity.consoleClient.clientId,
        clientSecret: identity.consoleClient.clientSecret,
        scope: consoleScopes,
      },
      urls: stack.urls,
      natsUrl: stack.natsUrl,
      natsSeed: stack.natsCredentials.console.seed,
      // Derived from the stack's secret (its own label): stable across starts, so sessions kept in
      // .data/console-sessions stay signed in after a restart of \`npm start\`.
      sessionSecret: createHmac('sha256', secrets.jwtSecret)
        .update('console session cookie')
        .digest('base64url'),
      baseEnv: process.env,
      detached: true,
      onLog: ({ service, line }) => {
        const entry = parseLog(line);
        if (!entry || entry.level >= 40) console.log(`[${service}] ${entry ? entry.msg : line}`);
      },
    });
    await consoleServer.start();
  } catch (error) {
    await identity.close();
    throw new Error(`The stack did not start: ${(error as Error).message}\nLogs: ${join(dataDir, 'logs')}`);
  }

  // PGlite copies a new database's initial files with their packaged modes (0666, 0644), whatever
  // the umask; files it creates later follow the umask.
  await restrictDataDir(dataDir);
  // Tokens signed with the provider's key: the services accept them like the console's users' tokens.
  const tokens = Object.fromEntries(
    await Promise.all(
      [...personRoles, 'service' as const].map(
        async (role) =>
          [
            role,
            await identity.signToken({
              subject: `local-${role}`,
              roles: [role],
              expiresInSeconds: printedTokenLifetime,
            }),
          ] as const,
      ),
    ),
  ) as Record<string, string>;
  const stackFile = join(dataDir, 'stack.json');
  await writeFile(
    stackFile,
    `${JSON.stringify(
      {
        natsUrl: stack.natsUrl,
        natsCredentials: natsCredentialsFile(dataDir),
        urls: stack.urls,
        consoleUrl,
        tokens,
      },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  printBanner(stack, stackFile, dataDir, {
    url: consoleUrl,
    issuer: identity.issuer,
    accounts: identity.accounts.map((a) => a.username),
    passwords: identity.newPasswords,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(
      `\n${signal}: stopping the console, intake, knowledge, notifications, projections, complaints${stack.nats ? ', nats-server' : ''}, the OpenID provider …`,
    );
    await consoleServer.close();
    await stack.stop();
    await identity.close();
    console.log('Stopped. The data stays in', dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // The terminal closing: the services are in their own process groups and would outlive us.
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  for (const name of serviceNames) {
    // A service that dies on its own is reported; the others keep running.
    void watchExit(stack, name, () => stopping);
  }
}

async function watchExit(stack: Stack, name: (typeof serviceNames)[number], stopping: () => boolean) {
  for (;;) {
    await sleep(1_000);
    if (stopping()) return;
    if (!stack.services[name].running) {
      console.error(`[${name}] stopped unexpectedly; last output:\n${stack.services[name].recentOutput()}`);
      return;
    }
  }
}

const levelNumbers: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

function parseLog(line: string): { level: number; msg: string } | undefined {
  try {
    const json = JSON.parse(line) as { level?: number | string; msg?: string; err?: { message?: string } };
    const level = typeof json.level === 'string' ? levelNumbers[json.level] : json.level;
    if (typeof level !== 'number') return undefined;
    return { level, msg: [json.msg, json.err?.message].filter(Boolean).join(': ') };
  } catch {
    return undefined;
  }
}

interface ConsoleBanner {
  url: string;
  issuer: string;
  accounts: readonly string[];
  /** Only on the first start: afterwards only their hashes exist. */
  passwords: Readonly<Record<string, string>> | undefined;
}

function printBanner(stack: Stack, stackFile: string, dataDir: string, desk: ConsoleBanner): void {
  const { urls } = stack;
  // Tokens are not printed (a terminal's scrollback and logs keep them); the commands read them.
  const token = (role: string) => `$(node -p "require('${stackFile}').tokens.${role}")`;
  const line = '─'.repeat(78);
  const accounts = desk.passwords
    ? desk.accounts.map((name) => `  ${name.padEnd(11)}password ${desk.passwords?.[name] ?? '?'}`).join('\n')
    : `  ${desk.accounts.join(', ')}: passwords were printed at the first start (stored hashed in\n` +
      `  ${join(dataDir, 'identity', 'identity.json')}; delete that file to generate new ones).`;
  console.log(`${line}
The complaint-handling platform is running.

Console          ${desk.url}    (sign in with a local account; OpenID provider ${desk.issuer})
${accounts}

Customer portal  ${urls.intake}/portal    (file and follow a complaint in en, uk, ru, hu, lv, ro)

  intake         ${urls.intake}          POST /v1/complaints, /v1/channels/email, customer links
  complaints     ${urls.complaints}          commands and audit: /v1/complaints/:id/<command>
  projections    ${urls.projections}          queries: /v1/complaints, /v1/sla/*, /v1/stats/overview
  notifications  ${urls.notifications}          sent log and status
  knowledge      ${urls.knowledge}          standard answers and typical questions: /v1/answers, /v1/public/questions
  NATS           ${stack.natsUrl}${stack.nats ? `    (nats-server, store ${stack.nats.storeDir})` : '    (already running)'}
  probes         /healthz, /readyz and /metrics on every service
  outbox         ${join(dataDir, 'outbox')}    (set SMTP_URL for a real server)
  logs           ${join(dataDir, 'logs')}

  NATS users     ${join(dataDir, 'nats-credentials.json')}    (NKEYs, one per service; see SECURITY.md)

Tokens: one per role (channel, agent, supervisor, admin, service), RS256, signed by the OpenID
provider's key, valid 12 hours, issued anew at every start, in ${stackFile} (readable by you only):
  node -p "require('${stackFile}').tokens.supervisor"

File a complaint:
  curl -s -X POST ${urls.intake}/v1/complaints \\
    -H "Authorization: Bearer ${token('channel')}" \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s%N)" \\
    -d '{"channel":"web","externalRef":"web-1","customer":{"name":"Ada Lovelace","email":"ada@example.com","preferredLanguage":"en"},"subject":"Card charged twice","description":"My card was charged twice for order 1234."}'

List complaints:
  curl -s ${urls.projections}/v1/complaints -H "Authorization: Bearer ${token('supervisor')}"

Walk some complaints through their life: npm run demo      Stop: Ctrl-C
${line}`);
}

main().catch((error: unknown) => {
  if (error instanceof Prerequisite) console.error(`npm start: ${error.message}`);
  else console.error(`npm start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

/**
 * Runs `load` with console.warn written to `file`. oidc-provider 9 warns at import that it wants
 * Node 22 (it runs on Node 20, this project's floor, where CI tests the sign-in): a notice for the
 * provider's log, not the first screen of `npm start`.
 */
async function warningsToLog<T>(file: string, load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  const lines: string[] = [];
  console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    return await load();
  } finally {
    console.warn = warn;
    if (lines.length > 0) {
      await mkdir(join(file, '..'), { recursive: true });
      await appendFile(file, `${lines.map((line) => `${new Date().toISOString()} ${line}`).join('\n')}\n`);
    }
  }
}
