// Every language has every message, each parses as ICU, and the plurals follow each language's rules.
import {
  channels as contractChannels,
  priorities as contractPriorities,
  statuses as contractStatuses,
} from '@chp/contracts';
import { httpCommandTypes } from '@chp/contracts/commands';
import { createIntl } from 'react-intl';
import { describe, expect, test } from 'vitest';
import { commandFields, optionsOf } from '../src/features/complaint/actions.js';
import { messages } from '../src/i18n/catalogues.js';
import { locales } from '../src/i18n/locales.js';
import { en } from '../src/i18n/messages/en.js';
import { channels, priorities, statuses } from '../src/lib/complaint-types.js';

describe('the message catalogues', () => {
  test.each(locales)('%s has exactly the English keys, none empty, and each formats', (locale) => {
    const catalogue = messages[locale];
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    const errors: unknown[] = [];
    const intl = createIntl({ locale, messages: catalogue, onError: (error) => errors.push(error) });
    for (const [id, text] of Object.entries(catalogue)) {
      expect(text.trim(), id).not.toBe('');
      intl.formatMessage(
        { id: id as keyof typeof en },
        {
          count: 2,
          name: 'N',
          roles: 'r',
          detail: 'd',
          date: 'D',
          status: 'S',
          revision: 3,
          who: 'W',
          what: 'X',
          when: 'T',
          needed: 'admin',
          time: 'T',
          store: 'postgresql',
          reference: 'R',
          // The morning view's (dashboard.*).
          ...{ label: 'L', clock: 'C', since: 'S', days: 5, age: 'A', day: 'D', value: 'V', currency: 'EUR' },
          ...{
            reason: 'R',
            mean: '4',
            score: '1',
            category: 'C',
            column: 'C',
            title: 'T',
            from: 'F',
            to: 'T',
          },
        },
      );
    }
    expect(errors).toEqual([]);
  });

  test('plurals are the language own: Ukrainian, Russian, Latvian, Romanian and Hungarian', () => {
    const count = (locale: (typeof locales)[number], n: number) =>
      createIntl({ locale, messages: messages[locale] }).formatMessage({ id: 'queue.count' }, { count: n });
    expect([1, 3, 5, 21].map((n) => count('uk', n))).toEqual([
      '1 скарга на цій сторінці',
      '3 скарги на цій сторінці',
      '5 скарг на цій сторінці',
      '21 скарга на цій сторінці',
    ]);
    expect(count('ru', 11)).toBe('11 жалоб на этой странице');
    expect(count('lv', 0)).toBe('0 sūdzību šajā lapā');
    expect(count('lv', 21)).toBe('21 sūdzība šajā lapā');
    expect(count('ro', 20)).toBe('20 de reclamații pe această pagină');
    expect(count('hu', 7)).toBe('7 panasz ezen az oldalon');
    expect(count('en', 1)).toBe('1 complaint on this page');
  });

  test('the app lists of statuses, priorities and channels are those of @chp/contracts', () => {
    expect(statuses).toEqual(contractStatuses);
    expect(priorities).toEqual(contractPriorities);
    expect(channels).toEqual(contractChannels);
  });

  test('every command, field and option of the action forms has its message', () => {
    const missing: string[] = [];
    const need = (id: string) => {
      if (!(id in en)) missing.push(id);
    };
    for (const type of httpCommandTypes) {
      need(`action.command.${type}`);
      for (const field of commandFields[type]) {
        need(`action.field.${field.name}`);
        if (field.kind !== 'select') continue;
        const options = optionsOf(type, field.name, ['supervisor']);
        expect(options.length, `${type}.${field.name}`).toBeGreaterThan(0);
        // Levels and scores are shown as numbers.
        for (const option of options) if (!/^\d+$/.test(option)) need(`${field.options}${option}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
