// The real complaints service as its own process (its built dist/main.js, started by @chp/testing's
// `startServiceProcess`; `npm run build` first) on a database of its own. Intake reaches it only as
// in production, over `complaints.cmd.*`; the tests read what it recorded through its HTTP API and
// send agents' commands there, never through its source.
import {
  type CommandBody,
  commandPaths,
  complaintStreamName,
  type HttpCommandType,
  parseCloudEvent,
} from '@chp/contracts';
import { createEventStore } from '@chp/eventstore';
import { signToken } from '@chp/platform';
import { type NatsHandle, postgres, type ServiceProcess, startServiceProcess } from '@chp/testing';

export interface ComplaintsHandle {
  /** Stops the process (complaints is "down"); its database stays. */
  stop(): Promise<void>;
  /** Starts it again on the same database (a no-op while it runs). */
  start(): Promise<void>;
  /** ComplaintFiled events in its store, by complaint stream. */
  filed(): Promise<Map<string, number>>;
  /** A complaint's events (type and data), oldest first; none when it has no stream. */
  eventsOf(complaintId: string): Promise<{ type: string; data: unknown }[]>;
  /** An agent's command through complaints' HTTP API; throws unless it is accepted. */
  command<T extends HttpCommandType>(complaintId: string, type: T, body: CommandBody<T>): Promise<void>;
  /** A command through complaints' HTTP API with a token of `roles`; the response as it is. */
  send<T extends HttpCommandType>(
    complaintId: string,
    type: T,
    body: CommandBody<T>,
    roles: Parameters<typeof signToken>[0]['roles'],
  ): Promise<Response>;
  close(): Promise<void>;
}

const pageSize = 1_000; // complaints' MAX_FEED_PAGE and MAX_AUDIT_PAGE

export async function startComplaints(
  natsServer: NatsHandle,
  jwtSecret: string,
  options: { relay?: boolean } = {},
): Promise<ComplaintsHandle> {
  const database = await postgres();
  const env = {
    // NATS_URL and complaints' own NATS credentials.
    ...natsServer.serviceEnv('complaints'),
    EVENT_STORE_URL: database.url,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    // Only what intake talks to: the commands on NATS (and the HTTP API, always on); the relay
    // to COMPLAINTS for the portal, which follows it.
    RELAY_ENABLED: options.relay ? 'true' : 'false',
    SLA_MONITOR_ENABLED: 'false',
    NOTIFICATIONS_CONSUMER_ENABLED: 'false',
  };
  const reader = await signToken({ secret: jwtSecret, subject: 'intake-test', roles: ['service'] });
  const agent = await signToken({ secret: jwtSecret, subject: 'agent-alice', roles: ['agent'] });
  let service: ServiceProcess | undefined = await startServiceProcess({ service: 'complaints', env });
  let port = service.port;

  const get = async (path: string): Promise<Response> => {
    if (!service) throw new Error('complaints is stopped');
    return fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${reader}` } });
  };
  const json = async (res: Response): Promise<unknown> => {
    if (!res.ok) throw new Error(`complaints answered ${res.status}: ${await res.text()}`);
    return res.json();
  };

  return {
    async stop() {
      await service?.stop();
      service = undefined;
    },
    async start() {
      if (service) return;
      service = await startServiceProcess({ service: 'complaints', env, port });
      port = service.port;
    },
    async filed() {
      const counts = new Map<string, number>();
      const count = (streamName: string) => counts.set(streamName, (counts.get(streamName) ?? 0) + 1);
      if (!service) {
        // Its process is down, so nobody else holds the store: read it as the service would.
        const store = await createEventStore(database.url);
        try {
          for (const event of await store.readAll())
            if (event.type === 'ComplaintFiled') count(event.streamName);
        } finally {
          await store.close();
        }
        return counts;
      }
      let after: string | null = null;
      for (;;) {
        const query: string = after === null ? `limit=${pageSize}` : `limit=${pageSize}&after=${after}`;
        const page = (await json(await get(`/internal/v1/events?${query}`))) as {
          events: unknown[];
          next: string | null;
        };
        for (const raw of page.events) {
          const { event, envelope } = parseCloudEvent(raw);
          if (event.type === 'ComplaintFiled') count(complaintStreamName(envelope.subject ?? ''));
        }
        // `next` stays where it was once the feed has nothing more.
        if (page.next === after) return counts;
        after = page.next;
      }
    },
    async eventsOf(complaintId) {
      const res = await get(`/v1/complaints/${complaintId}/events?limit=${pageSize}`);
      if (res.status === 404) return [];
      const page = (await json(res)) as { events: { type: string; data: unknown }[] };
      return page.events.map((e) => ({ type: e.type, data: e.data }));
    },
    async command(complaintId, type, body) {
      if (!service) throw new Error('complaints is stopped');
      const res = await fetch(`${service.url}/v1/complaints/${complaintId}/${commandPaths[type]}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await json(res);
    },
    async send(complaintId, type, body, roles) {
      if (!service) throw new Error('complaints is stopped');
      const token = await signToken({ secret: jwtSecret, subject: `staff-${roles.join('-')}`, roles });
      return fetch(`${service.url}/v1/complaints/${complaintId}/${commandPaths[type]}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    async close() {
      await service?.stop();
      service = undefined;
      await database.close();
    },
  };
}
