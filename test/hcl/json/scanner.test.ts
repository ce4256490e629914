import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialPos } from '../../../src/hcl/pos.js';
import { scanJson } from '../../../src/hcl/json/scanner.js';

/** [type, text, line, startColumn, startByte, endColumn, endByte] for each token. */
function scan(src: string): (string | number)[][] {
  return scanJson(src, 'test.json', initialPos).map((t) => [
    t.type,
    t.text,
    t.range.start.line,
    t.range.start.column,
    t.range.start.byte,
    t.range.end.column,
    t.range.end.byte,
  ]);
}

test('punctuation and whitespace, with tabs as two columns and CR as none', () => {
  assert.deepEqual(scan('{ }'), [
    ['{', '{', 1, 1, 0, 2, 1],
    ['}', '}', 1, 3, 2, 4, 3],
    ['eof', '', 1, 4, 3, 4, 3],
  ]);
  assert.deepEqual(scan('\t[\r\n,:='), [
    ['[', '[', 1, 3, 1, 4, 2],
    [',', ',', 2, 1, 4, 2, 5],
    [':', ':', 2, 2, 5, 3, 6],
    ['=', '=', 2, 3, 6, 4, 7],
    ['eof', '', 2, 4, 7, 4, 7],
  ]);
});

test('an empty input is just the end', () => {
  assert.deepEqual(scan(''), [['eof', '', 1, 1, 0, 1, 0]]);
  assert.deepEqual(scan('  '), [['eof', '', 1, 3, 2, 3, 2]]);
});

test('strings end at an unescaped quote and count grapheme clusters as columns', () => {
  assert.deepEqual(scan('"he\\"llo"'), [
    ['string', '"he\\"llo"', 1, 1, 0, 10, 9],
    ['eof', '', 1, 10, 9, 10, 9],
  ]);
  assert.deepEqual(scan('"hello\\\\" 1'), [
    ['string', '"hello\\\\"', 1, 1, 0, 10, 9],
    ['number', '1', 1, 11, 10, 12, 11],
    ['eof', '', 1, 12, 11, 12, 11],
  ]);
  // "Ж" is 2 bytes, the family emoji is one cluster of 25 bytes.
  assert.deepEqual(scan('"Ж👩‍👩‍👧‍👦"'), [
    ['string', '"Ж👩‍👩‍👧‍👦"', 1, 1, 0, 5, 29],
    ['eof', '', 1, 5, 29, 5, 29],
  ]);
});

test('an unterminated string stops at a control character or the end', () => {
  assert.deepEqual(scan('"ab\n"'), [
    ['string', '"ab', 1, 1, 0, 4, 3],
    ['string', '"', 2, 1, 4, 2, 5],
    ['eof', '', 2, 2, 5, 2, 5],
  ]);
});

test('numbers and keywords are scanned laxly for the parser to judge', () => {
  assert.deepEqual(scan('-1.5e+3x True_ish'), [
    ['number', '-1.5e+3', 1, 1, 0, 8, 7],
    ['keyword', 'x', 1, 8, 7, 9, 8],
    ['keyword', 'True_ish', 1, 10, 9, 18, 17],
    ['eof', '', 1, 18, 17, 18, 17],
  ]);
});

test('an invalid character ends the token stream', () => {
  assert.deepEqual(scan('[ # ]'), [
    ['[', '[', 1, 1, 0, 2, 1],
    ['invalid', '#', 1, 3, 2, 4, 3],
    ['eof', '', 1, 4, 3, 4, 3],
  ]);
});

test('scanning can start at a given position', () => {
  const toks = scanJson('{}', 'f.json', { line: 3, column: 5, byte: 20 });
  assert.deepEqual(toks[1]!.range, {
    filename: 'f.json',
    start: { line: 3, column: 6, byte: 21 },
    end: { line: 3, column: 7, byte: 22 },
  });
});
