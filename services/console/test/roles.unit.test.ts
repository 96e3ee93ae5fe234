// Roles come from a configurable claim: Keycloak nests them, Entra ID and the embedded provider do not.
import { describe, expect, test } from 'vitest';
import { rolesFrom, teamFrom } from '../server/session.js';

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

describe('the team from the ID token', () => {
  test('a top-level string, a nested one, the first of a list', () => {
    expect(teamFrom({ team: 'cards' }, 'team')).toBe('cards');
    expect(teamFrom({ org: { team: ' loans ' } }, 'org.team')).toBe('loans');
    expect(teamFrom({ groups: ['cards', 'loans'] }, 'groups')).toBe('cards');
  });

  test('none where the claim is missing, empty or of another shape', () => {
    expect(teamFrom({}, 'team')).toBeUndefined();
    expect(teamFrom({ team: '' }, 'team')).toBeUndefined();
    expect(teamFrom({ team: 7 }, 'team')).toBeUndefined();
  });
});
