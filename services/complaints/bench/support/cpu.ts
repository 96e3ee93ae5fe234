// CPU time of other processes (the service, PostgreSQL backends) from /proc: on a shared machine
// CPU per operation says more than wall-clock throughput. Linux only; elsewhere it reads nothing.
import { readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ, 100 on Linux

/** User + system CPU of a process in ms, or undefined when /proc does not have it. */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    // Not Linux, or the process has exited.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1_000) / ticksPerSecond : undefined;
}

/** The CPU ms of a set of processes; those that exited since are left out of both readings. */
export function cpuOf(pids: readonly number[]): Map<number, number> {
  const readings = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) readings.set(pid, ms);
  }
  return readings;
}

/** CPU ms spent between two readings by the processes present in both. */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) {
    const earlier = before.get(pid);
    if (earlier !== undefined) spent += ms - earlier;
  }
  return spent;
}
