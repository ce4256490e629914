/**
 * For the qemu end-to-end tests: the tiny base image (or why it cannot be had), a template writer,
 * the real CLI spawned as a child process (so SIGINT reaches it as a user's Ctrl-C would), and
 * checks that no QEMU of a test is left running.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../hcl/corpus-files.js';

export interface TinyImage {
  readonly disk: string;
  readonly kernel: string;
  readonly initrd: string;
  /** Kernel command line for direct kernel boot. */
  readonly append: string;
  readonly privateKeyPath: string;
  readonly user: string;
}

/** Why the qemu end-to-end tests cannot run here, or undefined. */
export function qemuE2eSkipReason(): string | undefined {
  const paths = (process.env.PATH ?? '').split(':');
  for (const program of ['qemu-system-x86_64', 'qemu-img']) {
    if (!paths.some((d) => d && existsSync(path.join(d, program)))) return `${program} is not installed`;
  }
  return undefined;
}

export async function tinyImage(signal?: AbortSignal): Promise<TinyImage> {
  const { ensureBaseImage, baseImageUnavailableReason } = await import('../../../src/testing/base-image.js');
  const reason = baseImageUnavailableReason('tiny');
  if (reason) throw new Error(`tiny base image unavailable: ${reason}`);
  return ensureBaseImage('tiny', { signal });
}

export interface SourceOptions {
  readonly name: string;
  readonly image: TinyImage;
  readonly outputDir: string;
  /** vm_name; also the marker that finds this source's QEMU process. */
  readonly vmName: string;
  readonly extra?: string;
}

/** A qemu source for the tiny image: disk_image, TCG, key login as root, poweroff. */
export function tinySource(o: SourceOptions): string {
  return `source "qemu" "${o.name}" {
  iso_url              = "${o.image.disk}"
  iso_checksum         = "none"
  disk_image           = true
  skip_resize_disk     = true
  accelerator          = "tcg"
  headless             = true
  memory               = 256
  cpus                 = 1
  vm_name              = "${o.vmName}"
  output_directory     = "${o.outputDir}"
  ssh_username         = "${o.image.user}"
  ssh_private_key_file = "${o.image.privateKeyPath}"
  ssh_timeout          = "4m"
  shutdown_command     = "poweroff"
  shutdown_timeout     = "1m"
${o.extra ?? ''}
}
`;
}

export interface SpawnedBuild {
  readonly pid: number;
  /** Everything printed so far (stdout + stderr). */
  output(): string;
  /** Resolves when a line matching `re` was printed; rejects if the build ends first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  kill(signal: NodeJS.Signals): void;
}

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');

/** `imgbuild build …` through tsx, as its own process. */
export function spawnBuild(args: readonly string[], cwd: string): SpawnedBuild {
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, 'build', ...args], {
    cwd,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => {
      child.once('close', (code, signal) => {
        for (const l of listeners) l();
        resolve({ code, signal, output: text });
      });
    },
  );
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  return {
    pid: child.pid as number,
    output: () => text,
    done,
    kill: (signal) => child.kill(signal),
    waitFor(re, timeoutMs = 240_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${re}; output so far:\n${text}`));
        }, timeoutMs);
        const check = () => {
          if (re.test(text)) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          } else if (finished) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(new Error(`the build ended before ${re}; output:\n${text}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Pids of running processes whose command line contains `marker` (a test's unique vm_name). */
export function processesWith(marker: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter((pid) => pid !== process.pid);
  } catch {
    return [];
  }
}

/** Kills what a failed test left (by its unique marker), so later tests and helpers are not slowed. */
export function killLeftovers(marker: string): void {
  for (const pid of processesWith(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
