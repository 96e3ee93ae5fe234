// A stand-in for complaints that answers `complaints.cmd.file` at once (the contract's request and
// reply schemas, through @chp/messaging's `serve`), so that the benchmark measures intake alone.
// Run as its own process by `startStubComplaints`; NATS_URL names the server.
import { fileComplaintRequestSchema, fileComplaintResultSchema, natsCommandSubject } from '@chp/contracts';
import { connect, serve } from '@chp/messaging';

async function main(): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? '', name: 'complaints-stub' });
  const acknowledgeBy = new Date(Date.now() + 5 * 86_400_000).toISOString();
  serve(nc, natsCommandSubject('FileComplaint'), {
    queue: 'complaints',
    requestSchema: fileComplaintRequestSchema,
    replySchema: fileComplaintResultSchema,
    handler: (request) => ({
      complaintId: request.data.complaintId,
      reference: request.data.reference,
      acknowledgeBy,
      created: true,
      revision: 1,
    }),
  });
  await nc.flush();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void nc.drain().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`complaints stub failed: ${String(error)}\n`);
  process.exit(1);
});
