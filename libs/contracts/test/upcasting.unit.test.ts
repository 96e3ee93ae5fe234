import {
  ContractError,
  cloudEventSchema,
  complaintEventDataSchemas,
  complaintEventVersions,
  decodeEvent,
  type EventFamily,
  parseFamilyCloudEvent,
  satisfactionRecordedDataSchema,
  UpcastError,
  UpcasterRegistry,
  upcast,
} from '@chp/contracts';
import { z } from 'zod';
import { actor, at } from './fixtures/values.js';

// A plausible future change, to prove the mechanism: SatisfactionRecorded v2 replaces the 1..5
// `score` by a `rating` that names its scale, so that a 0..10 survey can be added later.
const satisfactionV2 = satisfactionRecordedDataSchema
  .omit({ score: true })
  .extend({ rating: z.object({ value: z.number().int(), scale: z.literal(5).or(z.literal(10)) }) });
type SatisfactionV2 = z.infer<typeof satisfactionV2>;

const v1ToV2 = (data: unknown): unknown => {
  const { score, ...rest } = data as { score: number };
  return { ...rest, rating: { value: score, scale: 5 } };
};

const v1Data = { by: actor.customer, at, score: 4, comment: 'Quick.' };

describe('the upcaster registry', () => {
  it('reads v1 data as v2 through a registered upcaster', () => {
    const registry = new UpcasterRegistry({ SatisfactionRecorded: 2 });
    registry.register('SatisfactionRecorded', 1, v1ToV2);
    const upcast = registry.upcast('SatisfactionRecorded', 1, v1Data);
    expect(satisfactionV2.parse(upcast)).toEqual<SatisfactionV2>({
      by: actor.customer,
      at,
      comment: 'Quick.',
      rating: { value: 4, scale: 5 },
    });
  });

  it('chains upcasters, v1 → v2 → v3, and leaves current data alone', () => {
    const registry = new UpcasterRegistry({ NoteAdded: 3 })
      .register('NoteAdded', 1, (d) => ({ ...(d as object), v2: true }))
      .register('NoteAdded', 2, (d) => ({ ...(d as object), v3: true }));
    expect(registry.upcast('NoteAdded', 1, {})).toEqual({ v2: true, v3: true });
    expect(registry.upcast('NoteAdded', 2, {})).toEqual({ v3: true });
    expect(registry.upcast('NoteAdded', 3, { as: 'is' })).toEqual({ as: 'is' });
  });

  it('refuses an unknown type, a future version and a missing step with a reason', () => {
    const registry = new UpcasterRegistry({ NoteAdded: 3 }).register('NoteAdded', 2, (d) => d);
    const reasonOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof UpcastError ? error.reason : error;
      }
      return 'no error';
    };
    expect(reasonOf(() => registry.upcast('NoteDeleted', 1, {}))).toBe('unknown_type');
    expect(reasonOf(() => registry.upcast('NoteAdded', 4, {}))).toBe('unsupported_version');
    expect(reasonOf(() => registry.upcast('NoteAdded', 1, {}))).toBe('missing_upcaster');
  });

  it('refuses to register outside 1..current-1, or twice', () => {
    const registry = new UpcasterRegistry({ NoteAdded: 2 });
    expect(() => registry.register('NoteAdded', 2, (d) => d)).toThrow(/1\.\.1/);
    expect(() => registry.register('NoteAdded', 0, (d) => d)).toThrow(RangeError);
    registry.register('NoteAdded', 1, (d) => d);
    expect(() => registry.register('NoteAdded', 1, (d) => d)).toThrow(/already registered/);
    expect(() => new UpcasterRegistry({ NoteAdded: 0 })).toThrow(RangeError);
  });

  it('writes every Complaint event at version 1 but CustomerResponded, at 2', () => {
    const { CustomerResponded, ...others } = complaintEventVersions;
    expect(new Set(Object.values(others))).toEqual(new Set([1]));
    expect(CustomerResponded).toBe(2);
  });

  it('reads a CustomerResponded written at version 1 (no sender, no source) as version 2', () => {
    const v1 = {
      by: { id: 'email-gateway', role: 'channel' },
      at: '2026-03-02T10:00:00Z',
      message: 'It ends in 4242.',
      channel: 'email',
    };
    const read = complaintEventDataSchemas.CustomerResponded.parse(upcast('CustomerResponded', 1, v1));
    expect(read).toEqual(v1);
    expect(read).not.toHaveProperty('from');
  });

  describe('in a family of CloudEvents', () => {
    const eventSchema = z.discriminatedUnion('type', [
      z.object({ type: z.literal('SatisfactionRecorded'), data: satisfactionV2 }),
    ]);
    const family: EventFamily<z.infer<typeof eventSchema>> = {
      prefix: 'complaints',
      upcasters: new UpcasterRegistry({ SatisfactionRecorded: 2 }).register(
        'SatisfactionRecorded',
        1,
        v1ToV2,
      ),
      eventSchema,
      envelopeSchema: cloudEventSchema,
    };
    const envelope = (type: string, data: unknown) => ({
      specversion: '1.0',
      id: 'e-1',
      type,
      source: 'urn:test',
      data,
    });

    it('reads a published v1 CloudEvent as v2, and a v2 one as it is', () => {
      const fromV1 = parseFamilyCloudEvent(family, envelope('complaints.SatisfactionRecorded.v1', v1Data));
      expect(fromV1.version).toBe(1);
      expect(fromV1.event.data.rating).toEqual({ value: 4, scale: 5 });
      const v2Data = v1ToV2(v1Data);
      const fromV2 = parseFamilyCloudEvent(family, envelope('complaints.SatisfactionRecorded.v2', v2Data));
      expect(fromV2.event).toEqual(fromV1.event);
    });

    it('validates the upcast data against the current schema', () => {
      const broken = { ...v1Data, score: 'four' };
      expect(() => decodeEvent(family, 'SatisfactionRecorded', 1, broken)).toThrow(ContractError);
      try {
        decodeEvent(family, 'SatisfactionRecorded', 1, broken);
      } catch (error) {
        expect((error as ContractError).issues.map((i) => i.path)).toEqual(['data.rating.value']);
      }
    });

    it('refuses a version newer than the code', () => {
      const future = envelope('complaints.SatisfactionRecorded.v3', {});
      expect(() => parseFamilyCloudEvent(family, future)).toThrow(
        expect.objectContaining({ kind: 'unsupported_version' }),
      );
    });
  });
});
