import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawEquals } from '../../../src/hcl/equality.js';
import type { EvalContext, Expression } from '../../../src/hcl/hcl.js';
import { parseJson, parseJsonExpression } from '../../../src/hcl/json/index.js';
import { typeConstraint } from '../../../src/hcl/typeexpr.js';
import { DynamicType, StringType, typeString } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import {
  boolVal,
  DynamicVal,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { at } from './range-text.js';

function attr(src: string, name = 'v'): Expression {
  const { body, diags } = parseJson(src, 'test.json');
  assert.deepEqual(diags, []);
  const attrs = body.justAttributes();
  assert.deepEqual(attrs.diags, []);
  return attrs.attributes.get(name)!.expr;
}

function assertValue(got: Value, want: Value, label: string): void {
  assert.ok(rawEquals(got, want), `${label}: got ${JSON.stringify(got, replacer)}`);
}

function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries(v);
  if (typeof v === 'bigint') return v.toString();
  return v;
}

const emptyCtx: EvalContext = {};
const varCtx: EvalContext = { variables: new Map([['VAR1', stringVal('case')]]) };

test('JSON values map to HCL values (tuples for arrays, objects for objects)', () => {
  const src = `{
  "string": "string_val",
  "number": 5,
  "bool_true": true,
  "bool_false": false,
  "array": ["a"],
  "object": {"key": "value"},
  "null": null
}`;
  const expected: [string, Value][] = [
    ['string', stringVal('string_val')],
    ['number', numberVal(5)],
    ['bool_true', boolVal(true)],
    ['bool_false', boolVal(false)],
    ['array', tupleVal([stringVal('a')])],
    ['object', objectVal({ key: stringVal('value') })],
    ['null', nullVal(DynamicType)],
  ];
  for (const [name, want] of expected) {
    const r = attr(src, name).value(emptyCtx);
    assert.deepEqual(r.diags, [], name);
    assertValue(r.value, want, name);
  }
});

test('numbers keep their full precision', () => {
  const r = attr('{"v": 3.14159265358979323846264338327950288419716939937510582097494459}').value(undefined);
  assertValue(r.value, numberVal('3.14159265358979323846264338327950288419716939937510582097494459'), 'pi');
});

test('strings are templates only when there is a context', () => {
  const greeting = attr('{"v": "hello ${\\"world\\"}"}');
  assertValue(greeting.value(emptyCtx).value, stringVal('hello world'), 'template');
  assertValue(greeting.value(undefined).value, stringVal('hello ${"world"}'), 'literal');
  // A lone interpolation is unwrapped, so the result keeps its type.
  assertValue(attr('{"v": "${true}"}').value(emptyCtx).value, boolVal(true), 'unwrap');
  assertValue(attr('{"v": "${1 + 2}"}').value(emptyCtx).value, numberVal(3), 'arithmetic');
});

test('diagnostics of nested evaluations are returned', () => {
  const cases: [string, Value, boolean][] = [
    ['{"v": "happy ${VAR1}"}', stringVal('happy case'), false],
    ['{"v": {"key": "happy ${VAR1}"}}', objectVal({ key: stringVal('happy case') }), false],
    ['{"v": {"happy ${VAR1}": "val"}}', objectVal({ 'happy case': stringVal('val') }), false],
    ['{"v": {"happy ${UNKNOWN}": "val"}}', DynamicVal, true],
    ['{"v": ["happy ${VAR1}"]}', tupleVal([stringVal('happy case')]), false],
  ];
  for (const [src, want, hasError] of cases) {
    const r = attr(src).value(varCtx);
    assertValue(r.value, want, src);
    assert.equal(
      r.diags.some((d) => d.summary === 'Unknown variable'),
      hasError,
      src,
    );
  }
  const unknownString = attr('{"v": "happy ${UNKNOWN}"}').value(varCtx);
  assert.equal(unknownString.value.state, 'unknown');
  assert.ok(
    rawEquals(unknownString.value, unknownVal(StringType)) || unknownString.value.type.kind === 'string',
  );
});

test('duplicate and null object keys are errors', () => {
  const dup = attr('{"v": {"a": 1, "a": 2}}').value(undefined);
  assert.equal(dup.diags.length, 1);
  assert.equal(dup.diags[0]!.summary, 'Duplicate object attribute');
  assert.equal(dup.diags[0]!.detail, 'An attribute named "a" was already defined at test.json:1,8-11.');
  const nullKey = attr('{"v": {"${null}": 1}}').value(emptyCtx);
  assert.equal(nullKey.diags[0]!.detail, 'Cannot use null value as an object key.');
});

test('variables come from templates in values and property names, with exact ranges', () => {
  const cases: [string, string][] = [
    ['{"a":"${foo}"}', '1,9,8-1,12,11'],
    ['{"a":["${foo}"]}', '1,10,9-1,13,12'],
    ['{"a":{"b":"${foo}"}}', '1,14,13-1,17,16'],
    ['{"a":{"${foo}":"b"}}', '1,10,9-1,13,12'],
  ];
  for (const [src, range] of cases) {
    const vars = attr(src, 'a').variables();
    assert.equal(vars.length, 1, src);
    const root = vars[0]![0]!;
    assert.equal(root.type === 'root' && root.name, 'foo');
    assert.equal(at(root.range), range, src);
  }
  assert.deepEqual(attr('{"a":true}', 'a').variables(), []);
});

test('static analysis: traversals, keywords, lists, maps and calls', () => {
  const { expr } = parseJsonExpression('"foo.bar[0]"', 'test.json');
  assert.equal(expr.staticTraversal()?.length, 3);
  assert.equal(expr.staticKeyword(), undefined);
  assert.equal(parseJsonExpression('"string"', 't.json').expr.staticKeyword(), 'string');
  assert.equal(parseJsonExpression('5', 't.json').expr.staticTraversal(), undefined);

  const list = parseJsonExpression('["hello", 1]', 't.json').expr.staticList()!;
  assert.equal(list.length, 2);
  assertValue(list[0]!.value(undefined).value, stringVal('hello'), 'list element');
  assert.equal(parseJsonExpression('{}', 't.json').expr.staticList(), undefined);

  const map = parseJsonExpression('{"k": "v"}', 't.json').expr.staticMap()!;
  assert.equal(map.length, 1);
  assertValue(map[0]!.key.value(undefined).value, stringVal('k'), 'map key');

  const call = parseJsonExpression('"list(string)"', 't.json').expr.staticCall()!;
  assert.equal(call.name, 'list');
  assert.equal(call.args.length, 1);
  assert.equal(call.args[0]!.staticKeyword(), 'string');
  assert.equal(parseJsonExpression('"string"', 't.json').expr.staticCall(), undefined);
});

test('type constraints can be written as JSON strings (Packer variable types in .pkr.json)', () => {
  const cases: [string, string][] = [
    ['"string"', 'string'],
    ['"list(string)"', 'list(string)'],
    ['"map(object({a = number}))"', 'map(object({a=number}))'],
  ];
  for (const [src, want] of cases) {
    const { type, diags } = typeConstraint(parseJsonExpression(src, 't.json').expr);
    assert.deepEqual(diags, [], src);
    assert.equal(typeString(type), want, src);
  }
  assert.ok(typeConstraint(parseJsonExpression('5', 't.json').expr).diags.length > 0);
});
