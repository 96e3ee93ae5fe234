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

it("masks a stored file's name and id, keeps its type, size and SHA-256, and still decodes (issue 24)", () => {
  const file = {
    name: 'Rēķins 2026.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1234,
    sha256: 'a'.repeat(64),
    objectKey: '0b6f7c2e-5d1a-4e3b-9c4d-2a1b3c4d5e6f',
  };
  const data = { ...(eventExamples.ComplaintFiled as Record<string, unknown>), attachments: [file] };
  expect(complaintEventDataSchemas.ComplaintFiled.safeParse(data).error).toBeUndefined();
  const { masked, patch } = maskPersonalData('ComplaintFiled', data);
  const [maskedFile] = (masked as { attachments: Record<string, unknown>[] }).attachments;
  expect(maskedFile).toEqual({ ...file, name: '[erased]', objectKey: '[erased]' });
  expect(complaintEventDataSchemas.ComplaintFiled.safeParse(masked).error).toBeUndefined();
  expect(applyPersonalPatch(masked, patch)).toEqual(data);
  // A reference written before sha256 existed still decodes; a malformed digest does not.
  const { sha256: _, ...older } = file;
  expect(complaintEventDataSchemas.ComplaintFiled.safeParse({ ...data, attachments: [older] }).success).toBe(
    true,
  );
  expect(
    complaintEventDataSchemas.ComplaintFiled.safeParse({ ...data, attachments: [{ ...file, sha256: 'XYZ' }] })
      .success,
  ).toBe(false);
});
