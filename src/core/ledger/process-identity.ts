/**
 * Telling a process from a later one that reuses its pid: Linux's start time (clock ticks after boot,
 * /proc/PID/stat field 22) and the boot id. A recorded process is the same one only when both match;
 * after a reboot (another boot id) it is certainly gone.
 */
import { readFile, readdir } from 'node:fs/promises';

export interface ProcessIdentity {
  readonly pid: number;
  /** Undefined where /proc is missing (then only the pid is checked). */
  readonly startTime?: number;
  readonly bootId?: string;
}

let cachedBootId: Promise<string | undefined> | undefined;

export function bootId(): Promise<string | undefined> {
  cachedBootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (t) => t.trim(),
    () => undefined,
  );
  return cachedBootId;
}

/** Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces and parentheses. */
export function parseStartTime(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close === -1) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const value = Number(fields[19]);
  return Number.isSafeInteger(value) ? value : undefined;
}

export async function processStartTime(pid: number): Promise<number | undefined> {
  try {
    return parseStartTime(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function processIdentity(pid: number): Promise<ProcessIdentity> {
  return { pid, startTime: await processStartTime(pid), bootId: await bootId() };
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process recorded as `id` is still running (not merely its pid, reused). */
export async function isRunning(id: ProcessIdentity): Promise<boolean> {
  const boot = await bootId();
  if (id.bootId !== undefined && boot !== undefined && id.bootId !== boot) return false;
  if (id.startTime !== undefined) {
    const now = await processStartTime(id.pid);
    if (now !== undefined || boot !== undefined) return now === id.startTime;
  }
  return exists(id.pid);
}

/** Pids whose command line contains `marker` (for a process whose pid was never recorded). */
export async function pidsWithMarker(marker: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir('/proc');
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.split('\0').some((arg) => arg.includes(marker))) out.push(Number(name));
  }
  return out;
}
