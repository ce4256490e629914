import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootContext } from '../../../src/hcl/eval-context.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import { convertFunc } from '../../../src/hcl/functions/convert-func.js';
import { canFunc, tryFunc } from '../../../src/hcl/functions/tryfunc.js';
import { BoolType, listOf, NumberType, StringType } from '../../../src/hcl/types.js';
import {
  DynamicVal,
  False,
  listVal,
  markValue,
  numberVal,
  objectVal,
  stringVal,
  True,
  tupleVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { assertNoDiags, diagText, evalSource } from './helpers.js';

const ctx = rootContext(
  {
    obj: objectVal({ a: stringVal('x'), n: numberVal(1) }),
    unk: unknownVal(StringType),
    secret: markValue(stringVal('5'), 'sensitive'),
  },
  { try: tryFunc, can: canFunc, convert: convertFunc },
);

function value(src: string) {
  const r = evalSource(src, ctx);
  assertNoDiags(r.diags);
  return r.value;
}

test('try returns the first argument that evaluates without errors', () => {
  assert.ok(rawEquals(value('try(obj.missing, obj.a, "fallback")'), stringVal('x')));
  assert.ok(rawEquals(value('try(nope, 2)'), numberVal(2)));
  assert.ok(rawEquals(value('try(obj.n)'), numberVal(1)));
  // Not yet known: the answer cannot be decided.
  assert.ok(rawEquals(value('try(unk, "b")'), DynamicVal));
});

test('try with no successful argument lists every error', () => {
  const r = evalSource('try(nope, obj.missing)', ctx);
  assert.ok(rawEquals(r.value, DynamicVal));
  assert.deepEqual(r.diags.map(diagText), [
    'Error in function call: Call to function "try" failed: no expression succeeded:\n' +
      '- Unknown variable (at test.hcl:1,5-9)\n  There is no variable named "nope".\n' +
      '- Unsupported attribute (at test.hcl:1,14-22)\n  This object does not have an attribute named "missing".\n\n' +
      'At least one expression must produce a successful result. @1,1-1,5',
  ]);
  assert.deepEqual(evalSource('try()', ctx).diags.map(diagText), [
    'Error in function call: Call to function "try" failed: at least one argument is required. @1,1-1,5',
  ]);
});

test('can reports whether its argument evaluates without errors', () => {
  assert.ok(rawEquals(value('can(obj.a)'), True));
  assert.ok(rawEquals(value('can(obj.missing)'), False));
  assert.ok(rawEquals(value('can(regex_missing("a"))'), False));
  assert.ok(rawEquals(value('can(unk)'), unknownVal(BoolType)));
  assert.deepEqual(evalSource('can()', ctx).diags.map(diagText), [
    'Not enough function arguments: Function "can" expects 1 argument(s). Missing value for "expression". @1,5-1,6',
  ]);
  assert.deepEqual(evalSource('can(1, 2)', ctx).diags.map(diagText), [
    'Too many function arguments: Function "can" expects only 1 argument(s). @1,8-1,9',
  ]);
});

test('convert takes a type expression as its second argument', () => {
  assert.ok(rawEquals(value('convert(["a", "b"], list(string))'), listVal([stringVal('a'), stringVal('b')])));
  assert.ok(rawEquals(value('convert("5", number)'), numberVal(5)));
  assert.ok(rawEquals(value('convert(unk, number)'), unknownVal(NumberType)));
  assert.ok(rawEquals(value('convert(secret, number)'), markValue(numberVal(5), 'sensitive')));
  assert.ok(rawEquals(value('convert([1, "a"], any)'), tupleVal([numberVal(1), stringVal('a')])));
  assert.ok(rawEquals(value('convert([1], list(any))'), listVal([numberVal(1)])));
  assert.ok(listOf(StringType));
});

test('convert reports a failed conversion against the value argument', () => {
  assert.deepEqual(evalSource('convert("x", number)', ctx).diags.map(diagText), [
    'Invalid function argument: Invalid value for "value" parameter: a number is required. @1,10-1,11',
  ]);
  const bad = evalSource('convert(1, strin)', ctx).diags;
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.summary, 'Invalid type specification');
});
