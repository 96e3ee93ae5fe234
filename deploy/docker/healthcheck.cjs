// The container healthcheck: `node healthcheck.cjs [path]` exits 0 when
// http://127.0.0.1:$PORT<path> answers 2xx within 2 seconds, else 1. The path defaults to /healthz
// (liveness); compose asks /readyz so that `depends_on: service_healthy` waits for the dependencies.
// Node, not curl: the slim image has no curl, and the service's own runtime is always there.
const path = process.argv[2] ?? '/healthz';
const port = process.env.PORT;
if (!port) {
  process.stderr.write('healthcheck: PORT is not set\n');
  process.exit(1);
}
fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) }).then(
  (response) => {
    if (!response.ok) process.stderr.write(`healthcheck: ${path} answered ${response.status}\n`);
    process.exit(response.ok ? 0 : 1);
  },
  (error) => {
    process.stderr.write(`healthcheck: ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
