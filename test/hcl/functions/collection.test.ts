import { test } from 'node:test';
import { DynamicType, listOf, NumberType, StringType } from '../../../src/hcl/types.js';
import {
  listVal,
  markValue,
  mapVal,
  nullVal,
  numberVal,
  setVal,
  stringVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { expectCall, expectError } from './helpers.js';

const s = stringVal;

test('alltrue and anytrue (Packer)', () => {
  expectCall('true', 'alltrue', ['true', true]);
  expectCall('true', 'alltrue', []);
  expectCall('false', 'alltrue', [true, false]);
  expectCall('false', 'alltrue', [true, nullVal(DynamicType)]);
  expectCall('unknown(bool)', 'alltrue', [true, unknownVal(DynamicType)]);
  expectError(/^element 0: bool required/, 'alltrue', [[1]], 0);
  expectCall('false', 'anytrue', []);
  expectCall('true', 'anytrue', [false, 'true']);
  expectCall('true', 'anytrue', [unknownVal(DynamicType), true]);
  expectCall('unknown(bool)', 'anytrue', [false, unknownVal(DynamicType)]);
});

test('chunklist, compact, distinct, flatten', () => {
  expectCall('list[list["a", "b"], list["c"]]', 'chunklist', ['a', 'b', 'c'], 2);
  expectCall('list[]', 'chunklist', [], 2);
  expectCall('list[list["a"]]', 'chunklist', ['a'], 0);
  expectError('the size argument must be positive', 'chunklist', [['a'], -1]);
  expectError(/^invalid size: value must be a whole number/, 'chunklist', [['a'], 1.5]);
  expectCall('list["a", "b"]', 'compact', ['a', '', 'b', nullVal(StringType)]);
  expectCall('list[]', 'compact', ['']);
  expectCall('unknown(list(string))', 'compact', ['a', unknownVal(StringType)]);
  expectCall('list["a", "b"]', 'distinct', ['a', 'b', 'a']);
  expectCall('list["1"]', 'distinct', [1, '1']);
  expectCall('["a", "b", "c"]', 'flatten', [['a'], [['b']], 'c']);
  expectCall('["a", 1]', 'flatten', [['a'], [1]]);
  expectCall('["a", "b"]', 'flatten', listVal([listVal([s('a')]), listVal([s('b')])]));
  expectCall('[]', 'flatten', []);
  expectCall('unknown(any)', 'flatten', [unknownVal(listOf(StringType))]);
  expectError('can only flatten lists, sets and tuples', 'flatten', ['a']);
});

test('coalesce and coalescelist', () => {
  expectCall('"b"', 'coalesce', '', 'b');
  expectCall('"1"', 'coalesce', 1, 'a');
  expectCall('1', 'coalesce', nullVal(NumberType), 1, 2);
  expectError('all arguments must have the same type', 'coalesce', [[1], 'a']);
  expectError('no non-null, non-empty-string arguments', 'coalesce', [null, '']);
  expectCall('unknown(string)', 'coalesce', unknownVal(StringType), 'a');
  expectCall('["a"]', 'coalescelist', [], ['a']);
  expectError('no non-null arguments', 'coalescelist', [[], []]);
  expectError('coalescelist arguments must be lists or tuples', 'coalescelist', ['a']);
});

test('concat keeps lists as lists and otherwise builds tuples', () => {
  expectCall('["a", 1]', 'concat', ['a'], [1]);
  expectCall('list["a", "b"]', 'concat', listVal([s('a')]), listVal([s('b')]));
  expectCall('list["a", "1"]', 'concat', listVal([s('a')]), listVal([numberVal(1)]));
  expectCall('["a", "b"]', 'concat', listVal([s('a')]), ['b']);
  expectError('all arguments must be lists or tuples; got string', 'concat', ['a'], 0);
  expectError('at least one argument is required', 'concat', []);
  expectCall(
    'list["a", "b"]@sensitive',
    'concat',
    markValue(listVal([s('a')]), 'sensitive'),
    listVal([s('b')]),
  );
});

test('contains, index, element', () => {
  expectCall('true', 'contains', ['a'], 'a');
  expectCall('false', 'contains', ['a'], 1);
  expectCall('true', 'contains', setVal([s('x')]), 'x');
  expectCall('false', 'contains', [], 'x');
  expectCall('unknown(bool)', 'contains', ['a'], unknownVal(StringType));
  expectError('argument must not be null', 'contains', [['a'], null], 1);
  expectError('argument must be list, tuple, or set', 'contains', ['a', 'a']);
  expectCall('1', 'index', ['a', 'b'], 'b');
  expectError('item not found', 'index', [['a'], 'z']);
  expectError('cannot search an empty list', 'index', [[], 'z']);
  expectError('argument must be a list or tuple', 'index', [{ a: 1 }, 'z']);
  expectError('cannot use element function with a negative index', 'element', [['a', 'b'], -1]);
  expectCall('"a"', 'element', ['a', 'b'], 4);
  expectCall('1', 'element', ['a', 1], 3);
  expectError('cannot use element function with an empty list', 'element', [[], 0]);
  expectError('cannot read elements from string', 'element', ['x', 0]);
  expectCall('unknown(any)', 'element', ['a', 1], unknownVal(NumberType));
});

test('keys, values, lookup, merge, zipmap', () => {
  expectCall('["a", "b"]', 'keys', { b: 'x', a: 1 });
  expectCall('list["a", "b"]', 'keys', mapVal({ b: s('x'), a: s('y') }));
  expectCall('unknown(list(string))', 'keys', unknownVal({ kind: 'map', elem: StringType }));
  expectError('must have map or object type', 'keys', ['a'], 0);
  expectCall('[1, "x"]', 'values', { b: 'x', a: 1 });
  expectCall('list["y", "x"]', 'values', mapVal({ b: s('x'), a: s('y') }));
  expectError('values() requires a map as the first argument', 'values', ['a']);
  expectCall('"x"', 'lookup', { a: 1 }, 'b', 'x');
  expectCall('1', 'lookup', { a: 1 }, 'a', 'x');
  expectCall('"2"', 'lookup', mapVal({ a: s('1') }), 'b', 2);
  expectError(
    'the default value must have the same type as the map elements',
    'lookup',
    [mapVal({ a: s('1') }), 'b', [1]],
    2,
  );
  expectError('lookup() requires a map as the first argument', 'lookup', ['a', 'b', 'c'], 0);
  expectCall('{a="x", b=2}', 'merge', { a: 1 }, { a: 'x', b: 2 });
  expectCall('map{a="1", b="2"}', 'merge', mapVal({ a: s('1') }), mapVal({ b: s('2') }));
  expectCall('{}', 'merge');
  expectCall('{a=1}', 'merge', { a: 1 }, null);
  expectError('arguments must be maps or objects, got "string"', 'merge', [{ a: 1 }, 'x']);
  expectCall('{a=1, b="x"}', 'zipmap', ['a', 'b'], [1, 'x']);
  expectCall('map{a="1", b="x"}', 'zipmap', ['a', 'b'], listVal([s('1'), s('x')]));
  expectError('number of keys (2) does not match number of values (1)', 'zipmap', [['a', 'b'], [1]]);
});

test('length (Packer): strings in grapheme clusters, collections and structures', () => {
  expectCall('5', 'length', 'he\u0301llo');
  expectCall('2', 'length', ['a', 1]);
  expectCall('2', 'length', { a: 1, b: 2 });
  expectCall('1', 'length', setVal([s('a'), s('a')]));
  expectCall('unknown(number)', 'length', unknownVal(listOf(StringType)));
  expectCall('unknown(number)', 'length', unknownVal(DynamicType));
  expectError('argument must be a string, a collection type, or a structural type', 'length', [1]);
  expectError('argument must not be null', 'length', [null], 0);
});

test('range', () => {
  expectCall('list[0, 1, 2]', 'range', 3);
  expectCall('list[0, 1]', 'range', 1.5);
  expectCall('list[3, 2]', 'range', 3, 1);
  expectCall('list[0, -1, -2]', 'range', -3);
  expectCall('list[0, 0.25, 0.5, 0.75]', 'range', 0, 1, 0.25);
  expectCall('list[]', 'range', 0);
  expectError('step must not be zero', 'range', [1, 5, 0], 2);
  expectError('end must be greater than start when step is positive', 'range', [5, 1, 1], 1);
  expectError('end must be less than start when step is negative', 'range', [1, 5, -1], 1);
  expectError(/^more than 1024 values were generated/, 'range', [0, 2000]);
  expectError('must have one, two, or three arguments', 'range', []);
});

test('reverse, slice, sort', () => {
  expectCall('list["c", "b", "a"]', 'reverse', listVal([s('a'), s('b'), s('c')]));
  expectCall('[1, "a"]', 'reverse', ['a', 1]);
  expectCall('list["b", "a"]', 'reverse', setVal([s('a'), s('b')]));
  expectError('can only reverse list or tuple values, not string', 'reverse', ['x'], 0);
  expectCall('["b", "c"]', 'slice', ['a', 'b', 'c'], 1, 3);
  expectCall('list["b"]', 'slice', listVal([s('a'), s('b'), s('c')]), 1, 2);
  expectCall('list[]', 'slice', listVal([s('a')]), 1, 1);
  expectError(
    'end index must not be greater than the length of the list',
    'slice',
    [['a', 'b', 'c'], 1, 5],
    2,
  );
  expectError('start index must not be greater than end index', 'slice', [['a', 'b', 'c'], 2, 1], 1);
  expectError('start index must not be less than zero', 'slice', [['a'], -1, 1], 1);
  expectError(/^cannot slice a set/, 'slice', [setVal([s('a')]), 0, 1], 0);
});

test('set functions', () => {
  expectCall('set["1", "a"]', 'setunion', ['a'], [1]);
  expectCall('set["b"]', 'setintersection', ['a', 'b'], ['b', 'c']);
  expectCall('set[]', 'setintersection', ['a'], ['b']);
  expectCall('list[["a", 1], ["a", 2], ["b", 1], ["b", 2]]', 'setproduct', ['a', 'b'], [1, 2]);
  expectCall('set[["a", "x"], ["b", "x"]]', 'setproduct', setVal([s('a'), s('b')]), listVal([s('x')]));
  expectCall('list[]', 'setproduct', ['a'], []);
  expectError('at least two arguments are required', 'setproduct', [['a']]);
  expectError('a set or a list is required', 'setproduct', [['a'], 'b'], 1);
});
