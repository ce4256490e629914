import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { asString } from '../../../src/hcl/values.js';
import { assertNoDiags, rangeText } from './helpers.js';

function expr(src: string) {
  const parsed = parseExpression(src, 's.hcl');
  assertNoDiags(parsed.diags);
  return nativeExpression(parsed.expr);
}

test('staticTraversal reads references, and the keywords null/true/false as names', () => {
  const t = expr('a.b[0]["c"]').staticTraversal()!;
  assert.deepEqual(
    t.map((s) => s.type),
    ['root', 'attr', 'index', 'index'],
  );
  assert.equal(expr('null').staticTraversal()![0]!.type, 'root');
  assert.deepEqual(
    expr('true')
      .staticTraversal()!
      .map((s) => (s.type === 'root' ? s.name : '')),
    ['true'],
  );
  assert.equal(expr('"a"').staticTraversal(), undefined);
  assert.equal(expr('a + b').staticTraversal(), undefined);
  assert.equal(expr('f(x)').staticTraversal(), undefined);
  // As in HCL, parentheses are not looked through.
  assert.equal(expr('(a)').staticTraversal(), undefined);
});

test('staticKeyword accepts only a single bare name', () => {
  assert.equal(expr('shell').staticKeyword(), 'shell');
  assert.equal(expr('null').staticKeyword(), 'null');
  assert.equal(expr('a.b').staticKeyword(), undefined);
  assert.equal(expr('"shell"').staticKeyword(), undefined);
});

test('staticList and staticMap expose element expressions with their ranges', () => {
  const list = expr('["a", b, 3]').staticList()!;
  assert.deepEqual(
    list.map((e) => rangeText(e.range)),
    ['1,2-1,5', '1,7-1,8', '1,10-1,11'],
  );
  assert.equal(expr('a').staticList(), undefined);
  const map = expr('{ a = 1, "b" = 2 }').staticMap()!;
  assert.deepEqual(
    map.map((kv) => asString(kv.key.value(undefined).value)),
    ['a', 'b'],
  );
  assert.equal(expr('[1]').staticMap(), undefined);
});

test('staticCall gives name, argument expressions and the parenthesised range', () => {
  const call = expr('list(string, 2)').staticCall()!;
  assert.equal(call.name, 'list');
  assert.equal(rangeText(call.nameRange), '1,1-1,5');
  assert.equal(rangeText(call.argsRange), '1,5-1,16');
  assert.deepEqual(
    call.args.map((a) => a.staticKeyword()),
    ['string', undefined],
  );
  assert.equal(expr('a').staticCall(), undefined);
});

test('startRange follows HCL: operator lhs start, call name and paren, index bracket', () => {
  assert.equal(rangeText(expr('abc + 1').startRange), '1,1-1,4');
  assert.equal(rangeText(expr('foo(1, 2)').startRange), '1,1-1,5');
  assert.equal(rangeText(expr('[1, 2]').startRange), '1,1-1,2');
  assert.equal(rangeText(expr('x[1]').range), '1,1-1,5');
});
