import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareTypes, sortTypes, unify, unifyTypes } from '../../../src/hcl/unify.js';
import {
  BoolType,
  DynamicType,
  listOf,
  mapOf,
  NumberType,
  objectOf,
  StringType,
  setOf,
  type Type,
  tupleOf,
  typeString,
} from '../../../src/hcl/types.js';
import * as V from '../../../src/hcl/values.js';
import { show } from './show.js';

test('unifyTypes (unsafe, as HCL conditionals use)', () => {
  const table: [Type[], string | undefined][] = [
    [[NumberType, NumberType], 'number'],
    [[NumberType, StringType], 'string'],
    [[StringType, NumberType, BoolType], 'string'],
    [[BoolType, NumberType], undefined],
    [[DynamicType, StringType], 'string'],
    [[listOf(StringType), tupleOf([NumberType])], 'list(string)'],
    [[listOf(StringType), setOf(StringType)], 'list(string)'],
    [[listOf(StringType), listOf(NumberType)], 'list(string)'],
    [[listOf(StringType), listOf(DynamicType)], 'list(string)'],
    [[listOf(StringType), DynamicType], 'any'],
    [[tupleOf([NumberType]), tupleOf([StringType])], 'tuple([string])'],
    [[tupleOf([StringType]), tupleOf([NumberType, BoolType])], 'list(string)'],
    [[tupleOf([BoolType]), tupleOf([NumberType, NumberType])], undefined],
    [[objectOf({ a: StringType }), objectOf({ a: NumberType })], 'object({a=string})'],
    [[objectOf({ a: StringType }), objectOf({ b: StringType })], 'map(string)'],
    [[mapOf(StringType), objectOf({ a: NumberType })], 'map(string)'],
    [[objectOf({ a: StringType }), DynamicType], 'any'],
    [[objectOf({ a: StringType }), tupleOf([])], undefined],
    [[], undefined],
  ];
  for (const [types, want] of table) {
    const got = unifyTypes(types);
    assert.equal(got && typeString(got), want, types.map(typeString).join(', '));
  }
});

test('safe unification does not parse strings', () => {
  assert.equal(typeString(unifyTypes([DynamicType, StringType], false)!), 'any');
  assert.equal(typeString(unifyTypes([NumberType, StringType], false)!), 'string');
});

test('unify returns per-type conversions', () => {
  const u = unify([NumberType, StringType], true);
  assert.ok(u);
  assert.equal(u.conversions[1], undefined);
  const r = u.conversions[0]!(V.numberVal(2));
  assert.ok(r.ok);
  assert.equal(show(r.value), '"2"');
  const dyn = unify([objectOf({ a: StringType }), DynamicType], true)!;
  const d = dyn.conversions[0]!(V.objectVal({ a: V.stringVal('x') }));
  assert.ok(d.ok);
  assert.equal(show(d.value), 'unknown(any)');
});

test('type preference order', () => {
  assert.equal(compareTypes(StringType, NumberType), -1);
  assert.equal(compareTypes(NumberType, StringType), 1);
  assert.equal(compareTypes(NumberType, BoolType), 0);
  assert.equal(compareTypes(listOf(StringType), tupleOf([StringType])), -1);
  assert.equal(compareTypes(tupleOf([StringType]), listOf(StringType)), 1);
  assert.equal(compareTypes(mapOf(StringType), objectOf({})), -1);
  assert.equal(compareTypes(DynamicType, StringType), 1);
  assert.deepEqual(sortTypes([NumberType, BoolType, StringType]), [2, 0, 1]);
});
