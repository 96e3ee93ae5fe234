import { messageSchemas } from '@chp/contracts';
import { messageCases } from './fixtures/messages.js';

const issuePaths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => [
  ...new Set(result.error?.issues.map((issue) => issue.path.map(String).join('.'))),
];

describe('every message has a valid and an invalid example', () => {
  it('covers each schema by name, and nothing else', () => {
    expect(Object.keys(messageCases).sort()).toEqual(Object.keys(messageSchemas).sort());
  });

  describe.each(Object.keys(messageSchemas).sort())('%s', (name) => {
    const schema = messageSchemas[name]!;
    const example = messageCases[name]!;

    it('accepts the valid example', () => {
      const result = schema.safeParse(example.valid);
      expect(result.error?.issues ?? []).toEqual([]);
    });

    it(`rejects the invalid example (${example.invalid.reason}) at ${example.invalid.issuePath || '(root)'}`, () => {
      const result = schema.safeParse(example.invalid.value);
      expect(result.success).toBe(false);
      expect(issuePaths(result)).toEqual([example.invalid.issuePath]);
    });
  });
});
