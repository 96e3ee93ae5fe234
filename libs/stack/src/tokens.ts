import { type Role, signToken } from '@chp/platform';

/** The roles a person or a channel adapter holds; `service` is for service-to-service calls. */
export const personRoles = ['channel', 'agent', 'supervisor', 'admin'] as const;
export type PersonRole = (typeof personRoles)[number];

/** `iss` and `aud` of the local stack's tokens (`JWT_ISSUER`, `JWT_AUDIENCE` of its services). */
export const localIssuer = 'chp-local';
export const localAudience = 'chp-api';

/**
 * One ready bearer token per role, subject `local-<role>`, for `npm start`, the demo and tests,
 * issued by {@link localIssuer} for {@link localAudience}. `expiresIn` must fit the services'
 * `JWT_MAX_LIFETIME` (24 h by default): longer tokens are refused.
 */
export async function roleTokens(
  secret: string,
  expiresIn: string | number = '12h',
): Promise<Record<PersonRole | 'service', string>> {
  const roles: readonly (PersonRole | 'service')[] = [...personRoles, 'service'];
  const entries = await Promise.all(
    roles.map(
      async (role) =>
        [
          role,
          await signToken({
            secret,
            subject: `local-${role}`,
            roles: [role as Role],
            expiresIn,
            issuer: localIssuer,
            audience: localAudience,
          }),
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<PersonRole | 'service', string>;
}
