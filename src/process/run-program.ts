/**
 * The one way imgbuild runs a short-lived external program: argv (no shell), cancellation through an
 * AbortSignal (SIGTERM to the program's process group, SIGKILL after a grace period), and a DriverError
 * naming the command, its exit status and its last stderr lines when it fails.
 */
import { spawn } from 'node:child_process';
import { DriverError, tailLines } from './driver-error.js';

export interface RunProgramOptions {
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Called with each chunk of stdout (e.g. qemu-img's `-p` progress). */
  readonly onStdout?: (text: string) => void;
  /** Written to the program's stdin, then stdin is closed. */
  readonly input?: string | Buffer;
  /** Exit codes that count as success (default: only 0). */
  readonly okExitCodes?: readonly number[];
  readonly killGraceMs?: number;
}

export interface ProgramResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Process groups of running programs, killed if imgbuild itself exits while they run. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Registers a detached child's process group so an exiting imgbuild never leaves it running. */
export function trackProcessGroup(pid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of liveGroups) killProcessGroup(group, 'SIGKILL');
    });
  }
  liveGroups.add(pid);
  return () => {
    liveGroups.delete(pid);
  };
}

export function runProgram(argv: readonly string[], options: RunProgramOptions = {}): Promise<ProgramResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('runProgram: empty argv');
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(file, args, {
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    let untrack: () => void = () => {};
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (child.pid === undefined) return;
      killProcessGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killProcessGroup(child.pid!, 'SIGKILL'), options.killGraceMs ?? 3000);
    };
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      options.onStdout?.(text);
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.once('spawn', () => {
      untrack = trackProcessGroup(child.pid!);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    child.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        new DriverError(`${file}: ${error.message}`, argv, null, null, '', {
          cause: error,
        }),
      );
    });
    child.once('close', (code, exitSignal) => {
      untrack();
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const ok = code !== null && (options.okExitCodes ?? [0]).includes(code);
      if (ok) {
        resolve({ stdout, stderr, exitCode: code });
        return;
      }
      const status = code !== null ? `exit status ${code}` : `signal ${exitSignal}`;
      const tail = tailLines(stderr);
      reject(
        new DriverError(
          `${argv.join(' ')} failed: ${status}${tail ? `\n${tail}` : ''}`,
          argv,
          code,
          exitSignal,
          tail,
        ),
      );
    });
  });
}
