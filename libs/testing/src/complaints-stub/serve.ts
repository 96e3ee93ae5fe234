// A stand-in for the complaints service on `complaints.cmd.file`: it files nothing and answers at
// once, so that a benchmark measures intake alone. @chp/testing sits below the contracts and
// messaging libraries (they test with it), so it speaks the wire format itself: the request
// `{data, metadata}` and the reply envelope `{ok: true, result}`. Intake parses the reply with the
// contracts' `fileComplaintReplySchema`, so a drift from the contract fails there, loudly.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';

/** The subject the stub answers (`natsCommandSubject('FileComplaint')` in @chp/contracts). */
export const fileComplaintSubject = 'complaints.cmd.file';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface FileRequest {
  data: { complaintId: string; reference: string };
}

function isFileRequest(value: unknown): value is FileRequest {
  if (typeof value !== 'object' || value === null || !('data' in value)) return false;
  const { data } = value as { data: unknown };
  if (typeof data !== 'object' || data === null) return false;
  const { complaintId, reference } = data as Record<string, unknown>;
  return typeof complaintId === 'string' && typeof reference === 'string';
}

/**
 * Answers every `complaints.cmd.file` request as a first filing: the requested id and reference,
 * created, revision 1, due for acknowledgement in five days. Shares the `complaints` queue group,
 * as the real service's replicas do. Returns the subscription (drain it to stop).
 */
export function serveComplaintsStub(nc: NatsConnection): Subscription {
  return nc.subscribe(fileComplaintSubject, {
    queue: 'complaints',
    callback: (error, msg) => {
      if (error) {
        // The subscription itself failed (e.g. the connection closed): nothing to answer.
        process.stderr.write(`complaints stub: ${error.message}\n`);
        return;
      }
      let request: unknown;
      try {
        request = JSON.parse(decoder.decode(msg.data));
      } catch (parseError) {
        request = { unparsable: String(parseError) };
      }
      const reply = isFileRequest(request)
        ? {
            ok: true,
            result: {
              complaintId: request.data.complaintId,
              reference: request.data.reference,
              acknowledgeBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
              created: true,
              revision: 1,
            },
          }
        : {
            ok: false,
            error: { kind: 'validation', title: 'Invalid request', detail: 'not a FileComplaint' },
          };
      msg.respond(encoder.encode(JSON.stringify(reply)));
    },
  });
}
