import {
  COMPLAINT_STREAM_PREFIX,
  commandBodySchemas,
  commandPaths,
  commandReplySchema,
  commandTypeOfPath,
  complaintCommandDataSchemas,
  complaintCommandTypes,
  complaintIdOfStream,
  complaintStreamName,
  httpCommandTypes,
  natsCommandSubject,
  natsCommandTypes,
} from '@chp/contracts';
import { commandExamples } from './fixtures/commands.js';
import { complaintId } from './fixtures/values.js';

describe('command names', () => {
  it('gives every HTTP command a distinct kebab-case path, and finds the command back', () => {
    const paths = Object.values(commandPaths);
    expect(new Set(paths).size).toBe(paths.length);
    for (const type of httpCommandTypes) {
      expect(commandPaths[type]).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(commandTypeOfPath(commandPaths[type])).toBe(type);
    }
    expect(commandTypeOfPath('delete')).toBeUndefined();
  });

  it('keeps machine-only commands off HTTP', () => {
    const httpOnlyNot = complaintCommandTypes.filter((t) => !(httpCommandTypes as string[]).includes(t));
    // CorrectCustomerLanguage is on HTTP at a route of its own, not among the desk's action forms.
    expect(httpOnlyNot.sort()).toEqual([
      'CorrectCustomerLanguage',
      'FileComplaint',
      'RecordCustomerNotification',
      'RecordSlaBreach',
    ]);
  });

  it('puts NATS commands on complaints.cmd.<name>', () => {
    expect(natsCommandSubject('FileComplaint')).toBe('complaints.cmd.file');
    expect(natsCommandTypes.map(natsCommandSubject)).toContain('complaints.cmd.record-satisfaction');
  });

  it('replies ok with a result, or not ok with an error', () => {
    expect(commandReplySchema.safeParse({ ok: true, result: { complaintId, revision: 4 } }).success).toBe(
      true,
    );
    const mixed = commandReplySchema.safeParse({
      ok: true,
      error: { kind: 'internal', title: 'x', detail: '' },
    });
    expect(mixed.error?.issues.map((i) => i.path.join('.'))).toEqual(['result']);
  });
});

describe('stream names', () => {
  it('builds complaint-<uuid> and reads the id back', () => {
    expect(complaintStreamName(complaintId)).toBe(`${COMPLAINT_STREAM_PREFIX}${complaintId}`);
    expect(complaintIdOfStream(complaintStreamName(complaintId))).toBe(complaintId);
    expect(complaintIdOfStream('complaint-42')).toBeUndefined();
    expect(complaintIdOfStream(`order-${complaintId}`)).toBeUndefined();
    expect(() => complaintStreamName('42')).toThrow(RangeError);
  });
});

describe('SendHoldingReply', () => {
  const body = commandBodySchemas.SendHoldingReply;

  it('trims the reason, and counts its length after trimming', () => {
    expect(body.parse({ reason: '  Waiting for the card scheme.\n' })).toEqual({
      reason: 'Waiting for the card scheme.',
    });
    expect(body.safeParse({ reason: ` ${'x'.repeat(2_000)} ` }).success).toBe(true);
    expect(body.safeParse({ reason: 'x'.repeat(2_001) }).success).toBe(false);
  });

  it('refuses a reason that is blank once trimmed', () => {
    expect(body.safeParse({ reason: ' \n\t ' }).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'reason',
    ]);
  });

  it('is sent over HTTP only, on send-holding-reply', () => {
    expect(commandPaths.SendHoldingReply).toBe('send-holding-reply');
    expect(natsCommandTypes).not.toContain('SendHoldingReply');
  });
});

describe('FileComplaint region', () => {
  const data = complaintCommandDataSchemas.FileComplaint;
  const filing = { ...commandExamples.FileComplaint };

  it.each(['GB', 'GB-SCT', 'US-NY', 'FR-75C'])('accepts the ISO 3166 code %s', (region) => {
    expect(data.safeParse({ ...filing, region }).error).toBeUndefined();
  });

  it.each(['gb-sct', 'Scotland', 'GB-', 'GB-SCOT', 'GBR'])('refuses %s', (region) => {
    expect(data.safeParse({ ...filing, region }).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'region',
    ]);
  });

  it('is optional', () => {
    const { region: _region, ...withoutRegion } = filing;
    expect(data.safeParse(withoutRegion).error).toBeUndefined();
  });
});
