import assert from 'node:assert/strict';
import { test } from 'node:test';
import { equals, numbersEqual, rawEquals } from '../../../src/hcl/equality.js';
import { BigFloat } from '../../../src/hcl/number.js';
import { DynamicType, listOf, NumberType, StringType, tupleOf } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import * as V from '../../../src/hcl/values.js';
import { show } from './show.js';

const s = V.stringVal;
const n = V.numberVal;
const unkS = V.unknownVal(StringType);

test('equals follows cty Value.Equals', () => {
  const table: [Value, Value, string][] = [
    [s('a'), s('a'), 'true'],
    [s('a'), s('b'), 'false'],
    [s('1'), n(1), 'false'],
    [s('true'), V.True, 'false'],
    [n(1), n('1.0'), 'true'],
    [n(0.1), n('0.1'), 'true'],
    [n('-0'), n(0), 'true'],
    [V.nullVal(StringType), V.nullVal(NumberType), 'true'],
    [V.nullVal(StringType), s('a'), 'false'],
    [unkS, s('a'), 'unknown(bool)'],
    [unkS, unkS, 'unknown(bool)'],
    [unkS, n(1), 'false'],
    [V.nullVal(NumberType), unkS, 'unknown(bool)'],
    [V.DynamicVal, n(1), 'unknown(bool)'],
    [V.listVal([s('a')]), V.listVal([s('a')]), 'true'],
    [V.listVal([s('a')]), V.listVal([s('a'), s('b')]), 'false'],
    [V.listVal([s('a')]), V.tupleVal([s('a')]), 'false'],
    [V.listVal([unkS, s('b')]), V.listVal([s('a'), s('c')]), 'unknown(bool)'],
    [V.listVal([s('x'), unkS]), V.listVal([s('a'), s('c')]), 'false'],
    [V.tupleVal([n(1), s('a')]), V.tupleVal([n(1), s('a')]), 'true'],
    [V.objectVal({ a: n(1) }), V.objectVal({ a: n(1) }), 'true'],
    [V.objectVal({ a: n(1) }), V.objectVal({ a: n(2) }), 'false'],
    [V.objectVal({ a: n(1) }), V.objectVal({ b: n(1) }), 'false'],
    [V.mapVal({ a: n(1) }), V.mapVal({ a: n(1) }), 'true'],
    [V.mapVal({ a: n(1) }), V.mapVal({ b: n(1) }), 'false'],
    [V.setVal([s('a'), s('b')]), V.setVal([s('b'), s('a')]), 'true'],
    [V.setVal([s('a'), unkS]), V.setVal([s('a'), unkS]), 'unknown(bool)'],
    // A nested dynamic unknown whose types could never conform is simply unequal.
    [V.tupleVal([V.DynamicVal]), V.tupleVal([n(1), n(2)]), 'false'],
    [V.tupleVal([V.DynamicVal]), V.tupleVal([n(1)]), 'unknown(bool)'],
    [V.markValue(s('a'), 'sensitive'), s('a'), 'true@sensitive'],
    [V.listVal([V.markValue(s('a'), 'm')]), V.listVal([s('a')]), 'true@m'],
    [V.listVal([V.markValue(s('a'), 'm')]), V.nullVal(listOf(StringType)), 'false@m'],
  ];
  for (const [a, b, want] of table) {
    assert.equal(show(equals(a, b)), want, `${show(a)} == ${show(b)}`);
    assert.equal(show(equals(b, a)), want, `${show(b)} == ${show(a)}`);
  }
});

test('rawEquals: same type, same marks, unknowns equal to unknowns', () => {
  const table: [Value, Value, boolean][] = [
    [unkS, unkS, true],
    [unkS, V.unknownVal(NumberType), false],
    [V.DynamicVal, V.DynamicVal, true],
    [V.nullVal(StringType), V.nullVal(StringType), true],
    [V.nullVal(StringType), V.nullVal(DynamicType), false],
    [V.listVal([s('a')]), V.tupleVal([s('a')]), false],
    [V.listVal([unkS]), V.listVal([unkS]), true],
    [V.markValue(s('a'), 'm'), s('a'), false],
    [V.markValue(s('a'), 'm'), V.markValue(s('a'), 'm'), true],
    [V.setVal([s('a'), unkS]), V.setVal([unkS, s('a')]), true],
    [V.objectVal({ a: unkS }), V.objectVal({ a: unkS }), true],
    [V.unknownVal(tupleOf([StringType])), V.tupleVal([unkS]), false],
  ];
  for (const [a, b, want] of table) assert.equal(rawEquals(a, b), want, `${show(a)} ~ ${show(b)}`);
});

test('number equality is by integer value or by shortest text at each precision', () => {
  assert.equal(numbersEqual(BigFloat.fromInt(3), BigFloat.parse('3')!), true);
  assert.equal(numbersEqual(BigFloat.fromNumber(0.1), BigFloat.parse('0.1')!), true);
  // Same binary value, different precisions: the 512-bit copy prints all its digits.
  assert.equal(numbersEqual(BigFloat.fromNumber(0.1), BigFloat.fromNumber(0.1).withPrec(512)), false);
  // cty 1.13 compares integers by text too, so precision shows through even for integers.
  assert.equal(
    numbersEqual(BigFloat.fromBigInt(2n ** 70n, 64), BigFloat.parse('1180591620717411303424')!),
    false,
  );
  assert.equal(numbersEqual(BigFloat.fromBigInt(2n ** 70n, 64), BigFloat.fromBigInt(2n ** 70n, 64)), true);
  assert.equal(numbersEqual(BigFloat.POS_INF, BigFloat.POS_INF), true);
  assert.equal(numbersEqual(BigFloat.POS_INF, BigFloat.NEG_INF), false);
  assert.equal(numbersEqual(BigFloat.parse('1.5')!, BigFloat.parse('2')!), false);
});
