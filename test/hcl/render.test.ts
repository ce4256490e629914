import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorDiag, warningDiag } from '../../src/hcl/diagnostics.js';
import { didYouMean, editDistance, nameSuggestion } from '../../src/hcl/did-you-mean.js';
import type { Range } from '../../src/hcl/pos.js';
import { renderDiagnostic, type SourceFiles } from '../../src/hcl/render.js';

const src = 'source "qemu" "base" {\n  dsk_size = "10G"\n  memory   = 1024\n}\n';
const files: SourceFiles = new Map([
  [
    't.pkr.hcl',
    { text: src, contextAt: (b: number) => (b < src.length ? 'source "qemu" "base"' : undefined) },
  ],
]);
const range = (sl: number, sc: number, sb: number, el: number, ec: number, eb: number): Range => ({
  filename: 't.pkr.hcl',
  start: { line: sl, column: sc, byte: sb },
  end: { line: el, column: ec, byte: eb },
});

test('renders summary, location with block context, numbered line, caret and detail', () => {
  const d = errorDiag(
    'Unsupported argument',
    'An argument named "dsk_size" is not expected here. Did you mean "disk_size"?',
    range(2, 3, 25, 2, 11, 33),
  );
  assert.equal(
    renderDiagnostic(d, files),
    [
      'Error: Unsupported argument',
      '',
      '  on t.pkr.hcl line 2, in source "qemu" "base":',
      '   2:   dsk_size = "10G"',
      '        ^^^^^^^^',
      '',
      'An argument named "dsk_size" is not expected here. Did you mean "disk_size"?',
      '',
      '',
    ].join('\n'),
  );
});

test('a subject spanning lines is underlined on each of them; context lines are shown plainly', () => {
  const d = warningDiag('Something', undefined, range(2, 14, 36, 3, 18, 59), range(1, 1, 0, 4, 2, 61));
  const out = renderDiagnostic(d, files);
  assert.match(out, /^Warning: Something\n/);
  assert.match(out, / {3}1: source "qemu" "base" \{\n {3}2: {3}dsk_size = "10G"\n {19}\^{5}\n/);
  assert.match(out, / {3}3: {3}memory {3}= 1024\n {6}\^{17}\n {3}4: \}\n/);
});

test('an unknown file says the source is not available', () => {
  const d = errorDiag('Bad', 'Detail.', { ...range(1, 1, 0, 1, 2, 1), filename: 'other.hcl' });
  assert.equal(
    renderDiagnostic(d, files),
    'Error: Bad\n\n  on other.hcl line 1:\n  (source code not available)\n\nDetail.\n\n',
  );
});

test('carets count graphemes, not bytes', () => {
  const text = 'a = "héllo" x\n';
  const f: SourceFiles = new Map([['u.hcl', { text }]]);
  const d = errorDiag('Bad', undefined, {
    filename: 'u.hcl',
    start: { line: 1, column: 13, byte: 13 },
    end: { line: 1, column: 14, byte: 14 },
  });
  assert.match(renderDiagnostic(d, f), /\n {18}\^\n/);
});

test('did-you-mean suggests names within edit distance 2 only', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nameSuggestion('dsk_size', ['disk_size', 'memory']), 'disk_size');
  assert.equal(nameSuggestion('xyz', ['disk_size', 'memory']), undefined);
  assert.equal(didYouMean('memroy', ['memory']), ' Did you mean "memory"?');
  assert.equal(didYouMean('zzzzzz', ['memory']), '');
});

test('a subject ending at the start of a line (a newline token) does not show the next line', () => {
  const text = 'a = 1 +\n}\n';
  const f: SourceFiles = new Map([['n.hcl', { text }]]);
  const d = errorDiag('Invalid expression', undefined, {
    filename: 'n.hcl',
    start: { line: 1, column: 8, byte: 7 },
    end: { line: 2, column: 1, byte: 8 },
  });
  assert.equal(
    renderDiagnostic(d, f),
    'Error: Invalid expression\n\n  on n.hcl line 1:\n   1: a = 1 +\n             ^\n\n',
  );
});
