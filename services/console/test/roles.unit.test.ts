// Roles come from a configurable claim: Keycloak nests them, Entra ID and the embedded provider do not.
import { describe, expect, test } from 'vitest';
import { rolesFrom } from '../server/session.js';

describe('roles from the ID token', () => {
  test('a top-level list; unknown roles are left out, the order is the console own', () => {
    expect(rolesFrom({ roles: ['offline_access', 'supervisor', 'agent'] }, 'roles')).toEqual([
      'agent',
      'supervisor',
    ]);
  });

  test('a nested claim by a dotted path (Keycloak realm roles)', () => {
    expect(
      rolesFrom({ realm_access: { roles: ['admin', 'uma_authorization'] } }, 'realm_access.roles'),
    ).toEqual(['admin']);
  });

  test('a space-separated string', () => {
    expect(rolesFrom({ groups: 'agent staff' }, 'groups')).toEqual(['agent']);
  });

  test('nothing where the claim is missing or of another shape', () => {
    expect(rolesFrom({}, 'roles')).toEqual([]);
    expect(rolesFrom({ roles: 7 }, 'roles')).toEqual([]);
    expect(rolesFrom({ realm_access: 'agent' }, 'realm_access.roles')).toEqual([]);
  });
});
