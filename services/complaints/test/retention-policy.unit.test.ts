// The retention policy: its configuration text, and when a customer's data is due for erasure.
import type { FiledComplaint } from '../src/complaint/index.js';
import { DEFAULT_RETENTION_POLICY, parseRetentionPolicy, retentionVerdict } from '../src/retention/index.js';
import { event, filed, histories, stateOf, T, withdrawn } from './complaint-fixtures.js';

const DAY = 86_400_000;

describe('parseRetentionPolicy', () => {
  it('reads the default: FCA and CFPB 3 years, PSD2 5, otherwise 6', () => {
    expect(parseRetentionPolicy(DEFAULT_RETENTION_POLICY)).toEqual({
      byRegime: { fca_disp: 1096 * DAY, psd2: 1827 * DAY, cfpb: 1096 * DAY },
      defaultMs: 2192 * DAY,
    });
  });

  it.each([
    ['fca_disp=3y,default=6d', /fca_disp=3y/],
    ['mifid=5d,default=6d', /unknown regime mifid/],
    ['fca_disp=10d', /needs a default/],
    ['default=2h', /at least 1d/],
  ])('refuses %s', (text, message) => {
    expect(() => parseRetentionPolicy(text)).toThrow(message);
  });
});

describe('retentionVerdict', () => {
  const policy = parseRetentionPolicy('fca_disp=100d,default=10d');
  const ended = stateOf([filed(), withdrawn(T.ended)]) as FiledComplaint;
  const fca = stateOf([
    filed({ sla: { policyId: 'standard', policyVersion: 1, regulatoryRegime: 'fca_disp' } }),
    withdrawn(T.ended),
  ]) as FiledComplaint;
  const at = (days: number) => new Date(Date.parse(T.ended) + days * DAY);

  it('is due once every complaint ended and outlived its regime', () => {
    expect(retentionVerdict([ended], at(9), policy).due).toBe(false);
    expect(retentionVerdict([ended], at(11), policy).due).toBe(true);
    expect(retentionVerdict([ended, fca], at(11), policy)).toMatchObject({ due: false });
    expect(retentionVerdict([ended, fca], at(101), policy).due).toBe(true);
  });

  it('is not due while a complaint is open, under a legal hold, or when already erased', () => {
    const open = stateOf(histories.in_progress) as FiledComplaint;
    expect(retentionVerdict([ended, open], at(1_000), policy)).toEqual({
      due: false,
      why: 'a complaint of the customer has not ended',
    });
    const held = stateOf([
      filed(),
      withdrawn(T.ended),
      event('LegalHoldPlaced', { reason: 'Case' }),
    ]) as FiledComplaint;
    expect(retentionVerdict([ended, held], at(1_000), policy)).toEqual({
      due: false,
      why: 'a legal hold is in force',
    });
    const erased = stateOf([
      filed(),
      withdrawn(T.ended),
      event('CustomerDataErased', { reason: 'x' }),
    ]) as FiledComplaint;
    expect(retentionVerdict([erased], at(1_000), policy)).toEqual({ due: false, why: 'already erased' });
  });
});
