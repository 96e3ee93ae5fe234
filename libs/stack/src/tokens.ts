import { type Role, signToken } from '@chp/platform';

/** The roles a person or a channel adapter holds; `service` is for service-to-service calls. */
export const personRoles = ['channel', 'agent', 'supervisor', 'admin'] as const;
export type PersonRole = (typeof personRoles)[number];

/** One ready bearer token per role, subject `local-<role>`, for `npm start`, the demo and tests. */
export async function roleTokens(
  secret: string,
  expiresIn = '30d',
): Promise<Record<PersonRole | 'service', string>> {
  const roles: readonly (PersonRole | 'service')[] = [...personRoles, 'service'];
  const entries = await Promise.all(
    roles.map(
      async (role) =>
        [
          role,
          await signToken({ secret, subject: `local-${role}`, roles: [role as Role], expiresIn }),
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<PersonRole | 'service', string>;
}
