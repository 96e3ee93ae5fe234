import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type EventStoreDbHandle =
  | {
      available: true;
      /** `esdb://host:port?tls=false` */
      url: string;
      /** True when this handle started a container (which `stop()` removes). */
      owned: boolean;
      stop(): Promise<void>;
    }
  | { available: false; reason: string };

export type EventStoreDbAvailability =
  | { available: true; via: 'ESDB_URL' | 'docker' }
  | { available: false; reason: string };

const image = () => process.env.ESDB_IMAGE ?? 'eventstore/eventstore:24.10';
const howTo =
  'set ESDB_URL=esdb://localhost:2113?tls=false against `docker run -p 2113:2113 eventstore/eventstore --insecure --run-projections=All`';
const startTimeoutMs = 180_000;

/**
 * Synchronous and quick, for deciding at `describe` time: `ESDB_URL` is set, or a Docker engine
 * answers `GET /_ping` at `DOCKER_HOST` or a default socket (asked from a child process, at most
 * ~3 s). A socket file whose daemon is stopped is a skip with its reason, not a failing leg.
 */
export function eventstoredbAvailability(): EventStoreDbAvailability {
  if (process.env.ESDB_URL) return { available: true, via: 'ESDB_URL' };
  const docker = dockerEndpoint();
  if (!docker) return { available: false, reason: `no ESDB_URL and no Docker engine: ${howTo}` };
  const ping = pingDockerSync(docker);
  if (ping !== 'ok') return { available: false, reason: `Docker at ${describe(docker)} ${ping}: ${howTo}` };
  return { available: true, via: 'docker' };
}

/** `pingDocker` from a child process, for callers that cannot await. */
function pingDockerSync(endpoint: DockerEndpoint): 'ok' | string {
  const probe =
    `const r=require('node:http').request({...${JSON.stringify(endpoint)},path:'/_ping',method:'GET',timeout:2000},` +
    `(res)=>{res.resume();process.stdout.write(res.statusCode===200?'ok':'answered /_ping with HTTP '+res.statusCode);});` +
    `r.on('timeout',()=>{r.destroy();process.stdout.write('did not answer within 2 s');});` +
    `r.on('error',(e)=>process.stdout.write('is not reachable ('+e.message+')'));r.end();`;
  const result = spawnSync(process.execPath, ['-e', probe], { timeout: 3_000, encoding: 'utf8' });
  return result.stdout || 'did not answer within 3 s';
}

/**
 * An EventStoreDB for tests: `ESDB_URL` when set; otherwise a throwaway `eventstore/eventstore`
 * container (insecure, in memory) where a Docker engine answers; otherwise `{ available: false }`
 * with a reason that says how to provide one. Never hangs on a machine without Docker.
 */
export async function eventstoredb(): Promise<EventStoreDbHandle> {
  const external = process.env.ESDB_URL;
  if (external) {
    return {
      available: true,
      url: external,
      owned: false,
      async stop() {
        // Not ours to stop.
      },
    };
  }
  const endpoint = dockerEndpoint();
  if (!endpoint) return { available: false, reason: `no ESDB_URL and no Docker engine: ${howTo}` };
  const ping = await pingDocker(endpoint);
  if (ping !== 'ok') return { available: false, reason: `Docker at ${describe(endpoint)} ${ping}: ${howTo}` };

  // Loaded only here: testcontainers is heavy and not needed where Docker is absent.
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(image())
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'All',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .withStartupTimeout(startTimeoutMs)
    .start();
  return {
    available: true,
    url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    owned: true,
    async stop() {
      await container.stop();
    },
  };
}

type DockerEndpoint = { socketPath: string } | { host: string; port: number };

function dockerEndpoint(): DockerEndpoint | undefined {
  const configured = process.env.DOCKER_HOST;
  if (configured) {
    if (configured.startsWith('unix://')) return { socketPath: configured.slice('unix://'.length) };
    const url = new URL(configured.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  const candidates = [
    '/var/run/docker.sock',
    process.env.XDG_RUNTIME_DIR ? join(process.env.XDG_RUNTIME_DIR, 'docker.sock') : undefined,
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
  ];
  const socketPath = candidates.find((path) => path !== undefined && existsSync(path));
  return socketPath ? { socketPath } : undefined;
}

/** `GET /_ping` with a short timeout, so that a dead socket never hangs a test run. */
function pingDocker(endpoint: DockerEndpoint): Promise<'ok' | string> {
  return new Promise((resolve) => {
    const req = request({ ...endpoint, path: '/_ping', method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? 'ok' : `answered /_ping with HTTP ${res.statusCode}`);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve('did not answer within 2 s');
    });
    req.on('error', (error) => resolve(`is not reachable (${error.message})`));
    req.end();
  });
}

function describe(endpoint: DockerEndpoint): string {
  return 'socketPath' in endpoint ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`;
}
