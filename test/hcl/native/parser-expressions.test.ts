import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as ast from '../../../src/hcl/ast.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { show, showRange } from './ast-print.js';

function parse(src: string): { expr: ast.Expr; diags: string[] } {
  const { expr, diags } = parseExpression(src, 'x');
  return { expr, diags: diags.map((d) => `${d.summary} @ ${showRange(d.subject)}`) };
}

/** [source, tree shape] for valid expressions (operator precedence, traversals, splats, for, templates). */
const valid: ReadonlyArray<readonly [string, string]> = [
  ['1 + 2 * 3', '(+ 1 (* 2 3))'],
  ['(1 + 2) * 3', '(* (paren (+ 1 2)) 3)'],
  ['1 - 2 - 3', '(- (- 1 2) 3)'],
  ['a || b && c', '(|| a (&& b c))'],
  ['a == b != c', '(!= (== a b) c)'],
  ['a < b == c > d', '(== (< a b) (> c d))'],
  ['!a && -b', '(&& (! a) (- b))'],
  ['-46+5', '(+ (- 46) 5)'],
  ['!a.b', '(! a.b)'],
  ['-a[0]', '(- a[0])'],
  ['a ? b : c ? d : e', '(? a b (? c d e))'],
  ['a ? b ? c : d : e', '(? a (? b c d) e)'],
  ['a + b ? c : d', '(? (+ a b) c d)'],
  ['1.5e3', '1500'],
  ['true', 'true'],
  ['false', 'false'],
  ['null', 'null'],
  ['[]', '[]'],
  ['[1, 2,]', '[1 2]'],
  ['[\n1,\n2\n]', '[1 2]'],
  ['{}', '{}'],
  ['{a = 1, b: 2}', '{a=1 b=2}'],
  ['{\n a = 1\n b = 2\n}', '{a=1 b=2}'],
  ['{(a) = 1, "b" = 2, c.d = 3}', '{(key (paren a))=1 (template "b")=2 c.d=3}'],
  ['{a = 1,\n b = 2,}', '{a=1 b=2}'],
  ['f()', '(f())'],
  ['f(1, 2)', '(f(1 2))'],
  ['f(a...)', '(f(a...))'],
  ['f(1,\n 2,\n)', '(f(1 2))'],
  ['ns::f(1)', '(ns::f(1))'],
  ['a.b.c', 'a.b.c'],
  ['a[0]["x"].b', 'a[0]["x"].b'],
  ['a[b]', '(index a b)'],
  ['a[b].c', '(rel (index a b) .c)'],
  ['a.0.b', 'a[0].b'],
  ['a["${b}"]', '(index a (wrap b))'],
  ['a[*]', '(splat a @)'],
  ['a[*].b[0]', '(splat a (rel @ .b[0]))'],
  ['a.*.b.c', '(splat a (rel @ .b.c))'],
  ['a.*', '(splat a @)'],
  ['a.*.b[0]', '(rel (splat a (rel @ .b)) [0])'],
  ['f().x', '(rel (f()) .x)'],
  ['f()[0]', '(rel (f()) [0])'],
  ['[1][0]', '(rel [1] [0])'],
  ['[for x in xs : x]', '(for x in xs : x)'],
  ['[for i, x in xs : x if x > 0]', '(for i,x in xs : x if (> x 0))'],
  ['{for k, v in m : k => v}', '(for k,v in m : k => v)'],
  ['{for k, v in m : v => k...}', '(for k,v in m : v => k...)'],
  ['{for k, v in m : k => v... if v}', '(for k,v in m : k => v... if v)'],
  ['"a${b}c"', '(template "a" b "c")'],
  ['"${b}"', '(wrap b)'],
  ['""', '(template "")'],
  ['"a"', '(template "a")'],
  ['a.b.*.c[0]', '(rel (splat a.b (rel @ .c)) [0])'],
  ['(a)', '(paren a)'],
  ['((a))', '(paren (paren a))'],
  ['a[1.5]', 'a[1.5]'],
  ['"\\u00e9\\U0001F600"', '(template "é😀")'],
];

test('valid expressions parse to HCL-shaped trees without diagnostics', () => {
  for (const [src, shape] of valid) {
    const { expr, diags } = parse(src);
    assert.deepEqual(diags, [], src);
    assert.equal(show(expr), shape, src);
  }
});

