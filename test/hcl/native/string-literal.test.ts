import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStringLiteralToken } from '../../../src/hcl/native/string-literal.js';
import type { Token } from '../../../src/hcl/native/tokens.js';
import { showRange } from './ast-print.js';

function quoted(text: string): Token {
  const end = { line: 1, column: 1 + text.length, byte: text.length };
  return {
    type: 'TokenQuotedLit',
    text,
    range: { filename: 't', start: { line: 1, column: 1, byte: 0 }, end },
  };
}

function resolve(
  text: string,
  type: 'TokenQuotedLit' | 'TokenStringLit' = 'TokenQuotedLit',
): [string, string[]] {
  const { value, diags } = parseStringLiteralToken({ ...quoted(text), type });
  return [value, diags.map((d) => `${d.detail} @ ${showRange(d.subject)}`)];
}

test('simple escapes and unicode escapes', () => {
  assert.deepEqual(resolve('a\\nb\\rc\\td\\"e\\\\f'), ['a\nb\rc\td"e\\f', []]);
  assert.deepEqual(resolve('\\u00e9\\U0001F600'), ['é😀', []]);
});

test('template escapes: $${ and %%{ stand for ${ and %{; other $ and % are literal', () => {
  assert.deepEqual(resolve('$${a} %%{b} $$ %% $x'), ['${a} %{b} $$ %% $x', []]);
  assert.deepEqual(resolve('$${a}', 'TokenStringLit'), ['${a}', []]);
});

test('heredoc and template literals keep backslashes', () => {
  assert.deepEqual(resolve('a\\nb', 'TokenStringLit'), ['a\\nb', []]);
});

test('invalid escapes are diagnosed at the escape', () => {
  assert.deepEqual(resolve('ab\\q'), [
    'abq',
    ['The symbol "q" is not a valid escape sequence selector. @ 1:3-1:5@2-4'],
  ]);
  assert.deepEqual(resolve('\\u12x'), [
    '\\u12x',
    ['The \\u escape sequence must be followed by four hexadecimal digits. @ 1:1-1:5@0-4'],
  ]);
  assert.deepEqual(resolve('\\U1234'), [
    '\\U1234',
    ['The \\U escape sequence must be followed by eight hexadecimal digits. @ 1:1-1:7@0-6'],
  ]);
  assert.deepEqual(resolve('\\ud800'), [
    '\\ud800',
    ['Cannot encode character U+d800 in UTF-8. @ 1:1-1:7@0-6'],
  ]);
  assert.deepEqual(resolve('x\\'), [
    'x\\',
    ['Backslash must be followed by an escape sequence selector character. @ 1:2-1:3@1-2'],
  ]);
});
