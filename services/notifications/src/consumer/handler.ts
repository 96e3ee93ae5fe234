import { type ComplaintEvent, ContractError, safeParseCloudEvent } from '@chp/contracts';
import type { PersonalDataOpener } from '@chp/eventstore';
import { ack, type ConsumedMessage, type MessagingLogger, type Outcome, reject, retry } from '@chp/messaging';
import { type DeliveryDeps, type DeliveryResult, deliver } from '../delivery/index.js';
import type { Directory } from '../directory/index.js';
import { isNotifying, type PlanSettings, plan } from '../planning/index.js';

export interface HandlerDeps extends DeliveryDeps {
  directory: Directory;
  plan: PlanSettings;
  /** The consumer's max deliveries: on the last one a temporary failure is final. */
  maxDeliver: number;
  /** Delay before looking again at a send in flight elsewhere, or an event ahead of its filing. */
  recheckMs: number;
  logger: MessagingLogger;
  /** Opens the sealed personal fields of events (the consumer gives one asking complaints for keys). */
  opener?: PersonalDataOpener;
}

/**
 * Keeps the directory current: the customer from the filing, the team from assignments, the
 * stand-ins after an erasure. False when the complaint is not known yet; `erased` for a filing
 * redelivered after its customer's erasure, which must send nothing.
 */
async function learn(
  deps: HandlerDeps,
  event: ComplaintEvent,
  complaintId: string,
  revision: number,
): Promise<boolean | 'erased'> {
  if (event.type === 'ComplaintFiled') {
    return (await deps.directory.remember({
      complaintId,
      reference: event.data.reference,
      customer: event.data.customer,
    }))
      ? true
      : 'erased';
  } else if (event.type === 'ComplaintAssigned') {
    return deps.directory.assignTeam(complaintId, event.data.team, revision);
  } else if (event.type === 'CustomerLanguageCorrected') {
    return deps.directory.correctLanguage(complaintId, event.data.language, revision);
  } else if (event.type === 'CustomerDataErased') {
    await deps.directory.erase(complaintId);
  }
  return true;
}

/** What the handler reads of a delivery: the consumer's, or an operator's re-read of one event. */
export type EventDelivery = Pick<ConsumedMessage<Uint8Array>, 'data' | 'deliveryCount' | 'streamSequence'> & {
  context?: ConsumedMessage<Uint8Array>['context'];
};

/**
 * The `complaints.events.>` handler: parse the CloudEvent, learn from it, plan its messages and
 * deliver each once. Any message still open makes the whole event retry; those already settled are
 * recognised in the sent log and not sent again.
 */
export function complaintEventHandler(deps: HandlerDeps) {
  return (message: ConsumedMessage<Uint8Array>): Promise<Outcome> => handleComplaintEvent(deps, message);
}

/** One complaint event through the handler (see {@link complaintEventHandler}). */
export async function handleComplaintEvent(deps: HandlerDeps, message: EventDelivery): Promise<Outcome> {
  let input: unknown = message.data;
  try {
    // Sealed personal fields are opened with the customer's key (the stand-ins once erased).
    if (deps.opener) input = await deps.opener.openCloudEvent(input);
  } catch (error) {
    if (error instanceof ContractError) return reject(`not a complaint event: ${error.message}`);
    throw error;
  }
  const parsed = safeParseCloudEvent(input);
  if (!parsed.success) return reject(`not a complaint event: ${parsed.error.message}`);
  const { envelope, event } = parsed.value;
  const complaintId = envelope.subject as string;
  const revision = Number(envelope.streamrevision);

  const learnt = await learn(deps, event, complaintId, revision);
  if (learnt === 'erased') return ack();
  if (!learnt) return retry(deps.recheckMs, `complaint ${complaintId} not filed here yet`);
  // The filing carries its own customer, and most later events send nothing: only what may send
  // needs the directory (a statement per event otherwise).
  const entry = isNotifying(event) ? await deps.directory.find(complaintId) : undefined;
  const planned = plan(event, complaintId, entry, deps.plan);
  if (planned.kind === 'unknown_complaint') {
    // An event ahead of its ComplaintFiled (handled concurrently): look again shortly.
    return retry(deps.recheckMs, `complaint ${complaintId} not filed here yet`);
  }

  const last = message.deliveryCount >= deps.maxDeliver;
  const results: DeliveryResult[] = [];
  for (const item of planned.messages) {
    results.push(
      await deliver(deps, envelope.id, complaintId, item, {
        last,
        streamSequence: message.streamSequence,
        ...(message.context ? { context: message.context } : {}),
      }),
    );
  }
  if (results.some((r) => r.kind === 'exhausted')) {
    return reject(`gave up after ${message.deliveryCount} deliveries: temporary SMTP failures`);
  }
  const inFlight = results.flatMap((r) => (r.kind === 'in_flight' ? [r.leaseLeftMs] : []));
  if (inFlight.length > 0) {
    // Look again soon (a concurrent send usually ends quickly); if it is still open, come back when
    // its lease has run out: then it is either settled or abandoned (`unknown`), never re-sent.
    const afterMs =
      message.deliveryCount <= 1 ? deps.recheckMs : Math.max(deps.recheckMs, ...inFlight) + deps.recheckMs;
    return retry(afterMs, 'a send of this event is in flight elsewhere');
  }
  if (results.some((r) => r.kind === 'retry')) return retry(undefined, 'temporary SMTP failure');
  return ack();
}
