import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callFunction, defineFunction, param } from '../../../src/hcl/functions/call.js';
import { FunctionArgError, FunctionError, type HclFunction } from '../../../src/hcl/hcl.js';
import { DynamicType, NumberType, StringType, listOf } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import {
  DynamicVal,
  asString,
  listVal,
  markValue,
  nullVal,
  numberVal,
  stringVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { show } from './helpers.js';

/** A function that records what its implementation saw. */
function recorder(
  opts: Partial<Parameters<typeof param>[2]> = {},
  varOpts?: Partial<Parameters<typeof param>[2]>,
) {
  const seen: { args?: readonly Value[]; retType?: unknown; typeCalls: number } = { typeCalls: 0 };
  const fn: HclFunction = defineFunction({
    params: [param('a', StringType, opts)],
    varParam: varOpts ? param('rest', NumberType, varOpts) : undefined,
    returnType: () => {
      seen.typeCalls++;
      return StringType;
    },
    impl: (args, retType) => {
      seen.args = args;
      seen.retType = retType;
      return stringVal(args.map((a) => (a.state === 'known' ? String(show(a)) : a.state)).join(','));
    },
  });
  return { fn, seen };
}

function throws(
  f: () => unknown,
  kind: typeof FunctionArgError | typeof FunctionError,
  message: string | RegExp,
  index?: number,
) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof kind, `expected ${kind.name}, got ${String(e)}`);
    if (typeof message === 'string') assert.equal((e as Error).message, message);
    else assert.match((e as Error).message, message);
    if (index !== undefined) assert.equal((e as FunctionArgError).argIndex, index);
    return;
  }
  assert.fail('expected an error');
}

test('arity errors use cty wording', () => {
  const { fn } = recorder();
  throws(() => callFunction(fn, []), FunctionError, 'wrong number of arguments (1 required; 0 given)');
  const v = recorder({}, {}).fn;
  throws(
    () => callFunction(v, []),
    FunctionError,
    'wrong number of arguments (at least 1 required; 0 given)',
  );
  assert.equal(show(callFunction(v, [stringVal('x'), numberVal(1), numberVal(2)])), '"\\"x\\",1,2"');
});

test('arguments are converted to the parameter type; failures name the argument', () => {
  const { fn, seen } = recorder({}, {});
  callFunction(fn, [numberVal(5), stringVal('7')]);
  assert.equal(seen.args![0]!.type.kind, 'string');
  assert.equal(seen.args![1]!.type.kind, 'number');
  throws(() => callFunction(fn, [stringVal('x'), stringVal('seven')]), FunctionArgError, /number/, 1);
});

test('null arguments are rejected unless allowed', () => {
  throws(
    () => callFunction(recorder().fn, [nullVal(StringType)]),
    FunctionArgError,
    'argument must not be null',
    0,
  );
  const { fn } = recorder({ allowNull: true });
  assert.equal(show(callFunction(fn, [nullVal(StringType)])), '"null"');
});

test('unknown arguments short-circuit to an unknown of the return type unless allowed', () => {
  const { fn, seen } = recorder();
  assert.equal(show(callFunction(fn, [unknownVal(StringType)])), 'unknown(string)');
  assert.equal(seen.typeCalls, 1);
  assert.equal(seen.args, undefined);
  const allowing = recorder({ allowUnknown: true });
  assert.equal(show(callFunction(allowing.fn, [unknownVal(StringType)])), '"unknown"');
});

test('a dynamic-typed argument makes the result type dynamic without asking the function', () => {
  const dyn = defineFunction({
    params: [param('v', DynamicType, { allowNull: true })],
    returnType: () => {
      throw new FunctionError('type function must not be called');
    },
    impl: (_args, retType) => stringVal(retType.kind),
  });
  assert.equal(show(callFunction(dyn, [DynamicVal])), 'unknown(any)');
  assert.equal(show(callFunction(dyn, [nullVal(DynamicType)])), '"dynamic"');
});

test('marks are removed from arguments and put on the result unless the parameter accepts them', () => {
  const { fn, seen } = recorder();
  const r = callFunction(fn, [markValue(stringVal('s'), 'sensitive')]);
  assert.equal(show(r), '"\\"s\\""@sensitive');
  assert.equal(seen.args![0]!.marks, undefined);
  const deep = listVal([markValue(stringVal('a'), 'sensitive')]);
  const listFn = defineFunction({
    params: [param('l', listOf(StringType))],
    returnType: StringType,
    impl: ([l]) => stringVal(show(l!)),
  });
  assert.equal(show(callFunction(listFn, [deep])), '"list[\\"a\\"]"@sensitive');
  const keeping = recorder({ allowMarked: true });
  callFunction(keeping.fn, [markValue(stringVal('s'), 'sensitive')]);
  assert.ok(keeping.seen.args![0]!.marks?.has('sensitive'));
  assert.equal(
    show(callFunction(fn, [markValue(unknownVal(StringType), 'sensitive')])),
    'unknown(string)@sensitive',
  );
});

test('unexpected exceptions in implementations become function errors', () => {
  const buggy = defineFunction({
    params: [],
    returnType: StringType,
    impl: () => {
      throw new TypeError('boom');
    },
  });
  throws(() => callFunction(buggy, []), FunctionError, 'panic in function implementation: boom');
  assert.equal(asString(callFunction(recorder().fn, [stringVal('z')])), '"z"');
});