/** [source, partial tree, diagnostics] for invalid expressions. */
const invalid: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['a.0.1', 'a[<dynamic>]', ['Invalid legacy index syntax @ 1:3-1:6@2-5']],
  ['', '<dynamic>', ['Missing expression @ 1:1-1:1@0-0']],
  ['+', '<dynamic>', ['Invalid expression @ 1:1-1:2@0-1']],
  ['a ? b', 'a', ['Missing false expression in conditional @ 1:6-1:6@5-5']],
  ['(a', '(paren a)', ['Unbalanced parentheses @ 1:3-1:3@2-2']],
  ['[1 2]', '[1]', ['Missing item separator @ 1:4-1:5@3-4']],
  ['[1,', '[1 <dynamic>]', ['Missing expression @ 1:4-1:4@3-3']],
  ['{a 1}', '{}', ['Missing key/value separator @ 1:4-1:5@3-4']],
  ['{a}', '{}', ['Missing key/value separator @ 1:3-1:4@2-3']],
  ['{a = 1 b = 2}', '{a=1}', ['Missing attribute separator @ 1:8-1:9@7-8']],
  ['{a = 1', '{a=1}', ['Unterminated object constructor expression @ 1:1-1:2@0-1']],
  ['a.', '<dynamic>', ['Invalid attribute name @ 1:3-1:3@2-2']],
  ['a.*.*', 'a', ['Nested splat expression not allowed @ 1:5-1:6@4-5']],
  ['a[1', 'a[1]', ['Missing close bracket on index @ 1:4-1:4@3-3']],
  ['a[*', '(splat a @)', ['Missing close bracket on splat index @ 1:4-1:4@3-3']],
  ['f(1 2)', '(f(1))', ['Missing argument separator @ 1:5-1:6@4-5']],
  ['f(a..., b)', '(f(a...))', ['Missing closing parenthesis @ 1:4-1:7@3-6']],
  ['f(1', '(f(1))', ['Unterminated function call @ 1:1-1:3@0-2']],
  ['[for x xs : x]', '<dynamic>', ["Invalid 'for' expression @ 1:8-1:10@7-9"]],
  ['[for x in xs x]', '<dynamic>', ["Invalid 'for' expression @ 1:14-1:15@13-14"]],
  ['[for k, v in m : k => v]', '(for k,v in m : k => v)', ["Invalid 'for' expression @ 1:18-1:19@17-18"]],
  ['{for x in xs : x}', '(for x in xs : x)', ["Invalid 'for' expression @ 1:16-1:17@15-16"]],
  ['[for x in xs : x...]', '(for x in xs : x...)', ["Invalid 'for' expression @ 1:17-1:20@16-19"]],
  ['[for x in xs : x if]', '<dynamic>', ['Invalid expression @ 1:20-1:21@19-20']],
  ['[for 1 in xs : x]', '<dynamic>', ["Invalid 'for' expression @ 1:6-1:7@5-6"]],
  ['[for x, 1 in xs: x]', '<dynamic>', ["Invalid 'for' expression @ 1:9-1:10@8-9"]],
  ['a b', 'a', ['Extra characters after expression @ 1:3-1:4@2-3']],
  ['1 ** 2', '1', ['Invalid expression @ 1:4-1:5@3-4']],
  ['a & b', 'a', ['Unsupported operator @ 1:3-1:4@2-3', 'Extra characters after expression @ 1:3-1:4@2-3']],
  ['"abc', '(template "abc")', ['Unterminated template string @ 1:5-1:5@4-4']],
  ['"a\\qb"', '(template "aqb")', ['Invalid escape sequence @ 1:3-1:5@2-4']],
  ['"\\u12"', '(template "\\\\u12")', ['Invalid escape sequence @ 1:2-1:6@1-5']],
  ['"\\ud800"', '(template "\\\\ud800")', ['Invalid escape sequence @ 1:2-1:8@1-7']],
  ['x::', '<dynamic>', ['Missing function name @ 1:4-1:4@3-3']],
  ['x::y', '<dynamic>', ['Missing open parenthesis @ 1:5-1:5@4-4']],
  ['{a = 1,,}', '{a=1}', ['Invalid expression @ 1:8-1:9@7-8']],
  ['1..2', '<unknown number>', ['Invalid number literal @ 1:1-1:5@0-4']],
];

