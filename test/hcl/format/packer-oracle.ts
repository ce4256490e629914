/**
 * Test helper: Debian's `packer` 1.6.6 as the formatting oracle. All inputs are written into one temporary
 * directory and formatted by a single `packer fmt DIR` run; what packer wrote back is the expected output,
 * and the files it reports errors for are the ones it refuses (syntax errors).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface OracleResult {
  /** What packer wrote, by input name; absent for refused files. */
  readonly formatted: Map<string, string>;
  /** The same, as bytes (for inputs that are not valid UTF-8). */
  readonly formattedBytes: Map<string, Buffer>;
  readonly refused: Set<string>;
}

export function packerAvailable(): string | undefined {
  const r = spawnSync('packer', ['version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    return 'the `packer` executable (Debian packer 1.6.6) is needed as the oracle for `fmt` but was not found on PATH';
  }
  if (!r.stdout.includes('1.6.6')) return `expected Packer v1.6.6 as the oracle, found: ${r.stdout.trim()}`;
  return undefined;
}

/** Input names must be plain file names ending in .pkr.hcl or .pkrvars.hcl. */
export function packerFormat(inputs: ReadonlyMap<string, string | Buffer>): OracleResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-fmt-oracle-'));
  try {
    for (const [name, content] of inputs) writeFileSync(path.join(dir, name), content);
    const r = spawnSync('packer', ['fmt', '.'], { cwd: dir, encoding: 'utf8' });
    if (r.error) throw r.error;
    const refused = new Set<string>();
    for (const m of `${r.stdout}${r.stderr}`.matchAll(/encountered an error while formatting (\S+)/g)) {
      refused.add(m[1]!);
    }
    const formatted = new Map<string, string>();
    const formattedBytes = new Map<string, Buffer>();
    for (const name of inputs.keys()) {
      if (refused.has(name)) continue;
      const bytes = readFileSync(path.join(dir, name));
      formattedBytes.set(name, bytes);
      formatted.set(name, bytes.toString('utf8'));
    }
    return { formatted, formattedBytes, refused };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
