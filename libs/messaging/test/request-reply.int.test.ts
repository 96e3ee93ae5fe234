import { commandReplySchemaOf } from '@chp/contracts';
import {
  InvalidReplyError,
  InvalidRequestError,
  NoRespondersError,
  RequestFailedError,
  RequestTimeoutError,
  request,
  type Service,
  serve,
} from '@chp/messaging';
import { propagation, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { z } from 'zod';
import { type NatsFixture, startNats, stopNats, uniqueName } from './support';

const fileRequest = z.object({ complaintId: z.uuid(), subject: z.string().min(1).max(200) });
const fileReply = z.object({
  reference: z.string().regex(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  revision: z.number().int(),
});

let fixture: NatsFixture;
const services: Service[] = [];

beforeAll(async () => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  fixture = await startNats();
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.stop()));
});
afterAll(async () => {
  await stopNats(fixture);
  propagation.disable();
});

const valid = { complaintId: 'c0ffee00-0000-4000-8000-000000000001', subject: 'Card charged twice' };
const options = { requestSchema: fileRequest, replySchema: fileReply, timeoutMs: 2_000 };

function start(handler: (req: z.output<typeof fileRequest>) => unknown, subject = uniqueName('cmd.')) {
  services.push(serve(fixture.nc, subject, { queue: 'complaints', requestSchema: fileRequest, handler }));
  return subject;
}

describe('request/reply', () => {
  it('returns the parsed result of a valid exchange', async () => {
    const subject = start(() => ({ reference: 'C-7KX2-9QMA', revision: 0 }));
    await expect(request(fixture.nc, subject, valid, options)).resolves.toEqual({
      reference: 'C-7KX2-9QMA',
      revision: 0,
    });
  });

  it('throws InvalidReplyError with the zod issues when the reply breaks its schema', async () => {
    const subject = start(() => ({ reference: 'not a reference', revision: 'zero' }));

    const error = await request(fixture.nc, subject, valid, options).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidReplyError);
    expect((error as InvalidReplyError).issues.map((issue) => issue.path).sort()).toEqual([
      'result.reference',
      'result.revision',
    ]);
  });

  it('throws InvalidReplyError when the reply is not JSON', async () => {
    const subject = uniqueName('raw.');
    const sub = fixture.nc.subscribe(subject, {
      callback: (_e, msg) => {
        msg.respond('<html>');
      },
    });
    await expect(request(fixture.nc, subject, valid, options)).rejects.toThrow(InvalidReplyError);
    sub.unsubscribe();
  });

  it('answers an invalid request with ok:false, kind validation and the issues', async () => {
    let called = false;
    const subject = start(() => {
      called = true;
      return {};
    });

    const reply = await fixture.nc.request(subject, JSON.stringify({ complaintId: 'nope', subject: '' }));

    expect(reply.json()).toEqual({
      ok: false,
      error: expect.objectContaining({
        kind: 'validation',
        issues: [
          expect.objectContaining({ path: 'complaintId', code: 'invalid_format' }),
          expect.objectContaining({ path: 'subject', code: 'too_small' }),
        ],
      }),
    });
    expect(called).toBe(false);
  });

  it('answers a request nested 6,000 deep, or not UTF-8, with kind validation before its schema sees it', async () => {
    let called = false;
    const subject = start(() => {
      called = true;
      return {};
    });
    const deep = await fixture.nc.request(subject, `${'['.repeat(6_000)}${']'.repeat(6_000)}`);
    expect(deep.json()).toMatchObject({
      ok: false,
      error: { kind: 'validation', detail: 'request is not JSON: JSON is nested deeper than 64 levels' },
    });
    const latin1 = await fixture.nc.request(subject, new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    expect(latin1.json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(called).toBe(false);
  });

  it('refuses to send a request that breaks its own schema', async () => {
    await expect(request(fixture.nc, 'anything', { ...valid, complaintId: 'x' }, options)).rejects.toThrow(
      InvalidRequestError,
    );
  });

  it('turns a domain error into RequestFailedError carrying its kind and rule', async () => {
    const subject = start(() => {
      throw Object.assign(new Error('complaint is withdrawn'), {
        kind: 'illegal_transition',
        title: 'Illegal transition',
        rule: 'cannot resolve a withdrawn complaint',
      });
    });

    const error = await request(fixture.nc, subject, valid, options).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestFailedError);
    expect((error as RequestFailedError).error).toEqual({
      kind: 'illegal_transition',
      title: 'Illegal transition',
      detail: 'complaint is withdrawn',
      rule: 'cannot resolve a withdrawn complaint',
    });
    // The same reply is a valid `complaints.cmd.*` reply by the contracts' stricter schema.
    const raw = await fixture.nc.request(subject, JSON.stringify(valid));
    expect(commandReplySchemaOf(fileReply).safeParse(raw.json()).success).toBe(true);
  });

  it('says so when nobody listens, and when nobody answers in time', async () => {
    await expect(request(fixture.nc, uniqueName('nobody.'), valid, options)).rejects.toThrow(
      NoRespondersError,
    );

    const silent = uniqueName('silent.');
    const sub = fixture.nc.subscribe(silent, { callback: () => undefined });
    await fixture.nc.flush();
    await expect(request(fixture.nc, silent, valid, { ...options, timeoutMs: 200 })).rejects.toThrow(
      RequestTimeoutError,
    );
    sub.unsubscribe();
  });

  it('propagates the trace context to the handler', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    let seen: string | undefined;
    const subject = uniqueName('traced.');
    services.push(
      serve(fixture.nc, subject, {
        requestSchema: fileRequest,
        handler: (_req, ctx) => {
          seen = trace.getSpanContext(ctx.context)?.traceId;
          return { reference: 'C-7KX2-9QMA', revision: 1 };
        },
      }),
    );
    const context = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });

    await request(fixture.nc, subject, valid, { ...options, context });

    expect(seen).toBe(traceId);
  });
});
