import { renderNatsConfig } from '@chp/nats-server';

const open = { publish: { allow: ['>'] }, subscribe: { allow: ['>'] } };
const key = `U${'A'.repeat(55)}`;

describe('renderNatsConfig', () => {
  it('writes one user per entry with its permissions; $ inside quotes is a subject, not a variable', () => {
    const text = renderNatsConfig({
      users: [
        {
          name: 'complaints',
          auth: { nkey: key },
          permissions: {
            publish: { allow: ['$JS.API.INFO'], deny: ['$JS.API.STREAM.PURGE.>'] },
            subscribe: { allow: ['complaints.cmd.*'] },
            allowResponses: true,
          },
        },
        { name: 'deployed', auth: { nkeyFromEnv: 'NATS_NKEY_DEPLOYED' }, permissions: open },
        { name: 'operator', auth: { user: 'operator', password: 'p"w' }, permissions: open },
      ],
      noAuthUser: 'operator',
    });
    expect(text).toContain(`nkey: "${key}"`);
    expect(text).toContain('allow: ["$JS.API.INFO"]');
    expect(text).toContain('deny: ["$JS.API.STREAM.PURGE.>"]');
    expect(text).toContain('allow_responses: true');
    expect(text).toContain('nkey: $NATS_NKEY_DEPLOYED');
    expect(text).toContain('password: "p\\"w"');
    expect(text).toContain('no_auth_user: "operator"');
  });

  it('refuses a user listed twice, a malformed key, and an anonymous user without a password', () => {
    const user = { name: 'a', auth: { nkey: key }, permissions: open };
    expect(() => renderNatsConfig({ users: [user, user] })).toThrow('user a is listed twice');
    expect(() => renderNatsConfig({ users: [{ ...user, auth: { nkey: 'SUxyz' } }] })).toThrow(
      /starts with U/,
    );
    expect(() => renderNatsConfig({ users: [user], noAuthUser: 'a' })).toThrow(
      /must be a user with a password/,
    );
    expect(() => renderNatsConfig({ users: [{ ...user, auth: { nkeyFromEnv: 'bad name' } }] })).toThrow(
      /not an environment variable name/,
    );
  });
});
