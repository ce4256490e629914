/** Runs the CLI in-process (main() with captured streams) or as the real executable, for the cli tests. */
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/cli.js';
import { repoRoot } from '../hcl/corpus-files.js';
import { childEnv } from '../helpers/child-env.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: string | NodeJS.ReadableStream;
}

export async function runCli(argv: string[], opts: RunOptions): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const stdin =
    typeof opts.stdin === 'string' || opts.stdin === undefined
      ? Readable.from([opts.stdin ?? ''])
      : opts.stdin;
  const code = await main(argv, { stdout, stderr, stdin, cwd: opts.cwd, env: opts.env ?? {} });
  return { code, out, err };
}

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');

/** The real executable through tsx (`node --import tsx src/cli/main.ts …`), in `cwd`. */
export function runBinary(argv: string[], opts: RunOptions): CliResult {
  const r = spawnSync(process.execPath, ['--import', tsxLoader, entry, ...argv], {
    cwd: opts.cwd,
    env: childEnv(opts.env),
    input: typeof opts.stdin === 'string' ? opts.stdin : '',
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Every path under `dir` with its size and mtime: compared before/after to prove nothing was written. */
export function treeSnapshot(dir: string): string[] {
  const out: string[] = [];
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const st = lstatSync(path.join(dir, rel));
    out.push(`${rel} ${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
  }
  return out;
}
