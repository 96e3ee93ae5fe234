// Erasing the customer's personal data: the decision in every status, the repeat, and the state,
// which masks the customer's fields as the events read once the key is gone.
import { ERASED_EMAIL, ERASED_TEXT } from '@chp/contracts';
import type { FiledComplaint } from '../src/complaint/index.js';
import {
  command,
  customer,
  event,
  histories,
  NOTE_ID,
  STATUSES,
  specAt,
  stateOf,
  T,
  violates,
} from './complaint-fixtures.js';

const admin = { id: 'admin-ann', role: 'admin' } as const;
const reason = 'The customer asked to be forgotten (GDPR art. 17).';
const erase = () => command('EraseCustomerData', { reason }, admin);
const erasedEvent = () => event('CustomerDataErased', { by: admin, at: T.now, reason });
const placed = () => event('LegalHoldPlaced', { by: admin, at: T.now, reason: 'Case FOS-1.' });
const lifted = () => event('LegalHoldLifted', { by: admin, at: T.now, reason: 'Case closed.' });

describe('EraseCustomerData', () => {
  it.each(STATUSES.filter((status) => status !== 'none'))(
    'records CustomerDataErased on a %s complaint',
    (status) => {
      specAt().given(histories[status]).when(erase()).then(erasedEvent());
    },
  );

  it('is refused under a legal hold, and allowed once it is lifted', () => {
    const held = [...histories.closed, placed()];
    specAt()
      .given(held)
      .when(erase())
      .thenThrows(
        violates("cannot erase the customer's personal data while a legal hold is in force; lift it first"),
      );
    specAt()
      .given([...held, lifted()])
      .when(erase())
      .then(erasedEvent());
  });

  it('places a legal hold once, and lifts it once', () => {
    const place = () => command('PlaceLegalHold', { reason: 'Case FOS-1.' }, admin);
    const lift = () => command('LiftLegalHold', { reason: 'Case closed.' }, admin);
    specAt().given(histories.resolved).when(place()).then(placed());
    specAt()
      .given([...histories.resolved, placed()])
      .when(place())
      .thenNothingHappens();
    specAt()
      .given([...histories.resolved, placed()])
      .when(lift())
      .then(lifted());
    specAt().given(histories.resolved).when(lift()).thenNothingHappens();
    expect((stateOf([...histories.resolved, placed()]) as FiledComplaint).legalHold).toEqual({
      at: T.now,
      reason: 'Case FOS-1.',
    });
    expect(
      (stateOf([...histories.resolved, placed(), lifted()]) as FiledComplaint).legalHold,
    ).toBeUndefined();
  });

  it('erasing again is an idempotent repeat', () => {
    specAt()
      .given([...histories.closed, erasedEvent()])
      .when(erase())
      .thenNothingHappens();
  });

  it('masks the customer, the texts and the attachments in the state; keeps counts, times and outcomes', () => {
    const note = event('NoteAdded', {
      noteId: NOTE_ID,
      visibility: 'customer',
      text: 'We refunded you, Olena.',
    });
    const before = stateOf([...histories.closed, note]) as FiledComplaint;
    const after = stateOf([...histories.closed, note, erasedEvent()]) as FiledComplaint;
    expect(after.customer).toEqual({
      name: ERASED_TEXT,
      email: ERASED_EMAIL,
      preferredLanguage: customer.preferredLanguage,
    });
    expect(after.subject).toBe(ERASED_TEXT);
    expect(after.description).toBe(ERASED_TEXT);
    expect(after.resolution?.summary).toBe(ERASED_TEXT);
    expect(after.personalDataErasedAt).toBe(T.now);
    const {
      customer: _c,
      subject: _s,
      description: _d,
      resolution: r1,
      personalDataErasedAt: _e,
      updatedAt: _u,
      ...keptAfter
    } = after;
    const {
      customer: _c2,
      subject: _s2,
      description: _d2,
      resolution: r0,
      updatedAt: _u2,
      ...keptBefore
    } = before;
    expect(keptAfter).toEqual(keptBefore);
    expect({ ...r1, summary: 'x' }).toEqual({ ...r0, summary: 'x' });
    expect(JSON.stringify(after)).not.toContain(customer.name);
  });
});
