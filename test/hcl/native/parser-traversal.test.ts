import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTraversalAbs, parseTraversalPartial } from '../../../src/hcl/native/parser.js';
import { showRange, showTraversal } from './ast-print.js';

function abs(src: string): [string, string[]] {
  const { traversal, diags } = parseTraversalAbs(src, 't');
  return [showTraversal(traversal), diags.map((d) => `${d.summary} @ ${showRange(d.subject)}`)];
}

test('absolute traversals with attribute and constant index steps', () => {
  assert.deepEqual(abs('foo'), ['foo', []]);
  assert.deepEqual(abs('foo.bar.baz'), ['foo.bar.baz', []]);
  assert.deepEqual(abs('foo[1]["b"].c'), ['foo[1]["b"].c', []]);
  assert.deepEqual(abs('foo\n.bar'), ['foo.bar', []]);
});

test('step ranges include their dot or brackets', () => {
  const { traversal } = parseTraversalAbs('a.b["c"]', 't', { line: 2, column: 3, byte: 10 });
  assert.deepEqual(
    traversal.map((s) => showRange(s.range)),
    ['2:3-2:4@10-11', '2:4-2:6@11-13', '2:6-2:11@13-18'],
  );
});

test('traversal errors', () => {
  assert.deepEqual(abs('1'), ['', ['Variable name required @ 1:1-1:2@0-1']]);
  assert.deepEqual(abs('a.'), ['a', ['Attribute name required @ 1:3-1:3@2-2']]);
  assert.deepEqual(abs('a.*'), ['a', ['Attribute name required @ 1:3-1:4@2-3']]);
  assert.deepEqual(abs('a[*]'), ['a', ['Attribute name required @ 1:3-1:4@2-3']]);
  assert.deepEqual(abs('a[b]'), ['a', ['Index value required @ 1:3-1:4@2-3']]);
  assert.deepEqual(abs('a[1'), ['a[1]', ['Unclosed index brackets @ 1:4-1:4@3-3']]);
  assert.deepEqual(abs('a b'), ['a', ['Invalid character @ 1:3-1:4@2-3']]);
  assert.equal(
    parseTraversalAbs('a.*', 't').diags[0]?.detail,
    'Splat expressions (.*) may not be used here.',
  );
});

test('partial traversals allow [*]', () => {
  const { traversal, diags } = parseTraversalPartial('a[*].b', 't');
  assert.deepEqual(diags, []);
  assert.equal(showTraversal(traversal), 'a[*].b');
});
