import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { showTraversal } from '../native/ast-print.js';
import { displayValue } from './display.js';
import { assertNoDiags, rangeText } from './helpers.js';

function vars(src: string): string[] {
  const { expr, diags } = parseExpression(src, 'v.hcl');
  assertNoDiags(diags);
  return nativeExpression(expr)
    .variables()
    .map((t) => showTraversal(t, displayValue));
}

test('variables are listed in source order with their full traversal', () => {
  assert.deepEqual(vars('foo + bar.baz[0] * -qux["k"]'), ['foo', 'bar.baz[0]', 'qux["k"]']);
  assert.deepEqual(vars('a ? b : c'), ['a', 'b', 'c']);
  assert.deepEqual(vars('"${a} and %{if b}${c}%{endif}"'), ['a', 'b', 'c']);
  assert.deepEqual(vars('f(a, [b, {c = d}]...)'), ['a', 'b', 'd']);
  assert.deepEqual(vars('x[y]'), ['x', 'y']);
  assert.deepEqual(vars('(a).b'), ['a']);
});

test('for-expression locals are not variables, but shadowed names outside are', () => {
  assert.deepEqual(vars('{for k, v in foo : k + bar => v + baz if k != v && qux}'), [
    'foo',
    'bar',
    'baz',
    'qux',
  ]);
  assert.deepEqual(vars('[for v in v : v]'), ['v']);
  assert.deepEqual(vars('[for x in a : [for y in x : y + x + z]]'), ['a', 'z']);
  assert.deepEqual(vars('"%{for s in list}${s}${t}%{endfor}"'), ['list', 't']);
});

test('splat items are not variables; object keys that are bare names are literals', () => {
  assert.deepEqual(vars('foo[*].bar'), ['foo']);
  assert.deepEqual(vars('foo.*.bar[baz]'), ['foo', 'baz']);
  assert.deepEqual(vars('{ a = b, (c) = d, "e" = f }'), ['b', 'c', 'd', 'f']);
  assert.deepEqual(vars('{ null = 1, true = 2 }'), []);
});

test('variable traversals carry exact ranges', () => {
  const { expr } = parseExpression('1 + var.name[0]', 'v.hcl');
  const [t] = nativeExpression(expr).variables();
  assert.deepEqual(
    t!.map((s) => rangeText(s.range)),
    ['1,5-1,8', '1,8-1,13', '1,13-1,16'],
  );
});
