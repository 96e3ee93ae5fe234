// An agent corrects the language the customer is written to in (intake detected a wrong one, or
// fell back to the default).
import { ComplaintNotFound } from '../src/complaint/index.js';
import { agent, command, event, filed, histories, specAt, stateOf, T } from './complaint-fixtures.js';

const corrected = (language: 'lv' | 'ru', previous: 'uk' | 'lv' = 'uk') =>
  event('CustomerLanguageCorrected', { by: agent, at: T.now, language, previous });

describe('CorrectCustomerLanguage', () => {
  it('records the new language and the one it replaces', () => {
    specAt(T.now)
      .given(histories.in_progress)
      .when(command('CorrectCustomerLanguage', { language: 'lv' }))
      .then(corrected('lv'));
  });

  it('makes the corrected language the one given for the customer', () => {
    const detected = filed({
      customer: {
        name: 'Anna Bērziņa',
        email: 'anna@example.lv',
        preferredLanguage: 'uk',
        preferredLanguageSource: 'detected',
      },
    });
    expect(stateOf([detected, corrected('lv')])).toMatchObject({
      customer: { preferredLanguage: 'lv', preferredLanguageSource: 'given' },
    });
  });

  it('corrects a resolved or closed complaint too (it may still be written to)', () => {
    for (const status of ['resolved', 'closed'] as const) {
      specAt(T.now)
        .given(histories[status])
        .when(command('CorrectCustomerLanguage', { language: 'ru' }))
        .then(corrected('ru'));
    }
  });

  it('changes nothing when the complaint already has that language', () => {
    specAt(T.now)
      .given([...histories.in_progress, corrected('lv')])
      .when(command('CorrectCustomerLanguage', { language: 'lv' }))
      .then([]);
  });

  it('finds no complaint before filing', () => {
    specAt(T.now)
      .given([])
      .when(command('CorrectCustomerLanguage', { language: 'lv' }))
      .thenThrows(ComplaintNotFound);
  });
});
