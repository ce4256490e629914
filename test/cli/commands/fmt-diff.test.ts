/**
 * The built-in unified diff (used when no `diff` program exists) prints what GNU `diff -u` prints for the
 * shapes of change formatting makes; `bytesDiff` is GNU diff's output itself when `diff` is installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { bytesDiff, unifiedDiff } from '../../../src/cli/commands/fmt-diff.js';

const lines = (n: number, f = (i: number) => `line ${i}`) =>
  Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

const cases: Array<[string, string, string]> = [
  ['one change in the middle', lines(10), lines(10, (i) => (i === 5 ? 'LINE 5' : `line ${i}`))],
  ['change on the first line', lines(5), lines(5, (i) => (i === 1 ? 'first' : `line ${i}`))],
  ['two distant hunks', lines(20), lines(20, (i) => (i === 2 || i === 18 ? `x${i}` : `line ${i}`))],
  ['two near changes merge', lines(20), lines(20, (i) => (i === 5 || i === 11 ? `x${i}` : `line ${i}`))],
  ['missing final newline', 'a=1\nb=2', 'a = 1\nb = 2'],
  ['final newline added', 'a = 1', 'a = 1\n'],
  ['lines removed', lines(8), lines(8).replace('line 4\nline 5\n', '')],
  ['lines added', lines(4), lines(4).replace('line 2\n', 'line 2\nnew a\nnew b\n')],
];

function gnuDiff(a: string, b: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-diff-test-'));
  try {
    writeFileSync(path.join(dir, 'a'), a);
    writeFileSync(path.join(dir, 'b'), b);
    const r = spawnSync('diff', ['--label=old/f.pkr.hcl', '--label=new/f.pkr.hcl', '-u', 'a', 'b'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.error) assert.fail(`GNU diff is needed as the oracle for these tests: ${r.error.message}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [name, a, b] of cases) {
  test(`built-in unified diff matches diff -u: ${name}`, () => {
    assert.equal(unifiedDiff(a, b, 'f.pkr.hcl'), gnuDiff(a, b));
  });
}

test('equal texts have an empty diff', () => {
  assert.equal(unifiedDiff('a\n', 'a\n', 'f'), '');
});

test('bytesDiff prints diff -u with old/ and new/ labels', () => {
  const out = bytesDiff(Buffer.from('a=1\n'), Buffer.from('a = 1\n'), 'x.pkr.hcl').toString();
  assert.equal(out, '--- old/x.pkr.hcl\n+++ new/x.pkr.hcl\n@@ -1 +1 @@\n-a=1\n+a = 1\n');
});
