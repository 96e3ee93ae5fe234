/**
 * Renders a nats-server configuration (2.9.10 and later) with one user per entry and its permissions.
 * The permission table itself lives in @chp/contracts (`natsPermissions`); this module only knows
 * nats-server's syntax, so that it serves `npm start`, the tests and `deploy/nats` alike.
 */

export interface SubjectRules {
  readonly allow: readonly string[];
  readonly deny?: readonly string[];
}

export interface NatsUserRules {
  readonly publish: SubjectRules;
  readonly subscribe: SubjectRules;
  /** May publish once to the reply subject of each request it received. */
  readonly allowResponses?: boolean;
}

/**
 * How a user proves who it is: an NKEY public key (the seed stays with the client), or a password.
 * `fromEnv` names an environment variable that nats-server reads at start (`$NAME` in the file), so
 * that a committed file holds no secret and no deployment's keys.
 */
export type NatsUserAuth =
  | { readonly nkey: string }
  | { readonly user: string; readonly password: string }
  | { readonly nkeyFromEnv: string }
  | { readonly user: string; readonly passwordFromEnv: string };

export interface NatsConfigUser {
  /** The user's name (a comment for NKEY users, whose identity is the key). */
  readonly name: string;
  readonly auth: NatsUserAuth;
  readonly permissions: NatsUserRules;
}

export interface NatsTlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** CA of client certificates; with `verify`, every client must present one (mutual TLS). */
  readonly caFile?: string;
  readonly verify?: boolean;
}

export interface NatsConfigOptions {
  readonly users: readonly NatsConfigUser[];
  /**
   * A client that sends no credentials acts as this user. Tests only: it lets test code connect
   * without credentials while each service connects as itself. Never in `npm start` or deploy.
   */
  readonly noAuthUser?: string;
  readonly tls?: NatsTlsConfig;
  /** Lines put before the configuration as comments (what generated the file, how to change it). */
  readonly header?: readonly string[];
  /** Further top-level lines (e.g. `jetstream { ... }`, `http_port: 8222`), verbatim. */
  readonly extra?: readonly string[];
}

const envName = /^[A-Z_][A-Z0-9_]*$/;

/** A quoted string: nats-server reads JSON string syntax, and `$` inside quotes is not a variable. */
const quote = (value: string): string => JSON.stringify(value);

function list(values: readonly string[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

function rules(name: string, rule: SubjectRules, indent: string): string[] {
  return [
    `${indent}${name} {`,
    `${indent}  allow: ${list(rule.allow)}`,
    ...(rule.deny && rule.deny.length > 0 ? [`${indent}  deny: ${list(rule.deny)}`] : []),
    `${indent}}`,
  ];
}

function authLines(auth: NatsUserAuth, indent: string): string[] {
  const variable = (name: string) => {
    if (!envName.test(name)) throw new RangeError(`not an environment variable name: ${name}`);
    return `$${name}`;
  };
  if ('nkey' in auth) {
    if (!/^U[A-Z2-7]{55}$/.test(auth.nkey))
      throw new RangeError('an NKEY user key starts with U (56 characters)');
    return [`${indent}nkey: ${quote(auth.nkey)}`];
  }
  if ('nkeyFromEnv' in auth) return [`${indent}nkey: ${variable(auth.nkeyFromEnv)}`];
  if ('passwordFromEnv' in auth) {
    return [`${indent}user: ${quote(auth.user)}`, `${indent}password: ${variable(auth.passwordFromEnv)}`];
  }
  return [`${indent}user: ${quote(auth.user)}`, `${indent}password: ${quote(auth.password)}`];
}

/** The configuration file's text. Throws on a duplicate name or a `noAuthUser` that is no password user. */
export function renderNatsConfig(options: NatsConfigOptions): string {
  const names = new Set<string>();
  for (const user of options.users) {
    if (names.has(user.name)) throw new RangeError(`user ${user.name} is listed twice`);
    names.add(user.name);
  }
  const lines: string[] = [...(options.header ?? []).map((line) => `# ${line}`.trimEnd())];
  if (lines.length > 0) lines.push('');
  lines.push(...(options.extra ?? []));
  if (options.tls) {
    const { tls } = options;
    lines.push(
      'tls {',
      `  cert_file: ${quote(tls.certFile)}`,
      `  key_file: ${quote(tls.keyFile)}`,
      ...(tls.caFile ? [`  ca_file: ${quote(tls.caFile)}`] : []),
      ...(tls.verify ? ['  verify: true'] : []),
      '}',
    );
  }
  if (options.tls) lines.push('');
  lines.push('authorization {', '  users: [');
  for (const user of options.users) {
    const { permissions } = user;
    lines.push(
      `    # ${user.name}`,
      '    {',
      ...authLines(user.auth, '      '),
      '      permissions {',
      ...rules('publish', permissions.publish, '        '),
      ...rules('subscribe', permissions.subscribe, '        '),
      ...(permissions.allowResponses ? ['        allow_responses: true'] : []),
      '      }',
      '    }',
    );
  }
  lines.push('  ]', '}');
  if (options.noAuthUser !== undefined) {
    const target = options.users.find((user) => user.name === options.noAuthUser);
    if (!target || !('user' in target.auth)) {
      throw new RangeError(`noAuthUser ${options.noAuthUser} must be a user with a password`);
    }
    lines.push(`no_auth_user: ${quote(target.auth.user)}`);
  }
  return `${lines.join('\n')}\n`;
}
