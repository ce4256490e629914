/**
 * Cleaners of the resources imgbuild makes on this machine. `local-process`: a long-lived child (a QEMU
 * VM), killed only when its pid still names the same process (start time and boot id match), or, for
 * an intent never confirmed, found by the unique marker on its command line. `temp-path`: a temporary
 * file or directory, removed recursively.
 */
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { CleanerContext, ResourceCleaner, ResourceData } from '../../sdk/ledger.js';
import { isRunning, pidsWithMarker, processIdentity } from './process-identity.js';

/** The data of a `local-process` entry. */
export interface LocalProcessData {
  /** Written with the intent: a string unique to this process found in its argv (e.g. its -name). */
  readonly marker?: string;
  readonly description?: string;
  /** Confirmed after spawn (see processIdentity()). */
  readonly pid?: number;
  readonly startTime?: number;
  readonly bootId?: string;
  /** The process leads its own group (spawned detached): kill the whole group. */
  readonly group?: boolean;
}

const minMarkerLength = 16;
const termGraceMs = 5000;

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pid: number, group: boolean, sig: NodeJS.Signals): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // Gone already.
  }
}

async function stop(
  id: { pid: number; startTime?: number; bootId?: string },
  group: boolean,
  ctx: CleanerContext,
): Promise<void> {
  if (!(await isRunning(id))) return;
  signal(id.pid, group, 'SIGTERM');
  const deadline = Date.now() + termGraceMs;
  while (Date.now() < deadline) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (!(await isRunning(id))) return;
    await sleep(100);
  }
  ctx.say(`process ${id.pid} ignored SIGTERM for ${termGraceMs / 1000} s: sending SIGKILL`);
  signal(id.pid, group, 'SIGKILL');
  for (let i = 0; i < 50; i++) {
    if (!(await isRunning(id))) return;
    await sleep(100);
  }
  throw new Error(`process ${id.pid} is still running after SIGKILL`);
}

export const localProcessCleaner: ResourceCleaner = {
  kind: 'local-process',
  describe(data) {
    const what = str(data.description) ?? 'process';
    const pid = num(data.pid);
    return pid === undefined
      ? `${what} (not started, or its pid was never recorded)`
      : `${what} (pid ${pid})`;
  },
  async remove(data: ResourceData, ctx) {
    const group = data.group === true;
    const pid = num(data.pid);
    if (pid !== undefined) {
      const id = { pid, startTime: num(data.startTime), bootId: str(data.bootId) };
      await stop(id, group, ctx);
      return;
    }
    const marker = str(data.marker);
    if (marker === undefined || marker.length < minMarkerLength) {
      // Without a pid or a distinctive marker there is nothing safe to look for.
      return;
    }
    for (const found of await pidsWithMarker(marker)) await stop(await processIdentity(found), group, ctx);
  },
};

/** Paths never removed, whatever a (corrupt or hand-edited) ledger says. */
function unsafePath(p: string): string | undefined {
  if (!path.isAbsolute(p)) return 'not an absolute path';
  const normal = path.resolve(p);
  if (normal.split(path.sep).filter(Boolean).length < 2) return 'too close to the root';
  if (normal === homedir()) return 'the home directory';
  return undefined;
}

export const tempPathCleaner: ResourceCleaner = {
  kind: 'temp-path',
  describe: (data) => `temporary path ${str(data.path) ?? '(unknown)'}`,
  async remove(data) {
    const p = str(data.path);
    if (p === undefined) return;
    const problem = unsafePath(p);
    if (problem) throw new Error(`refusing to remove ${p}: ${problem}`);
    await rm(p, { recursive: true, force: true });
  },
};

export const localCleaners: readonly ResourceCleaner[] = [localProcessCleaner, tempPathCleaner];
