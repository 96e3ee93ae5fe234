import type { ComplaintEvent } from '@chp/contracts';
import type { DirectoryEntry } from '../src/directory/index.js';
import { uuidV5 } from '../src/ids/index.js';
import {
  type AlertRoutes,
  breachRecipients,
  escalationRecipients,
  type PlanSettings,
  plan,
  UNBOUND_RESOLUTION_ID,
} from '../src/planning/index.js';
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

describe('resolution links', () => {
  const complaintId = '0b6a7e1c-6a43-4f7e-9a8e-1f2d3c4b5a69';
  const entry: DirectoryEntry = {
    complaintId,
    reference: 'C-7KX2-9QMG',
    customer: { name: 'Olena', email: 'olena@example.ua', preferredLanguage: 'uk' },
    team: undefined,
  };
  const named: string[] = [];
  const settings: PlanSettings = {
    alertRoutes: { default: { levels: {}, breaches: [] }, teams: {} },
    defaultTimeZone: 'Europe/London',
    staffLanguage: 'en',
    resolutionLinks: ({ resolutionId }) => {
      named.push(resolutionId);
      return { accept: 'a', reject: 'r', survey: 's', expiresAt: '2026-04-01T10:00:00.000Z' };
    },
  };
  const resolvedEvent = (resolutionId?: string): ComplaintEvent => ({
    type: 'ComplaintResolved',
    data: {
      by: { id: 'agent-7', role: 'agent' },
      at: '2026-03-02T10:00:00.000Z',
      summary: 'Refunded.',
      outcome: 'upheld',
      remedies: [],
      firstContact: false,
      ...(resolutionId ? { resolutionId } : {}),
    },
  });

  it('binds the links to the resolution they are sent for, or to none for one recorded before', () => {
    const id = '4d3c2b1a-0f9e-4d8c-a7b6-5a4b3c2d1e0f';
    expect(plan(resolvedEvent(id), complaintId, entry, settings).kind).toBe('planned');
    plan(resolvedEvent(), complaintId, entry, settings);
    // The nil UUID names no resolution: the complaints service refuses such a link as superseded.
    expect(named).toEqual([id, UNBOUND_RESOLUTION_ID]);
  });
});
