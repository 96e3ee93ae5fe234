// @vitest-environment jsdom
// The browser tests fail on any react-intl error the app logs; this shows the app does log them.
import { cleanup, render } from '@testing-library/react';
import { FormattedMessage } from 'react-intl';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { messages } from '../i18n/catalogues.js';
import type { MessageId } from '../i18n/messages/en.js';
import { LocaleProvider } from './locale.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the locale provider', () => {
  test('logs a missing message as [intl] MISSING_TRANSLATION, which the browser tests collect', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <LocaleProvider initial={{ locale: 'uk', messages: messages.uk }}>
        <FormattedMessage id={'no.such.message' as MessageId} />
      </LocaleProvider>,
    );
    expect(logged.mock.calls.map((call) => String(call[0]))).toContainEqual(
      expect.stringMatching(/^\[intl\] MISSING_TRANSLATION: /),
    );
  });

  test('logs nothing for a message every catalogue has', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <LocaleProvider initial={{ locale: 'ru', messages: messages.ru }}>
        <FormattedMessage id="queue.title" />
      </LocaleProvider>,
    );
    expect(logged).not.toHaveBeenCalled();
  });
});
