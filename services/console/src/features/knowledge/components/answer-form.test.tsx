// @vitest-environment jsdom
// The authoring form's validation: the contracts' schema (the one the knowledge service parses with)
// decides, and each issue is shown at its field, in its language's tab.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { messages } from '../../../i18n/catalogues.js';
import { AnswerForm, contentOf, emptyAnswerForm, formValuesOf } from './answer-form.js';

beforeAll(() => {
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
});
afterEach(cleanup);

const filled = () => {
  const values = emptyAnswerForm();
  values.category = 'billing';
  values.tags = 'refund, double-charge';
  values.texts.en = { title: 'Refund', body: 'Dear {customerName}, complaint {reference} is refunded.' };
  return values;
};

describe('contentOf', () => {
  test('a valid form is the content: empty languages left out, tags split', () => {
    const parsed = contentOf(filled());
    expect(parsed).toEqual({
      ok: true,
      content: {
        category: 'billing',
        tags: ['refund', 'double-charge'],
        texts: { en: { title: 'Refund', body: 'Dear {customerName}, complaint {reference} is refunded.' } },
      },
    });
    if (parsed.ok) expect(formValuesOf(parsed.content)).toEqual(filled());
  });

  test('each broken rule names its field', () => {
    const values = filled();
    values.category = 'Billing Issues';
    values.texts.hu = { title: 'Visszatérítés', body: 'Kedves {customer}!' };
    values.texts.ro = { title: '<b>Rambursare</b>', body: 'Stimate client' };
    values.texts.lv = { title: '', body: 'Teksts bez virsraksta' };
    const parsed = contentOf(values);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.issues).sort()).toEqual([
      'category',
      'texts.hu.body',
      'texts.lv.title',
      'texts.ro.title',
    ]);
    expect(parsed.issues['texts.hu.body']).toMatch(/unknown placeholder \{customer\}/);
  });

  test('a form without any text is refused', () => {
    const values = emptyAnswerForm();
    values.category = 'billing';
    const parsed = contentOf(values);
    expect(parsed.ok ? [] : Object.keys(parsed.issues)).toEqual(['texts']);
  });
});

describe('the answer form', () => {
  const renderForm = (onSubmit: () => void) =>
    render(
      <MantineProvider>
        <IntlProvider locale="en" messages={messages.en}>
          <AnswerForm
            initial={emptyAnswerForm()}
            heading="New answer"
            pending={false}
            onSubmit={onSubmit}
            onCancel={vi.fn()}
          />
        </IntlProvider>
      </MantineProvider>,
    );

  test('nothing is sent while the schema refuses; the issue shows at its field', () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit);
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'billing' } });
    fireEvent.change(screen.getByLabelText('Title (English)'), { target: { value: 'Refund' } });
    fireEvent.change(screen.getByLabelText('Text (English)'), { target: { value: 'Case {ref}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/^Not valid: unknown placeholder \{ref\}/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Text (English)'), { target: { value: 'Case {reference}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSubmit).toHaveBeenCalledWith({
      category: 'billing',
      tags: [],
      texts: { en: { title: 'Refund', body: 'Case {reference}' } },
    });
  });
});
