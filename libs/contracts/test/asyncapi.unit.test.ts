import { Parser } from '@asyncapi/parser';
import { complaintEventTypes, natsCommandNames, notificationSubjects, subjects } from '@chp/contracts';
import { generateDocs } from '../scripts/docs/generate.js';

// DiagnosticSeverity.Error in @stoplight/types, which the parser reports with.
const ERROR = 0;

describe('the AsyncAPI document', () => {
  const yaml = generateDocs().get('asyncapi.yaml')!;

  it('parses with the official parser with no error diagnostics', async () => {
    const { document, diagnostics } = await new Parser().parse(yaml);
    const errors = diagnostics.filter((d) => d.severity === ERROR);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('describes every NATS subject of subjects.ts', async () => {
    const { document } = await new Parser().parse(yaml);
    const addresses = document!
      .channels()
      .all()
      .map((c) => c.address());
    const expected = [
      subjects.intake.complaint('{channel}'),
      subjects.intake.emailRaw,
      subjects.intake.dead('{channel}'),
      subjects.complaints.file,
      ...Object.values(natsCommandNames).map((name) => subjects.complaints.command(name)),
      ...complaintEventTypes.map((type) => subjects.complaints.event(type)),
      ...Object.values(notificationSubjects),
      subjects.deadLetters.of('{service}', '{name}'),
    ];
    expect(addresses).toEqual(expect.arrayContaining(expected));
  });

  it('gives each channel with an address a send and a receive operation', async () => {
    const { document } = await new Parser().parse(yaml);
    for (const channel of document!.channels().all()) {
      if (channel.address() === null || channel.address()!.startsWith('intake.dead.')) continue;
      const actions = channel
        .operations()
        .all()
        .map((o) => o.action())
        .sort();
      expect([channel.address(), actions]).toEqual([channel.address(), ['receive', 'send']]);
    }
  });
});
