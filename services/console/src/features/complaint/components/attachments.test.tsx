// @vitest-environment jsdom
// The complaint page's list of files: one download link per stored file (through the console's
// proxy to intake), the external link of a url reference, and no link for an erased customer's file.
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { messages } from '../../../i18n/catalogues.js';
import type { TimelineEntry } from '../../../lib/complaint-types.js';
import { Attachments } from './attachments.js';

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

const complaintId = '3f0c1d7e-5b1a-5c8e-9f6a-2d4b8e1c7a90';
const entry = (attachments: TimelineEntry['attachments'], revision = 0): TimelineEntry => ({
  revision,
  eventId: `e-${revision}`,
  type: 'ComplaintFiled',
  at: '2026-03-02T09:00:00.000Z',
  by: { id: 'web-form', role: 'channel' },
  text: 'filed',
  ...(attachments ? { attachments } : {}),
});

const show = (entries: TimelineEntry[]) =>
  render(
    <MantineProvider>
      <IntlProvider locale="en" messages={messages.en}>
        <Attachments complaintId={complaintId} entries={entries} />
      </IntlProvider>
    </MantineProvider>,
  );

describe('Attachments', () => {
  test('links each stored file to its download through intake, and shows names as text', () => {
    const id = '0b6f7c2e-5d1a-4e3b-9c4d-2a1b3c4d5e6f';
    show([
      entry([
        { name: '<b>receipt</b>.pdf', contentType: 'application/pdf', sizeBytes: 52_311, objectKey: id },
      ]),
      entry(
        [
          {
            name: 'photo.png',
            contentType: 'image/png',
            sizeBytes: 2048,
            url: 'https://files.example.com/p.png',
          },
        ],
        1,
      ),
      entry([{ name: '[erased]', contentType: 'application/pdf', sizeBytes: 10, objectKey: '[erased]' }], 2),
    ]);
    const download = screen.getByRole('link', { name: '<b>receipt</b>.pdf' });
    expect(download.getAttribute('href')).toBe(`/api/intake/v1/complaints/${complaintId}/attachments/${id}`);
    expect(download.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: 'photo.png' }).getAttribute('href')).toBe(
      'https://files.example.com/p.png',
    );
    expect(screen.queryByRole('link', { name: '[erased]' })).toBeNull();
    expect(screen.getByText('[erased]')).toBeTruthy();
  });

  test('says there are none', () => {
    show([entry(undefined), entry([], 1)]);
    expect(screen.getByText(messages.en['complaint.noAttachments'])).toBeTruthy();
  });
});
