/**
 * `fmt -diff`: like `packer fmt -diff`, run the system's `diff -u --label=old/PATH --label=new/PATH` on
 * the two versions; where no `diff` program exists, a built-in unified diff (Myers' shortest edit script,
 * three lines of context) of the same shape, which can group changes differently from GNU diff's heuristics.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The diff of two file contents as bytes, or empty when they are equal. */
export function bytesDiff(oldBytes: Buffer, newBytes: Buffer, name: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-fmt-'));
  try {
    const a = path.join(dir, 'old');
    const b = path.join(dir, 'new');
    writeFileSync(a, oldBytes);
    writeFileSync(b, newBytes);
    const r = spawnSync('diff', [`--label=old/${name}`, `--label=new/${name}`, '-u', a, b]);
    if (!r.error && r.stdout.length > 0) return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Buffer.from(unifiedDiff(oldBytes.toString('utf8'), newBytes.toString('utf8'), name));
}

const context = 3;

type Edit = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Lines with their terminators kept, so a missing final newline can be reported as diff does. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Myers' O((N+M)D) algorithm, recovering the path from saved frontiers. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (down) edits.push({ kind: '+', line: b[--y]! });
      else edits.push({ kind: '-', line: a[--x]! });
    }
  }
  return edits.reverse();
}

function hunkRange(start: number, count: number): string {
  // diff numbers an empty range by the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

function renderLine(e: Edit): string {
  if (e.line.endsWith('\n')) return `${e.kind}${e.line}`;
  return `${e.kind}${e.line}\n\\ No newline at end of file\n`;
}

/** The unified diff, or '' when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, path: string): string {
  const edits = editScript(splitLines(oldText), splitLines(newText));
  const changed = edits.map((e, i) => (e.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  let out = `--- old/${path}\n+++ new/${path}\n`;
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i]! - context);
    let to = Math.min(edits.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= to) {
      i++;
      to = Math.min(edits.length, changed[i]! + context + 1);
    }
    i++;
    let oldStart = 0;
    let newStart = 0;
    for (const e of edits.slice(0, from)) {
      if (e.kind !== '+') oldStart++;
      if (e.kind !== '-') newStart++;
    }
    const hunk = edits.slice(from, to);
    const oldCount = hunk.filter((e) => e.kind !== '+').length;
    const newCount = hunk.filter((e) => e.kind !== '-').length;
    out += `@@ -${hunkRange(oldStart, oldCount)} +${hunkRange(newStart, newCount)} @@\n`;
    out += hunk.map(renderLine).join('');
  }
  return out;
}
