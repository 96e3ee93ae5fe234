// The sign-in path: the console's OpenID settings, the services' token rules and the provider's
// configuration (Keycloak's realm file in compose) must describe the same issuer, client, roles claim
// and audience, or sign-in or every forwarded request fails at run time.
import { asArray, asRecord } from './files.js';

/** What the console's config says about its provider (parsed by its schema). */
export interface ConsoleOidc {
  where: string;
  publicUrl: string;
  /** OIDC_ISSUER: the issuer, or a discovery URL (`…/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  rolesClaim: string;
  sessionIdleMs: number;
}

/** What a service that verifies tokens says about them (parsed by its schema). */
export interface ServiceTokens {
  where: string;
  issuer: string | undefined;
  audience: string | undefined;
  jwksUrl: string | undefined;
  maxLifetimeMs: number;
}

const discoverySuffix = '/.well-known/openid-configuration';

/** The issuer an OIDC_ISSUER names: itself, or the base of a discovery URL. */
export function issuerOf(oidcIssuer: string): string {
  return oidcIssuer.endsWith(discoverySuffix) ? oidcIssuer.slice(0, -discoverySuffix.length) : oidcIssuer;
}

/**
 * Any provider (k8s/, pointed at Keycloak, Entra ID, Okta …): the services accept exactly the issuer
 * the console signs in with, and verify with a JWKS, not a shared secret that could mint tokens.
 */
export function checkIssuerAgreement(consoleOidc: ConsoleOidc, services: ServiceTokens[]): string[] {
  const problems: string[] = [];
  const issuer = issuerOf(consoleOidc.issuer);
  for (const s of services) {
    if (s.issuer !== issuer) {
      problems.push(
        `${s.where}: JWT_ISSUER is ${s.issuer ?? 'unset'}, but the console signs in at ${issuer} (${consoleOidc.where} OIDC_ISSUER)`,
      );
    }
    if (s.jwksUrl === undefined)
      problems.push(`${s.where}: JWT_JWKS_URL is not set, so the provider's tokens cannot be verified`);
    if (s.audience === undefined) problems.push(`${s.where}: JWT_AUDIENCE is not set`);
  }
  return problems;
}

interface Mapper {
  name?: string;
  protocolMapper?: string;
  config?: Record<string, string>;
}

interface Client {
  clientId?: string;
  publicClient?: boolean;
  standardFlowEnabled?: boolean;
  secret?: string;
  redirectUris?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: Mapper[];
}

/** Keycloak's defaults where the realm file leaves a setting out (seconds). */
const keycloakDefaults = { accessTokenLifespan: 300, ssoSessionIdleTimeout: 1800 };

const placeholder = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `${VAR}` resolved from Keycloak's environment, as its realm import does. */
function resolve(text: string | undefined, env: Record<string, string>): string | undefined {
  return text?.replace(placeholder, (_all, name: string) => env[name] ?? '');
}

export interface RealmExpectations {
  /** For messages: `keycloak/complaints-realm.json`. */
  where: string;
  /** The realm file's text (placeholders unresolved) and its parsed form. */
  text: string;
  realm: unknown;
  /** Keycloak's environment: KC_HOSTNAME and the values of the file's placeholders. */
  keycloakEnv: Record<string, string>;
  console: ConsoleOidc;
  services: ServiceTokens[];
  /** The roles the console knows (services/console/server/session.ts). */
  consoleRoles: readonly string[];
}

/**
 * Keycloak's realm agrees with the console and the services: the issuer tokens carry (KC_HOSTNAME
 * and the realm), the console's client (confidential, PKCE, its callback and sign-out addresses, its
 * secret), the roles claim in the ID token (the console) and the access token (the services), the
 * audience the services require, token and session lifetimes, and no password written in the file.
 */
export function checkRealm(expected: RealmExpectations): string[] {
  const { where, keycloakEnv: env } = expected;
  const problems: string[] = [];
  const realm = asRecord(expected.realm) ?? {};
  const name = String(realm.realm);

  for (const [, variable] of expected.text.matchAll(placeholder)) {
    if (!env[variable!]) problems.push(`${where}: \${${variable}} is not set in Keycloak's environment`);
  }

  const hostname = env.KC_HOSTNAME?.replace(/\/+$/, '');
  const issuer = hostname ? `${hostname}/realms/${name}` : undefined;
  if (!issuer)
    problems.push(`${where}: Keycloak has no KC_HOSTNAME, so its issuer follows each request's host`);
  const consoleIssuer = expected.console.issuer;
  if (!new URL(issuerOf(consoleIssuer)).pathname.endsWith(`/realms/${name}`)) {
    problems.push(`${expected.console.where}: OIDC_ISSUER ${consoleIssuer} is not realm ${name}`);
  }
  for (const s of expected.services) {
    if (issuer && s.issuer !== issuer)
      problems.push(
        `${s.where}: JWT_ISSUER is ${s.issuer ?? 'unset'}, but Keycloak's tokens carry ${issuer}`,
      );
    const certs = `/realms/${name}/protocol/openid-connect/certs`;
    if (!s.jwksUrl || new URL(s.jwksUrl).pathname !== certs)
      problems.push(`${s.where}: JWT_JWKS_URL is ${s.jwksUrl ?? 'unset'}, not the realm's ${certs}`);
  }

  const clients = asArray(realm.clients) as Client[];
  const consoleClient = clients.find((c) => c.clientId === expected.console.clientId);
  if (!consoleClient) {
    problems.push(`${where}: no client ${expected.console.clientId} (the console's OIDC_CLIENT_ID)`);
  } else {
    const c = consoleClient;
    const at = `${where} client ${c.clientId}`;
    if (c.publicClient !== false) problems.push(`${at}: is not confidential (publicClient: false)`);
    if (c.standardFlowEnabled !== true) problems.push(`${at}: the Authorization Code flow is off`);
    if (c.attributes?.['pkce.code.challenge.method'] !== 'S256')
      problems.push(`${at}: PKCE S256 is not required`);
    const callback = new URL('/auth/callback', expected.console.publicUrl).href;
    if (!(c.redirectUris ?? []).includes(callback))
      problems.push(`${at}: redirectUris lack ${callback}, the console's callback`);
    const home = new URL('/', expected.console.publicUrl).href;
    if (!(c.attributes?.['post.logout.redirect.uris'] ?? '').split('##').includes(home))
      problems.push(`${at}: post.logout.redirect.uris lack ${home}, where sign-out returns`);
    if (resolve(c.secret, env) !== expected.console.clientSecret)
      problems.push(`${at}: its secret is not the console's OIDC_CLIENT_SECRET`);
    if (!rolesMapper(c, expected.console.rolesClaim, 'id.token.claim'))
      problems.push(
        `${at}: no mapper puts the realm roles in the ID token's ${expected.console.rolesClaim} claim (the console's OIDC_ROLES_CLAIM)`,
      );
  }

  // Every client's access tokens reach the services: roles where they read them, the audience they require.
  for (const c of clients) {
    const at = `${where} client ${c.clientId}`;
    if (!rolesMapper(c, 'roles', 'access.token.claim'))
      problems.push(
        `${at}: no mapper puts the realm roles in the access token's roles claim (what the services read)`,
      );
    for (const audience of new Set(expected.services.map((s) => s.audience))) {
      const found = (c.protocolMappers ?? []).some(
        (m) =>
          m.protocolMapper === 'oidc-audience-mapper' &&
          (m.config?.['included.custom.audience'] === audience ||
            m.config?.['included.client.audience'] === audience) &&
          m.config?.['access.token.claim'] === 'true',
      );
      if (!found) problems.push(`${at}: no audience mapper adds ${audience} (the services' JWT_AUDIENCE)`);
    }
  }

  const roles = asArray(asRecord(realm.roles)?.realm).map((r) => asRecord(r)?.name);
  for (const role of expected.consoleRoles) {
    if (!roles.includes(role)) problems.push(`${where}: realm role ${role} is not defined`);
  }

  const lifespan = Number(realm.accessTokenLifespan ?? keycloakDefaults.accessTokenLifespan) * 1000;
  for (const s of expected.services) {
    if (lifespan > s.maxLifetimeMs)
      problems.push(
        `${s.where}: JWT_MAX_LIFETIME is shorter than the realm's access tokens (${lifespan / 1000} s)`,
      );
  }
  const idle = Number(realm.ssoSessionIdleTimeout ?? keycloakDefaults.ssoSessionIdleTimeout) * 1000;
  if (idle < expected.console.sessionIdleMs) {
    problems.push(
      `${where}: ssoSessionIdleTimeout (${idle / 1000} s) ends Keycloak's session, and so token refresh, before the console's SESSION_IDLE_TIMEOUT`,
    );
  }

  for (const user of asArray(realm.users).map((u) => asRecord(u) ?? {})) {
    for (const credential of asArray(user.credentials).map((c) => asRecord(c) ?? {})) {
      if (!/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(String(credential.value)))
        problems.push(`${where}: user ${String(user.username)} has a password written in the file`);
    }
  }
  return problems;
}

function rolesMapper(client: Client, claim: string, token: 'id.token.claim' | 'access.token.claim'): boolean {
  return (client.protocolMappers ?? []).some(
    (m) =>
      m.protocolMapper === 'oidc-usermodel-realm-role-mapper' &&
      m.config?.['claim.name'] === claim &&
      m.config?.multivalued === 'true' &&
      m.config?.[token] === 'true',
  );
}
