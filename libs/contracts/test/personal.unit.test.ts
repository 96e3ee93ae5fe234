// The personal fields of every event: masked, the masked data still satisfies its schema and holds
// none of the originals, and the patch restores exactly what was there.
import {
  applyPersonalPatch,
  type ComplaintEventType,
  complaintEventDataSchemas,
  ERASED_EMAIL,
  holdsPersonalData,
  maskPersonalData,
} from '@chp/contracts';
import { eventExamples } from './fixtures/events.js';

const examples = Object.entries(eventExamples) as [ComplaintEventType, unknown][];

describe.each(examples)('%s', (type, data) => {
  const { masked, patch } = maskPersonalData(type, data);

  it('masks to data that still satisfies the schema', () => {
    expect(complaintEventDataSchemas[type].safeParse(masked).error).toBeUndefined();
  });

  it('restores the original from the patch', () => {
    expect(applyPersonalPatch(masked, patch)).toEqual(data);
  });

  it('leaves no personal value in the masked data', () => {
    const text = JSON.stringify(masked);
    for (const { v } of patch) if (typeof v === 'string') expect(text).not.toContain(v);
    expect(patch.length > 0).toBe(holdsPersonalData(type) && patch.length > 0);
  });
});

it('masks the customer of a filing: name, e-mail, phone, CRM id, address; keeps language and zone', () => {
  const data = {
    ...eventExamples.ComplaintFiled,
    customer: {
      id: 'crm-1',
      name: 'Olena Koval',
      phone: '+447700900123',
      postalAddress: { lines: ['1 High St'], country: 'GB' },
      preferredLanguage: 'uk' as const,
      timeZone: 'Europe/Kyiv',
    },
  };
  const { masked, patch } = maskPersonalData('ComplaintFiled', data);
  expect((masked as typeof data).customer).toEqual({
    name: '[erased]',
    email: ERASED_EMAIL,
    preferredLanguage: 'uk',
    timeZone: 'Europe/Kyiv',
  });
  expect(applyPersonalPatch(masked, patch)).toEqual(data);
  expect(maskPersonalData('ComplaintFiled', data).masked).not.toBe(data);
});

it('changes nothing of events without personal data', () => {
  expect(maskPersonalData('SlaBreached', eventExamples.SlaBreached)).toEqual({
    masked: eventExamples.SlaBreached,
    patch: [],
  });
});
