import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lexConfig, lexTemplate } from '../../../src/hcl/native/lex.js';
import { parseConfig, parseTemplate } from '../../../src/hcl/native/parser.js';
import { advancePos } from '../../../src/hcl/native/source-cursor.js';
import type { Token } from '../../../src/hcl/native/tokens.js';

/** Fragments that exercise every scanner mode and their transitions. */
const fragments = [
  'a',
  'b_1',
  'x-y',
  '1',
  '1.5',
  '2e3',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '=',
  '==',
  '!=',
  '&&',
  '||',
  '...',
  '=>',
  '::',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '.',
  ',',
  ':',
  '?',
  '!',
  '-',
  '+',
  '*',
  '/',
  '%',
  '<',
  '>',
  '"',
  '\\',
  '\\"',
  '$',
  '%',
  '${',
  '%{',
  '~}',
  '$${',
  '%%{',
  '#c\n',
  '// c\n',
  '/* c */',
  '/*',
  '<<EOT\n',
  '<<-EOT\n',
  'EOT\n',
  '  EOT\n',
  'é',
  'e\u0301',
  '👍',
  '\u2003',
  "'",
  '`',
  ';',
  '&',
  '\u201c',
  'for',
  'in',
  'if',
  'endif',
  'endfor',
  'else',
];
const source = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(''));

/** Tokens cover the text exactly: only spaces and tabs between them, positions consistent with the text. */
function assertCovers(src: string, tokens: readonly Token[]): void {
  let idx = 0;
  let pos = { line: 1, column: 1, byte: 0 };
  for (const tok of tokens) {
    const gap = tok.range.start.byte - pos.byte;
    assert.ok(gap >= 0, 'tokens are in order');
    assert.match(src.slice(idx, idx + gap), /^[ \t]*$/, 'only spaces and tabs between tokens');
    pos = { line: pos.line, column: pos.column + gap, byte: pos.byte + gap };
    idx += gap;
    assert.deepEqual(tok.range.start, pos, `start of ${tok.type}`);
    assert.equal(src.slice(idx, idx + tok.text.length), tok.text);
    pos = advancePos(pos, tok.text);
    idx += tok.text.length;
    assert.deepEqual(tok.range.end, pos, `end of ${tok.type}`);
  }
  assert.equal(idx, src.length, 'all text is covered');
  assert.equal(tokens[tokens.length - 1]?.type, 'TokenEOF');
}

test('config tokens reproduce the source exactly, with consistent positions', () => {
  fc.assert(
    fc.property(source, (src) => assertCovers(src, lexConfig(src, 'p.hcl'))),
    { numRuns: 500 },
  );
});

test('template tokens reproduce the source exactly, with consistent positions', () => {
  fc.assert(
    fc.property(source, (src) => assertCovers(src, lexTemplate(src, 'p.tpl').tokens)),
    { numRuns: 500 },
  );
});

test('parsing never throws and every diagnostic lies inside the source', () => {
  fc.assert(
    fc.property(source, (src) => {
      const bytes = Buffer.byteLength(src, 'utf8');
      for (const { diags } of [parseConfig(src, 'p.hcl'), parseTemplate(src, 'p.tpl')]) {
        for (const d of diags) {
          assert.ok(d.subject, d.summary);
          assert.ok(d.subject.start.byte <= d.subject.end.byte && d.subject.end.byte <= bytes, d.summary);
        }
      }
    }),
    { numRuns: 500 },
  );
});
