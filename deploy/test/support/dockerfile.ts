// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Dockerfile syntax, not templates
// Reading deploy/Dockerfile: instructions per stage, and the checks that tie it to the services.
import path from 'node:path';
import type { HealthPaths } from './services.js';

export interface Instruction {
  op: string;
  args: string;
}

/** Instructions of the last stage (`FROM … AS runtime`) and of all stages, continuations joined. */
export function parseDockerfile(text: string): { all: Instruction[]; final: Instruction[] } {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const all = lines.map((line) => {
    const [op = '', ...rest] = line.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });
  const lastFrom = all.map((i) => i.op).lastIndexOf('FROM');
  return { all, final: all.slice(lastFrom) };
}

export interface DockerfileExpectations {
  health: HealthPaths;
  /** The script compose and the image run as the healthcheck. */
  healthcheckScript: string;
  /** The root package.json's turbo version (prune and build must use the same one). */
  turboVersion: string;
  /** The Node major of the root package.json's `engines`. */
  nodeMajor: string;
  /** Each service's (and the console's) package.json `main`. */
  mains: Record<string, string>;
  /** Data files services read next to dist/ at run time, relative to their package (complaints' policies). */
  runtimeFiles: string[];
}

const refersToArg = (text: string, arg: string) =>
  text.includes(`\${${arg}}`) || new RegExp(`\\$${arg}\\b`).test(text);

export function checkDockerfile(text: string, expected: DockerfileExpectations): string[] {
  const { all, final } = parseDockerfile(text);
  const problems: string[] = [];
  const finalOps = (op: string) => final.filter((i) => i.op === op);

  const healthcheck = finalOps('HEALTHCHECK')[0];
  if (!healthcheck) problems.push('Dockerfile: the runtime stage has no HEALTHCHECK');
  else {
    const command = healthcheck.args.slice(healthcheck.args.indexOf('CMD') + 3).trim();
    let argv: string[] = [];
    try {
      argv = JSON.parse(command) as string[];
    } catch {
      problems.push(`Dockerfile: HEALTHCHECK CMD is not an exec-form array: ${command}`);
    }
    const at = argv.indexOf(expected.healthcheckScript);
    if (argv.length > 0 && at < 0)
      problems.push(`Dockerfile: HEALTHCHECK does not run ${expected.healthcheckScript}`);
    else if (argv.length > 0 && argv[at + 1] !== expected.health.liveness) {
      problems.push(
        `Dockerfile: HEALTHCHECK asks ${argv[at + 1]}; the liveness path is ${expected.health.liveness}`,
      );
    }
  }
  if (
    !finalOps('COPY').some(
      (i) => path.posix.basename(i.args.split(/\s+/).pop() ?? '') === expected.healthcheckScript,
    )
  ) {
    problems.push(`Dockerfile: the runtime stage does not copy ${expected.healthcheckScript} into the image`);
  }

  // One PORT drives everything: the service reads ENV PORT, EXPOSE and the healthcheck use it.
  if (!finalOps('ARG').some((i) => i.args.split('=')[0] === 'PORT'))
    problems.push('Dockerfile: the runtime stage has no ARG PORT');
  if (!finalOps('ENV').some((i) => /(^|\s)PORT=\$\{?PORT\}?(\s|$)/.test(i.args))) {
    problems.push('Dockerfile: the runtime stage does not set ENV PORT=${PORT}');
  }
  const expose = finalOps('EXPOSE');
  if (expose.length !== 1 || !refersToArg(expose[0]!.args, 'PORT')) {
    problems.push(
      `Dockerfile: EXPOSE should be \${PORT}, the port the service reads; it is ${expose.map((i) => i.args).join(', ') || 'missing'}`,
    );
  }

  // `node services/<service>` runs the package's `main`; the image holds dist/ (and config/) of each.
  const cmd = finalOps('CMD').pop();
  if (!cmd?.args.includes('exec node \\"services/${SERVICE}\\"')) {
    problems.push(
      `Dockerfile: CMD should run node "services/\${SERVICE}" (the package's main), it is ${cmd?.args ?? 'missing'}`,
    );
  }
  for (const [service, main] of Object.entries(expected.mains)) {
    const file = path.posix.normalize(main);
    if (!file.startsWith('dist/') || !file.endsWith('.js')) {
      problems.push(
        `Dockerfile: CMD runs ${service}'s package.json main, ${main}, but the image holds only its dist/`,
      );
    }
  }
  const accepted = /case "\$\{SERVICE\}" in ([\w|-]+)\)/.exec(text)?.[1]?.split('|') ?? [];
  for (const service of Object.keys(expected.mains)) {
    if (!accepted.includes(service)) problems.push(`Dockerfile: the prune stage refuses SERVICE=${service}`);
  }
  const user = finalOps('USER').pop()?.args;
  if (!user || user === 'root' || user === '0') problems.push('Dockerfile: the runtime stage runs as root');

  const nodeImage =
    all.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args.split('=')[1] ?? '';
  if (!new RegExp(`^node:${expected.nodeMajor}([.-]|$)`).test(nodeImage)) {
    problems.push(
      `Dockerfile: NODE_IMAGE is ${nodeImage || 'unset'}, engines say Node ${expected.nodeMajor}`,
    );
  }
  const turbo = all.find((i) => i.op === 'ARG' && i.args.startsWith('TURBO_VERSION='))?.args.split('=')[1];
  if (turbo !== expected.turboVersion) {
    problems.push(
      `Dockerfile: TURBO_VERSION is ${turbo ?? 'unset'}, the workspace uses turbo ${expected.turboVersion}`,
    );
  }

  // The build stage stages `${ws}/<dir>` for each workspace; run-time data files must be among them.
  const staged = new Set([...text.matchAll(/cp -r "\$\{ws\}\/([^"]+)"/g)].map((m) => m[1]));
  for (const file of expected.runtimeFiles) {
    const top = file.split('/')[0]!;
    if (!staged.has(top))
      problems.push(`Dockerfile: ${file} is read at run time, but ${top}/ is not copied into the image`);
  }
  return problems;
}
