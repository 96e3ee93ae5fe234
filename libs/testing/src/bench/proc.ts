// CPU time of processes from /proc (Linux): on a machine shared with other work, CPU per operation
// says more than wall-clock throughput. Elsewhere every reading is undefined (or empty).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** USER_HZ: /proc/<pid>/stat counts CPU in clock ticks, 100 a second on every Linux we run on. */
const ticksPerSecond = 100;

/** The fields of a /proc/<pid>/stat line after the command name (field 3, the state, comes first). */
export function statFields(stat: string): string[] {
  // The command name may hold spaces and parentheses: everything after the last ')' is fields.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User + system CPU in ms from a /proc/<pid>/stat line (utime and stime, fields 14 and 15). */
export function cpuMsOfStat(stat: string): number | undefined {
  const fields = statFields(stat);
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1_000) / ticksPerSecond : undefined;
}

/** User + system CPU of a process in ms, or undefined when /proc does not have it (exited, not Linux). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const stat = readProc(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : cpuMsOfStat(stat);
}

/** CPU ms of each of `pids` that /proc knows. */
export function cpuOf(pids: Iterable<number>): Map<number, number> {
  const readings = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) readings.set(pid, ms);
  }
  return readings;
}

/**
 * CPU ms spent between two readings of `cpuOf`. A process only in `after` (started since) counts
 * from zero when `countNew` is set, and is left out otherwise; one gone since takes its CPU with it.
 */
export function cpuSpent(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  { countNew = false }: { countNew?: boolean } = {},
): number {
  let spent = 0;
  for (const [pid, ms] of after) {
    const earlier = before.get(pid) ?? (countNew ? 0 : undefined);
    if (earlier !== undefined) spent += ms - earlier;
  }
  return spent;
}

/** Pids of the processes whose command name is `command`, optionally only children of `parent`. */
export function pidsNamed(command: string, { parent }: { parent?: number } = {}): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(`/proc/${entry}/stat`);
    if (stat === undefined) continue;
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (name !== command) continue;
    if (parent !== undefined && Number(statFields(stat)[1]) !== parent) continue;
    pids.push(Number(entry));
  }
  return pids;
}

/** This process's own CPU (user + system) in ms, from `process.cpuUsage`. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1_000;
}

/** The machine as a benchmark should report it: cores and the 1, 5 and 15 minute load averages. */
export interface Machine {
  cores: number;
  load_average: number[];
}

export function machine(): Machine {
  return { cores: cpus().length, load_average: loadavg().map((l) => Math.round(l * 10) / 10) };
}

/** "2 cores, load average 1.2 0.9 0.7": a readable line for a benchmark's output. */
export function describeMachine(m: Machine = machine()): string {
  return `${m.cores} cores, load average ${m.load_average.map((l) => l.toFixed(1)).join(' ')}`;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // The process ended since (ENOENT, ESRCH), or there is no /proc at all.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return undefined;
    throw error;
  }
}
