/**
 * The real imgbuild executable (`node --import tsx src/cli/main.ts …`) as a child process, with its
 * stdout and stderr collected together, for tests that signal or kill it mid-build. A child still
 * running when the test file ends is killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after } from 'node:test';
import { repoRoot } from '../hcl/corpus-files.js';

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');

export interface SpawnedCli {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  out(): string;
  /** The exit code once the process and its pipes closed (null after a signal). */
  readonly done: Promise<number | null>;
}

const running = new Set<ChildProcess>();
let hooked = false;

export function spawnCli(args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): SpawnedCli {
  if (!hooked) {
    hooked = true;
    after(() => {
      for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
  }
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (out += c));
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, out: () => out, done };
}
