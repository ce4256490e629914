import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canConvert, convert, getPublicConversion } from '../../../src/hcl/convert.js';
import {
  BoolType,
  DynamicType,
  EmptyObjectType,
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
import type { Value } from '../../../src/hcl/value.js';
import * as V from '../../../src/hcl/values.js';
import { show, showPath } from './show.js';

const s = V.stringVal;
const n = V.numberVal;

function run(v: Value, want: Type): string {
  const r = convert(v, want);
  if (r.ok) return `${show(r.value)} : ${typeString(r.value.type)}`;
  return `error${showPath(r.path)}: ${r.message}`;
}

test('primitive conversions', () => {
  const table: [Value, Type, string][] = [
    [n('1.5'), StringType, '"1.5" : string'],
    [n(0.1), StringType, '"0.1" : string'],
    [n('1e21'), StringType, `"1${'0'.repeat(21)}" : string`],
    [n('-0'), StringType, '"-0" : string'],
    [V.True, StringType, '"true" : string'],
    [V.False, StringType, '"false" : string'],
    [s('12'), NumberType, '12 : number'],
    [s('-1.5e2'), NumberType, '-150 : number'],
    [s('0x10'), NumberType, 'error: a number is required'],
    [s(' 1'), NumberType, 'error: a number is required'],
    [s('true'), BoolType, 'true : bool'],
    [s('1'), BoolType, 'true : bool'],
    [s('0'), BoolType, 'false : bool'],
    [s('True'), BoolType, 'error: a bool is required; to convert from string, use lowercase "true"'],
    [s('FALSE'), BoolType, 'error: a bool is required; to convert from string, use lowercase "false"'],
    [s('yes'), BoolType, 'error: a bool is required'],
    [V.True, NumberType, 'error: number required'],
    [n(1), BoolType, 'error: bool required'],
    [s('x'), StringType, '"x" : string'],
    [s('x'), DynamicType, '"x" : string'],
  ];
  for (const [v, t, want] of table) assert.equal(run(v, t), want, `${show(v)} -> ${typeString(t)}`);
});

test('unknown, null and marked values', () => {
  const table: [Value, Type, string][] = [
    [V.unknownVal(StringType), NumberType, 'unknown(number) : number'],
    [V.DynamicVal, listOf(StringType), 'unknown(list(string)) : list(string)'],
    [V.nullVal(NumberType), StringType, 'null(string) : string'],
    [V.nullVal(StringType), DynamicType, 'null(string) : string'],
    [
      V.unknownVal(tupleOf([StringType, StringType])),
      listOf(DynamicType),
      'unknown(list(string)) : list(string)',
    ],
    [V.unknownVal(objectOf({ a: NumberType })), mapOf(DynamicType), 'unknown(map(number)) : map(number)'],
    [
      V.nullVal(objectOf({ a: NumberType })),
      objectOf({ a: StringType, b: BoolType }, ['b']),
      'null(object({a=string, b=bool})) : object({a=string, b=bool})',
    ],
    [V.markValue(n(1), 'sensitive'), StringType, '"1"@sensitive : string'],
    [V.listVal([V.markValue(n(1), 'm'), n(2)]), listOf(StringType), '["1"@m, "2"] : list(string)'],
    [V.markValue(s('x'), 'sensitive'), NumberType, 'error: a number is required'],
  ];
  for (const [v, t, want] of table) assert.equal(run(v, t), want, `${show(v)} -> ${typeString(t)}`);
});

test('collection and structural conversions', () => {
  const table: [Value, Type, string][] = [
    [V.tupleVal([n(1), s('a')]), listOf(DynamicType), '["1", "a"] : list(string)'],
    [V.tupleVal([n(1), n(2)]), listOf(DynamicType), '[1, 2] : list(number)'],
    [V.tupleVal([n(1), s('a')]), listOf(NumberType), 'error[1]: a number is required'],
    [V.tupleVal([n(1), V.True]), listOf(DynamicType), 'error: all list elements must have the same type'],
    [V.tupleVal([n(1), V.True]), setOf(DynamicType), 'error: all set elements must have the same type'],
    [V.tupleVal([s('b'), s('a'), s('b')]), setOf(StringType), 'set["a", "b"] : set(string)'],
    [V.EmptyTupleVal, listOf(StringType), '[] : list(string)'],
    [V.EmptyTupleVal, setOf(DynamicType), 'set[] : set(any)'],
    [V.listVal([s('b'), s('a'), s('b')]), setOf(StringType), 'set["a", "b"] : set(string)'],
    [V.setVal([s('b'), s('a')]), listOf(StringType), '["a", "b"] : list(string)'],
    [V.setVal([n(2), n(1)]), listOf(StringType), '["1", "2"] : list(string)'],
    // A set whose unknown elements may still coalesce converts to an unknown list (of its own element type).
    [
      V.setVal([s('a'), V.unknownVal(StringType)]),
      listOf(StringType),
      'unknown(list(string)) : list(string)',
    ],
    [V.setVal([V.unknownVal(StringType)]), listOf(StringType), '[unknown(string)] : list(string)'],
    [V.listVal([s('1'), s('x')]), listOf(NumberType), 'error[1]: a number is required'],
    [V.listVal([s('a')]), tupleOf([StringType]), 'error: tuple required'],
    [
      V.tupleVal([s('1'), s('true')]),
      tupleOf([NumberType, BoolType]),
      'tuple[1, true] : tuple([number, bool])',
    ],
    [V.tupleVal([s('1')]), tupleOf([NumberType, BoolType]), 'error: tuple required'],
    [V.objectVal({ a: n(1), b: s('x') }), mapOf(StringType), 'map{a="1", b="x"} : map(string)'],
    [V.objectVal({ a: n(1), b: s('x') }), mapOf(DynamicType), 'map{a="1", b="x"} : map(string)'],
    [
      V.objectVal({ a: n(1), b: V.True }),
      mapOf(DynamicType),
      'error: all map elements must have the same type',
    ],
    [
      V.objectVal({ a: V.tupleVal([s('x')]) }),
      mapOf(listOf(NumberType)),
      'error["a"][0]: a number is required',
    ],
    [V.EmptyObjectVal, mapOf(StringType), 'map{} : map(string)'],
    [V.mapVal({ a: n(1) }), mapOf(StringType), 'map{a="1"} : map(string)'],
    [V.mapVal({ a: s('x') }), mapOf(NumberType), 'error["a"]: a number is required'],
    [V.mapVal({ x: s('1'), z: s('q') }), objectOf({ x: NumberType }), '{x=1} : object({x=number})'],
    [
      V.mapVal({ x: s('1') }),
      objectOf({ x: NumberType, y: StringType }),
      'error: map has no element for required attribute "y"',
    ],
    [
      V.mapVal({ x: s('1') }),
      objectOf({ x: NumberType, y: StringType }, ['y']),
      '{x=1, y=null(string)} : object({x=number, y=string})',
    ],
    [V.mapVal({ x: s('a') }), objectOf({ x: NumberType }), 'error["x"]: a number is required'],
    [V.objectVal({ a: n(1), extra: V.True }), objectOf({ a: StringType }), '{a="1"} : object({a=string})'],
    [
      V.objectVal({ a: n(1) }),
      objectOf({ a: StringType, b: NumberType }),
      'error: attribute "b" is required',
    ],
    [
      V.objectVal({}),
      objectOf({ a: StringType, b: NumberType }),
      'error: attributes "a" and "b" are required',
    ],
    [
      V.objectVal({}),
      objectOf({ c: StringType, a: StringType, b: NumberType }),
      'error: attributes "a", "b", and "c" are required',
    ],
    [
      V.objectVal({ a: n(1) }),
      objectOf({ a: StringType, b: NumberType }, ['b']),
      '{a="1", b=null(number)} : object({a=string, b=number})',
    ],
    [V.objectVal({ a: s('x') }), objectOf({ a: NumberType }), 'error.a: a number is required'],
    [
      V.objectVal({ a: V.True }),
      objectOf({ a: listOf(StringType) }),
      'error: attribute "a": list of string required',
    ],
    [
      V.objectVal({ a: V.objectVal({ b: s('x') }) }),
      objectOf({ a: objectOf({ b: BoolType }) }),
      'error.a.b: a bool is required',
    ],
    [
      V.objectVal({ a: V.tupleVal([s('x')]) }),
      objectOf({ a: listOf(NumberType) }),
      'error.a[0]: a number is required',
    ],
    [V.tupleVal([s('a'), n(1)]), mapOf(StringType), 'error: map of string required'],
    [V.listVal([V.True]), mapOf(BoolType), 'error: map of bool required'],
    [V.mapVal({ a: V.True }), listOf(BoolType), 'error: list of bool required'],
    [V.listVal([V.True]), listOf(NumberType), 'error: incorrect list element type: number required'],
    [V.tupleVal([V.True]), listOf(NumberType), 'error: element 0: number required'],
    [V.objectVal({ k: V.True }), mapOf(NumberType), 'error: element "k": number required'],
    [s('x'), listOf(StringType), 'error: list of string required'],
    [V.EmptyTupleVal, StringType, 'error: string required'],
    [V.objectVal({ a: s('x') }), EmptyObjectType, '{} : object({})'],
    [
      V.tupleVal([V.listVal([n(1)]), V.tupleVal([s('x')])]),
      listOf(DynamicType),
      '[["1"], ["x"]] : list(list(string))',
    ],
    [
      V.objectVal({ a: V.objectVal({ x: n(1) }), b: V.objectVal({ y: n(2) }) }),
      mapOf(DynamicType),
      'map{a=map{x=1}, b=map{y=2}} : map(map(number))',
    ],
  ];
  for (const [v, t, want] of table) assert.equal(run(v, t), want, `${show(v)} -> ${typeString(t)}`);
});

test('safe conversions exclude string parsing and list-to-set', () => {
  assert.equal(canConvert(StringType, NumberType, false), false);
  assert.equal(canConvert(NumberType, StringType, false), true);
  assert.equal(canConvert(listOf(StringType), setOf(StringType), false), false);
  assert.equal(canConvert(listOf(StringType), setOf(StringType), true), true);
  assert.equal(canConvert(mapOf(StringType), objectOf({ a: StringType }), false), false);
  assert.equal(canConvert(BoolType, NumberType, true), false);
  const conv = getPublicConversion(NumberType, StringType, false);
  assert.ok(conv);
  const r = conv(n(3));
  assert.ok(r.ok && show(r.value) === '"3"');
});
