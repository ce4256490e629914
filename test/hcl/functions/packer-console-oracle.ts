/**
 * Running Debian's `packer console` (1.6.6) as an oracle, in two processes for a whole table:
 *
 * 1. Piped mode evaluates every line and prints the diagnostics of each failing one (only the last
 *    result is printed). Each expression is followed by a call to a unique unknown function, whose error
 *    marks where one row's diagnostics end, so we learn exactly which rows fail and how.
 * 2. The rows that succeed are evaluated as the elements of one tuple; its printed form is split back
 *    into one element text per row (the nested display, where strings are quoted).
 */
import { spawnSync } from 'node:child_process';

export interface PackerDiag {
  readonly severity: 'Error' | 'Warning';
  readonly summary: string;
  /** The detail text with whitespace runs collapsed (Packer word-wraps it). */
  readonly detail: string;
}

export function packerVersion(): string | undefined {
  const r = spawnSync('packer', ['version'], { encoding: 'utf8', env: cleanEnv() });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.trim();
}

function cleanEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    CHECKPOINT_DISABLE: '1',
  };
}

function runConsole(dir: string, input: string): string {
  const r = spawnSync('packer', ['console', 't.pkr.hcl'], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: cleanEnv(),
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return r.stdout + r.stderr;
}

export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Splits console output into diagnostics: "Error: summary", a source block, then the detail. */
export function parseDiagnostics(out: string): PackerDiag[] {
  const diags: PackerDiag[] = [];
  const re = /^(Error|Warning): (.*)$/gm;
  const heads = [...out.matchAll(re)];
  heads.forEach((m, i) => {
    const bodyStart = m.index! + m[0].length;
    const bodyEnd = i + 1 < heads.length ? heads[i + 1]!.index! : out.length;
    const body = out.slice(bodyStart, bodyEnd);
    const marker = '(source code not available)';
    const at = body.indexOf(marker);
    let detail = (at >= 0 ? body.slice(at + marker.length) : body).replace(/^\n+/, '');
    // HCL's writer shows the values of the expression's variables ("with s as "a".") before the detail.
    if (detail.startsWith('with ')) detail = detail.slice(Math.max(detail.indexOf('\n\n'), 0));
    diags.push({ severity: m[1] as 'Error' | 'Warning', summary: m[2]!, detail: normalizeSpace(detail) });
  });
  return diags;
}

const markerName = (i: number) => `zzrowmarker${i}`;

/** The diagnostics Packer reports for each expression (empty when it evaluates cleanly). */
export function packerDiagnostics(dir: string, exprs: readonly string[]): PackerDiag[][] {
  const input = `${exprs.map((e, i) => `${e}\n${markerName(i)}()`).join('\n')}\n`;
  const diags = parseDiagnostics(runConsole(dir, input));
  const perRow: PackerDiag[][] = exprs.map(() => []);
  let row = 0;
  for (const d of diags) {
    const m = /There is no function named "zzrowmarker(\d+)"/.exec(d.detail);
    if (d.summary === 'Call to unknown function' && m) {
      row = Number(m[1]) + 1;
      continue;
    }
    if (row < perRow.length) perRow[row]!.push(d);
  }
  return perRow;
}

/**
 * Each expression's printed value, as an element of a printed tuple (nested display). A tuple with an
 * unknown element prints as a whole as `<unknown>`; then the halves are tried separately.
 */
export function packerValues(dir: string, exprs: readonly string[]): string[] {
  if (exprs.length === 0) return [];
  const out = runConsole(dir, `[${exprs.join(', ')}]\n`).replace(/\n+$/, '');
  if (out === '<unknown>') {
    if (exprs.length === 1) return ['<unknown>'];
    const half = Math.ceil(exprs.length / 2);
    return [...packerValues(dir, exprs.slice(0, half)), ...packerValues(dir, exprs.slice(half))];
  }
  const elems = splitPrintedTuple(out);
  if (elems.length !== exprs.length) {
    throw new Error(`packer printed ${elems.length} tuple elements for ${exprs.length} expressions:\n${out}`);
  }
  return elems;
}

/** Splits a printed tuple ("[", one indented element per item with a trailing comma, "]") into elements. */
export function splitPrintedTuple(text: string): string[] {
  const lines = text.split('\n');
  if (lines[0] !== '[' || lines[lines.length - 1] !== ']') throw new Error(`not a printed tuple:\n${text}`);
  const out: string[] = [];
  let i = 1;
  while (i < lines.length - 1) {
    const first = lines[i]!;
    const head = first.slice(2);
    let end = i;
    if (head === '[' || head === '{') {
      const close = `  ${head === '[' ? ']' : '}'},`;
      while (end < lines.length - 1 && lines[end] !== close) end++;
    }
    const elem = lines
      .slice(i, end + 1)
      .map((l) => l.slice(2))
      .join('\n');
    out.push(elem.replace(/,$/, ''));
    i = end + 1;
  }
  return out;
}
