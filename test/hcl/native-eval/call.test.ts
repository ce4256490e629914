import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childContext, rootContext } from '../../../src/hcl/eval-context.js';
import { defineFunction } from '../../../src/hcl/functions/call.js';
import { FunctionArgError, FunctionError } from '../../../src/hcl/hcl.js';
import { StringType } from '../../../src/hcl/types.js';
import { listVal, markValue, numberVal, stringVal, unknownVal } from '../../../src/hcl/values.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import { DynamicVal } from '../../../src/hcl/values.js';
import { assertNoDiags, diagText, evalSource, rangeText, testFunctions } from './helpers.js';

const argError = (index: number, message: string) =>
  defineFunction({
    params: [],
    varParam: { name: 'foo', type: StringType },
    returnType: () => {
      throw new FunctionArgError(index, message);
    },
    impl: () => stringVal(''),
  });

const fns = rootContext(undefined, {
  upper: testFunctions.UpperFunc,
  strlen: testFunctions.StrlenFunc,
  min: testFunctions.MinFunc,
  misbehave: defineFunction({
    params: [],
    returnType: () => {
      throw new FunctionArgError(1, 'out of range');
    },
    impl: () => stringVal(''),
  }),
  variadic: argError(1, 'out of range'),
  argerrorexpand: argError(1, 'blah blah'),
  boom: defineFunction({
    params: [],
    returnType: StringType,
    impl: () => {
      throw new FunctionError('it broke');
    },
  }),
});

function diags(src: string, ctx = fns): string[] {
  return evalSource(src, ctx).diags.map(diagText);
}

test('an argument error with an index beyond the parameters is a plain call error', () => {
  assert.deepEqual(diags('misbehave()'), [
    'Error in function call: Call to function "misbehave" failed: out of range. @1,1-1,11',
  ]);
});

test('an argument error for a missing variadic argument points at the whole call', () => {
  assert.deepEqual(diags('variadic()'), [
    'Invalid function argument: Invalid value for "foo" parameter: out of range. @1,1-1,11',
  ]);
  assert.deepEqual(diags('variadic([]...)'), [
    'Invalid function argument: Invalid value for "foo" parameter: out of range. @1,1-1,16',
  ]);
});

test('argument indices count expanded arguments', () => {
  assert.deepEqual(diags('argerrorexpand(["a", "b"]...)'), [
    'Invalid function argument: Invalid value for "foo" parameter: blah blah. @1,16-1,26',
  ]);
});

test('unknown functions suggest close names; no function table means calls are not allowed', () => {
  assert.deepEqual(diags('uper("a")'), [
    'Call to unknown function: There is no function named "uper". Did you mean "upper"? @1,1-1,5',
  ]);
  assert.deepEqual(diags('nothing()'), [
    'Call to unknown function: There is no function named "nothing". @1,1-1,8',
  ]);
  assert.deepEqual(diags('upper("a")', rootContext({})), [
    'Function calls not allowed: Functions may not be called here. @1,1-1,11',
  ]);
  // Found through a parent context.
  const r = evalSource('upper("a")', childContext(fns, { x: numberVal(1) }));
  assertNoDiags(r.diags);
});

test('argument count errors point at the closing paren or the first extra argument', () => {
  assert.deepEqual(diags('upper()'), [
    'Not enough function arguments: Function "upper" expects 1 argument(s). Missing value for "str". @1,7-1,8',
  ]);
  assert.deepEqual(diags('upper("a", "b")'), [
    'Too many function arguments: Function "upper" expects only 1 argument(s). @1,13-1,14',
  ]);
});

test('arguments are converted to the parameter type, with errors at the argument', () => {
  assert.ok(rawEquals(evalSource('strlen(true)', fns).value, numberVal(4)));
  assert.deepEqual(diags('upper(["a"])'), [
    'Invalid function argument: Invalid value for "str" parameter: string required. @1,7-1,8',
  ]);
});

test('function errors are reported against the call', () => {
  const r = evalSource('boom()', fns);
  assert.ok(rawEquals(r.value, DynamicVal));
  assert.deepEqual(r.diags.map(diagText), [
    'Error in function call: Call to function "boom" failed: it broke. @1,1-1,6',
  ]);
  assert.equal(rangeText(r.diags[0]!.context), '1,1-1,7');
});

test('expansion of the final argument', () => {
  const ctx = childContext(fns, {
    xs: markValue(listVal([numberVal(3), numberVal(1)]), 'sensitive'),
    unk: unknownVal({ kind: 'list', elem: { kind: 'number' } }),
    str: stringVal('x'),
  });
  const min = evalSource('min(xs...)', ctx);
  assertNoDiags(min.diags);
  assert.ok(rawEquals(min.value, markValue(numberVal(1), 'sensitive')));
  const unk = evalSource('min(unk...)', ctx);
  assertNoDiags(unk.diags);
  assert.ok(rawEquals(unk.value, DynamicVal));
  assert.deepEqual(evalSource('min(str...)', ctx).diags.map(diagText), [
    'Invalid expanding argument value: The expanding argument (indicated by ...) must be of a tuple, list, or set type. @1,5-1,8',
  ]);
  assert.deepEqual(evalSource('min(null...)', ctx).diags.map(diagText), [
    'Invalid expanding argument value: The expanding argument (indicated by ...) must not be null. @1,5-1,9',
  ]);
});

test('a function that fails unexpectedly is reported, not thrown', () => {
  const buggy = rootContext(undefined, {
    buggy: {
      params: [],
      returnType: () => StringType,
      impl: () => stringVal(''),
      rawArgs: () => {
        throw new TypeError('oops');
      },
    },
  });
  assert.deepEqual(evalSource('buggy()', buggy).diags.map(diagText), [
    'Error in function call: Call to function "buggy" failed: panic in function implementation: oops. @1,1-1,7',
  ]);
});
