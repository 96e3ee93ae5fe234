import {
  ContractError,
  cloudEventSources,
  type IntakeMessage,
  intakeCloudEventTypes,
  parseIntakeMessage,
} from '@chp/contracts';
import { submission } from './fixtures/messages.js';
import { at, complaintId, eventId, reference, withValue } from './fixtures/values.js';

const kindOf = (message: IntakeMessage) => message.kind;

function errorOf(input: unknown): ContractError {
  try {
    parseIntakeMessage(input);
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError');
}

describe('parseIntakeMessage', () => {
  const submitted = {
    specversion: '1.0',
    id: 'web:form-2026-000123',
    type: intakeCloudEventTypes.submitted,
    source: 'urn:example:web-form',
    data: submission,
  };
  const queued = {
    specversion: '1.0',
    id: eventId,
    type: intakeCloudEventTypes.queued,
    source: cloudEventSources.intake,
    data: { complaintId, reference, receivedAt: at, idempotencyKey: 'web:form-2026-000123', submission },
  };

  it('reads a plain submission, a submitted CloudEvent and a queued one', () => {
    expect(kindOf(parseIntakeMessage(JSON.stringify(submission)))).toBe('plain');
    const fromEvent = parseIntakeMessage(submitted);
    expect(fromEvent).toMatchObject({ kind: 'submitted', submission, envelope: { id: submitted.id } });
    expect(parseIntakeMessage(new TextEncoder().encode(JSON.stringify(queued)))).toMatchObject({
      kind: 'queued',
      queued: { complaintId, reference },
    });
  });

  it.each([
    ['bytes that are not UTF-8', new Uint8Array([0xc3, 0x28]), 'json', []],
    ['an unknown channel', withValue(submission, ['channel'], 'fax'), 'data', ['channel']],
    ['an unknown field', withValue(submission, ['urgent'], true), 'data', ['']],
    [
      'a bad field inside a CloudEvent',
      withValue(submitted, ['data', 'subject'], ''),
      'data',
      ['data.subject'],
    ],
    ['a CloudEvent without a source', withValue(submitted, ['source'], undefined), 'envelope', ['source']],
    ['a CloudEvent of another type', withValue(submitted, ['type'], 'intake.Other.v1'), 'unknown_type', []],
  ])('refuses %s', (_what, input, kind, paths) => {
    const error = errorOf(input);
    expect([error.kind, error.issues.map((i) => i.path)]).toEqual([kind, paths]);
  });
});