test('invalid expressions give HCL diagnostics at exact ranges and a partial tree', () => {
  for (const [src, shape, diags] of invalid) {
    const got = parse(src);
    assert.deepEqual(got.diags, diags, src);
    assert.equal(show(got.expr), shape, src);
  }
});

function only<K extends ast.Expr['kind']>(e: ast.Expr, kind: K): Extract<ast.Expr, { kind: K }> {
  assert.equal(e.kind, kind);
  return e as Extract<ast.Expr, { kind: K }>;
}

test('splat ranges: full splat marker is [*], attribute-only marker is .*', () => {
  const full = only(parse('a.b[*].c').expr, 'splat');
  assert.equal(showRange(full.range), '1:1-1:9@0-8');
  assert.equal(showRange(full.markerRange), '1:4-1:7@3-6');
  assert.equal(full.item.range, full.markerRange);
  const each = only(full.each, 'relativeTraversal');
  assert.equal(each.source, full.item);
  assert.equal(showRange(each.range), '1:4-1:9@3-8');

  const attr = only(parse('a.*.b').expr, 'splat');
  assert.equal(showRange(attr.markerRange), '1:2-1:4@1-3');
  assert.equal(showRange(attr.range), '1:1-1:6@0-5');
  assert.equal(showRange(only(attr.each, 'relativeTraversal').range), '1:4-1:6@3-5');
});

test('traversal steps carry their own ranges, including the dot or brackets', () => {
  const t = only(parse('a.b[0]["k"]').expr, 'scopeTraversal');
  assert.deepEqual(
    t.traversal.map((s) => showRange(s.range)),
    ['1:1-1:2@0-1', '1:2-1:4@1-3', '1:4-1:7@3-6', '1:7-1:12@6-11'],
  );
  const idx = only(parse('a[b]').expr, 'index');
  assert.equal(showRange(idx.bracketRange), '1:2-1:5@1-4');
});

test('function call ranges', () => {
  const f = only(parse('ns::fn(1, 2)').expr, 'functionCall');
  assert.equal(showRange(f.nameRange), '1:1-1:7@0-6');
  assert.equal(showRange(f.openParenRange), '1:7-1:8@6-7');
  assert.equal(showRange(f.closeParenRange), '1:12-1:13@11-12');
  assert.equal(showRange(f.range), '1:1-1:13@0-12');
});

test('unary, object key and for-expression ranges', () => {
  const u = only(parse('-x').expr, 'unaryOp');
  assert.equal(showRange(u.symbolRange), '1:1-1:2@0-1');
  const o = only(parse('{ (k) = 1, n = 2 }').expr, 'objectCons');
  const key = only(o.items[0]?.keyExpr ?? assert.fail(), 'objectConsKey');
  assert.equal(key.forceNonLiteral, true);
  assert.equal(showRange(key.range), '1:3-1:6@2-5');
  assert.equal(only(o.items[1]?.keyExpr ?? assert.fail(), 'objectConsKey').forceNonLiteral, false);
  assert.equal(showRange(o.openRange), '1:1-1:2@0-1');
  const f = only(parse('[for x in y : x]').expr, 'for');
  assert.equal(showRange(f.openRange), '1:1-1:2@0-1');
  assert.equal(showRange(f.closeRange), '1:16-1:17@15-16');
  assert.equal(f.keyVar, '');
});

test('numbers are parsed exactly (BigFloat), not as doubles', () => {
  const lit = only(parse('12345678901234567890123').expr, 'literal');
  assert.equal(lit.value.state === 'known' ? String(lit.value.v) : '', '12345678901234567890123');
});

test('deep nesting never throws: hundreds of levels parse, absurd depth is a diagnostic', () => {
  const ok = parseExpression(
    `${'('.repeat(300)}1${')'.repeat(300)} + ${'['.repeat(300)}${']'.repeat(300)}`,
    'x',
  );
  assert.deepEqual(ok.diags, []);
  const deep = parseExpression(`${'('.repeat(20000)}1${')'.repeat(20000)}`, 'x');
  assert.equal(deep.diags[0]?.summary, 'Invalid expression');
  assert.equal(deep.diags[0]?.detail, 'This expression is nested too deeply to be parsed.');
});

test('long operator chains do not recurse per operand', () => {
  const src = Array.from({ length: 20000 }, (_, i) => `a${i}`).join(' + ');
  const { expr, diags } = parseExpression(src, 'x');
  assert.deepEqual(diags, []);
  assert.equal(expr.kind, 'binaryOp');
});
