import { uuidV5 } from '../src/ids/index.js';
import { type AlertRoutes, breachRecipients, escalationRecipients } from '../src/planning/index.js';
import { classifySendError } from '../src/sending/index.js';

const smtpError = (responseCode: number | undefined, code = 'EMESSAGE') =>
  Object.assign(new Error(`reply ${responseCode}`), { responseCode, code });

describe('send failures', () => {
  it.each([
    [550, 'EMESSAGE', true],
    [554, 'EENVELOPE', true],
    [451, 'EMESSAGE', false],
    [421, 'EENVELOPE', false],
    [535, 'EAUTH', false],
    [undefined, 'ECONNECTION', false],
    [undefined, 'ETIMEDOUT', false],
  ])('reply %s (%s) is permanent: %s', (responseCode, code, permanent) => {
    expect(classifySendError(smtpError(responseCode, code)).permanent).toBe(permanent);
  });

  it('treats something that is not an SMTP error as temporary', () => {
    expect(classifySendError('boom')).toEqual({ permanent: false, message: 'boom' });
  });
});

describe('alert routes', () => {
  const routes: AlertRoutes = {
    default: { levels: { '1': ['duty@x.test'], '3': ['head@x.test'] }, breaches: ['duty@x.test'] },
    teams: { billing: { levels: { '2': ['Sup@X.test', 'sup@x.test'] }, breaches: [] } },
  };

  it('prefers the escalation target, then the team, then the default', () => {
    expect(escalationRecipients(routes, 2, ['billing', undefined])).toEqual(['sup@x.test']);
    expect(escalationRecipients(routes, 2, ['someone', 'billing'])).toEqual(['sup@x.test']);
    expect(escalationRecipients(routes, 2, ['someone', 'claims'])).toEqual(['duty@x.test']);
  });

  it('takes the highest configured level at or below the event level', () => {
    expect(escalationRecipients(routes, 3, [])).toEqual(['head@x.test']);
    // billing configures no level 1: the default's level 1 applies.
    expect(escalationRecipients(routes, 1, ['billing'])).toEqual(['duty@x.test']);
    expect(escalationRecipients({ teams: {} }, 1, ['billing'])).toEqual([]);
  });

  it('routes breaches to the team, else to the default, else nowhere', () => {
    expect(breachRecipients(routes, [undefined])).toEqual(['duty@x.test']);
    expect(breachRecipients(routes, ['billing'])).toEqual(['duty@x.test']);
    expect(breachRecipients({ teams: {} }, ['billing'])).toEqual([]);
  });
});

describe('ids', () => {
  it('derives RFC 9562 version 5 UUIDs', () => {
    // The RFC's example: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
