import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BigFloat } from '../../../src/hcl/number.js';
import { BoolType, DynamicType, listOf, NumberType, StringType, typeString } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import * as V from '../../../src/hcl/values.js';
import { show } from './show.js';

const s = V.stringVal;
const n = V.numberVal;

test('strings are NFC-normalised, as are map and object keys', () => {
  assert.equal(V.asString(s('e\u0301')), '\u00e9');
  assert.deepEqual(
    V.entries(V.objectVal({ 'e\u0301': n(1) })).map(([k]) => k),
    ['\u00e9'],
  );
  assert.deepEqual(
    V.entries(V.mapVal({ 'e\u0301': n(1) })).map(([k]) => k),
    ['\u00e9'],
  );
});

test('numberVal picks cty constructor precision by input kind', () => {
  assert.equal(V.asBigFloat(n(3)).prec, 64);
  assert.equal(V.asBigFloat(n(0.5)).prec, 53);
  assert.equal(V.asBigFloat(n('0.5')).prec, 512);
  assert.equal(V.asBigFloat(n(5n)).prec, 64);
  assert.equal(V.asNumber(n('2.5')), 2.5);
  assert.throws(() => n('abc'), /not a number/);
  assert.equal(show(n(BigFloat.POS_INF)), '+Inf');
});

test('collections validate element types like cty', () => {
  assert.throws(() => V.listVal([s('a'), n(1)]), /inconsistent list element types/);
  assert.throws(() => V.mapVal({ a: s('a'), b: V.True }), /inconsistent map element types/);
  assert.throws(() => V.setVal([V.True, n(1)]), /inconsistent set element types/);
  assert.throws(() => V.listVal([]), /listValEmpty/);
  assert.throws(() => V.setVal([]), /setValEmpty/);
  assert.throws(() => V.mapVal({}), /mapValEmpty/);
  assert.equal(V.canListVal([s('a'), n(1)]), false);
  assert.equal(V.canListVal([V.DynamicVal, n(1)]), true);
});

test('dynamic elements take the collection element type', () => {
  assert.equal(show(V.listVal([V.DynamicVal, s('a')])), '[unknown(string), "a"]');
  assert.equal(show(V.listVal([V.nullVal(DynamicType), n(1)])), '[null(number), 1]');
  assert.equal(typeString(V.listVal([V.DynamicVal]).type), 'list(any)');
});

test('maps and objects keep keys in byte order', () => {
  const o = V.objectVal({ b: n(1), a: s('x'), B: V.True, '\u{1F600}': n(2), '\uFF5E': n(3) });
  assert.deepEqual(
    V.entries(o).map(([k]) => k),
    ['B', 'a', 'b', '\uFF5E', '\u{1F600}'],
  );
  assert.equal(typeString(o.type), 'object({B=bool, a=string, b=number, "～"=number, "😀"=number})');
  assert.equal(
    show(
      V.mapVal(
        new Map([
          ['z', n(1)],
          ['y', n(2)],
        ]),
      ),
    ),
    'map{y=2, z=1}',
  );
});

test('sets deduplicate and order canonically', () => {
  const table: [Value[] | (() => Value[]), string][] = [
    [[n(3), n('1.5'), n(3), n(-2)], 'set[-2, 1.5, 3]'],
    [[s('b'), s('a'), s('B'), s('b')], 'set["B", "a", "b"]'],
    [[s('\u{1F600}'), s('\uFF5E')], 'set["～", "😀"]'],
    [[V.True, V.False, V.True], 'set[false, true]'],
    [
      [V.unknownVal(StringType), s('z'), V.unknownVal(StringType), s('a')],
      'set["a", "z", unknown(string), unknown(string)]',
    ],
    [[V.nullVal(StringType), s('a'), V.nullVal(StringType)], 'set["a", null(string)]'],
    // Other element types order by cty's hash serialisation.
    [[V.listVal([s('b')]), V.listVal([s('a'), s('c')]), V.listVal([s('b')])], 'set[["a", "c"], ["b"]]'],
    [[V.tupleVal([n(10)]), V.tupleVal([n(9)])], 'set[tuple[10], tuple[9]]'],
  ];
  for (const [elems, want] of table) {
    const list = typeof elems === 'function' ? elems() : elems;
    assert.equal(show(V.setVal(list)), want);
  }
  // Numbers equal in value dedupe regardless of how they were made.
  assert.equal(show(V.setVal([n(1), n('1.0'), n(1n)])), 'set[1]');
});

test('marks: set elements hoist, lists keep them inside, accessors carry container marks', () => {
  const secret = V.markValue(s('pw'), 'sensitive');
  assert.equal(show(V.setVal([secret, s('a')])), 'set["a", "pw"]@sensitive');
  const list = V.listVal([secret, s('a')]);
  assert.equal(show(list), '["pw"@sensitive, "a"]');
  assert.equal(V.hasMark(list, 'sensitive'), false);
  assert.equal(V.hasMarkDeep(list, 'sensitive'), true);
  assert.equal(V.containsMarked(list), true);
  const [deep, marks] = V.unmarkDeep(list);
  assert.equal(show(deep), '["pw", "a"]');
  assert.deepEqual([...marks], ['sensitive']);
  const [top, topMarks] = V.unmark(V.markValue(list, 'x'));
  assert.equal(show(top), '["pw"@sensitive, "a"]');
  assert.deepEqual([...topMarks], ['x']);
  const obj = V.markValue(V.objectVal({ a: s('x') }), 'sensitive');
  assert.equal(show(V.getAttr(obj, 'a')), '"x"@sensitive');
  assert.equal(show(V.indexValue(V.markValue(list, 'y'), n(1))), '"a"@y');
  assert.equal(show(V.indexValue(list, V.markValue(n(0), 'k'))), '"pw"@k,sensitive');
  assert.equal(V.markValue(secret, 'sensitive'), secret);
});

test('getAttr and indexValue on unknown, null and dynamic values', () => {
  const ot = V.unknownVal({ kind: 'object', attrs: new Map([['a', NumberType]]) });
  assert.equal(show(V.getAttr(ot, 'a')), 'unknown(number)');
  assert.equal(show(V.getAttr(V.DynamicVal, 'a')), 'unknown(any)');
  assert.equal(show(V.indexValue(V.unknownVal(listOf(BoolType)), n(0))), 'unknown(bool)');
  assert.equal(show(V.indexValue(V.listVal([V.True]), V.unknownVal(NumberType))), 'unknown(bool)');
  const tup = V.tupleVal([s('a'), n(1)]);
  assert.equal(show(V.indexValue(tup, n(1))), '1');
  assert.equal(show(V.indexValue(tup, V.DynamicVal)), 'unknown(any)');
  assert.equal(show(V.indexValue(V.unknownVal(tup.type), n(1))), 'unknown(number)');
  assert.equal(show(V.indexValue(V.mapVal({ k: V.True }), s('k'))), 'true');
  assert.throws(() => V.indexValue(tup, n(2)), /out of range/);
  assert.throws(() => V.indexValue(tup, n('0.5')), /out of range/);
  assert.throws(() => V.indexValue(V.mapVal({ k: V.True }), s('x')), /no element/);
  assert.throws(() => V.getAttr(V.EmptyObjectVal, 'x'), /no attribute/);
});

test('known-ness, lengths and JS interop', () => {
  const v = V.tupleVal([s('a'), V.listVal([V.unknownVal(StringType)])]);
  assert.equal(V.isKnown(v), true);
  assert.equal(V.isWhollyKnown(v), false);
  assert.equal(V.isWhollyKnown(V.nullVal(StringType)), true);
  assert.equal(V.isNull(V.nullVal(StringType)), true);
  assert.equal(V.lengthInt(v), 2);
  assert.equal(V.lengthInt(V.mapVal({ a: n(1), b: n(2) })), 2);
  assert.equal(V.lengthInt(V.unknownVal({ kind: 'tuple', elems: [StringType] })), 1);
  const js = { name: 'x', n: 1.5, tags: ['a', true], nested: { ok: null } };
  assert.deepEqual(V.valueToJs(V.valueFromJs(js)), js);
  assert.equal(show(V.valueFromJs({ b: [1, 'x'] })), '{b=tuple[1, "x"]}');
  assert.throws(() => V.valueToJs(V.DynamicVal), /unknown/);
  assert.equal(show(V.EmptyTupleVal), 'tuple[]');
  assert.equal(show(V.EmptyObjectVal), '{}');
  assert.equal(show(V.listValEmpty(StringType)), '[]');
  assert.equal(typeString(V.setValEmpty(NumberType).type), 'set(number)');
});
