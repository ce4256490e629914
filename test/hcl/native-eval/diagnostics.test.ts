/** Exact summaries, details and ranges of evaluation diagnostics, as HCL produces them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childContext, rootContext } from '../../../src/hcl/eval-context.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import { NumberType, objectOf, StringType } from '../../../src/hcl/types.js';
import {
  DynamicVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { diagText, evalSource, rangeText } from './helpers.js';

const ctx = rootContext({
  var: objectVal({ name: stringVal('web'), count: numberVal(2), tags: mapVal({ a: stringVal('1') }) }),
  list: listVal([stringVal('a'), stringVal('b')]),
  objs: listVal([objectVal({ id: numberVal(1) })]),
  set: setVal([stringVal('x')]),
  nothing: nullVal(StringType),
  str: stringVal('s'),
  unk: unknownVal(objectOf({ a: NumberType })),
});

function diags(src: string, c = ctx): string[] {
  return evalSource(src, c).diags.map(diagText);
}

test('unknown variables suggest close names from every scope', () => {
  assert.deepEqual(diags('vars.name'), [
    'Unknown variable: There is no variable named "vars". Did you mean "var"? @1,1-1,5',
  ]);
  const inner = childContext(ctx, { local: numberVal(1) });
  assert.deepEqual(diags('lokal + 1', inner), [
    'Unknown variable: There is no variable named "lokal". Did you mean "local"? @1,1-1,6',
  ]);
  assert.deepEqual(diags('lists', inner), [
    'Unknown variable: There is no variable named "lists". Did you mean "list"? @1,1-1,6',
  ]);
  assert.deepEqual(diags('x', {}), ['Variables not allowed: Variables may not be used here. @1,1-1,2']);
  // A scope without a variables table is transparent.
  assert.deepEqual(diags('var.name', childContext(ctx)), []);
});

test('attribute access errors point at the attribute step', () => {
  assert.deepEqual(diags('var.nme'), [
    'Unsupported attribute: This object does not have an attribute named "nme". @1,4-1,8',
  ]);
  assert.deepEqual(diags('var.tags.b'), [
    'Missing map element: This map does not have an element with the key "b". @1,9-1,11',
  ]);
  assert.deepEqual(diags('str.length'), [
    "Unsupported attribute: Can't access attributes on a primitive-typed value (string). @1,4-1,11",
  ]);
  assert.deepEqual(diags('objs.id'), [
    'Unsupported attribute: Can\'t access attributes on a list of objects. Did you mean to access attribute "id" for a specific element of the list, or across all elements of the list? @1,5-1,8',
  ]);
  assert.deepEqual(diags('nothing.x'), [
    'Attempt to get attribute from null value: This value is null, so it does not have any attributes. @1,8-1,10',
  ]);
  // Only the first failing step is reported.
  assert.deepEqual(diags('var.a.b.c'), [
    'Unsupported attribute: This object does not have an attribute named "a". @1,4-1,6',
  ]);
});

test('index errors explain what is wrong with the key', () => {
  assert.deepEqual(diags('list[2]'), [
    'Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection. @1,5-1,8',
  ]);
  assert.deepEqual(diags('[][0]'), [
    'Invalid index: The given key does not identify an element in this collection value: the collection has no elements. @1,3-1,6',
  ]);
  assert.deepEqual(diags('list[-1]'), [
    'Invalid index: The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence. @1,5-1,9',
  ]);
  assert.deepEqual(diags('list[0.5]'), [
    'Invalid index: The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part. @1,5-1,10',
  ]);
  assert.deepEqual(diags('list["x"]'), [
    'Invalid index: The given key does not identify an element in this collection value: a number is required. @1,5-1,10',
  ]);
  assert.deepEqual(diags('var[0]'), [
    'Invalid index: The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index. @1,4-1,7',
  ]);
  assert.deepEqual(diags('set[0]'), [
    "Invalid index: Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set. @1,4-1,7",
  ]);
  assert.deepEqual(diags('str[0]'), ['Invalid index: This value does not have any indices. @1,4-1,7']);
  assert.deepEqual(diags('nothing[0]'), [
    'Attempt to index null value: This value is null, so it does not have any indices. @1,8-1,11',
  ]);
  assert.deepEqual(diags('list[nothing]'), [
    "Invalid index: Can't use a null value as an indexing key. @1,5-1,14",
  ]);
});

test('index and attribute access on unknowns stay unknown with the right type', () => {
  const r = evalSource('unk.a', ctx);
  assert.deepEqual(r.diags, []);
  assert.ok(rawEquals(r.value, unknownVal(NumberType)));
  assert.ok(rawEquals(evalSource('unk["a"]', ctx).value, unknownVal(NumberType)));
  assert.ok(rawEquals(evalSource('list[unk.a]', ctx).value, unknownVal(StringType)));
  assert.ok(rawEquals(evalSource('["a", 1][unk.a]', ctx).value, DynamicVal));
  assert.deepEqual(diags('unk.b'), [
    'Unsupported attribute: This object does not have an attribute named "b". @1,4-1,6',
  ]);
});

test('template interpolation errors cover the part, in the context of the template', () => {
  const r = evalSource('"a ${nothing} b ${list} c"', ctx);
  assert.deepEqual(r.diags.map(diagText), [
    'Invalid template interpolation value: The expression result is null. Cannot include a null value in a string template. @1,6-1,13',
    'Invalid template interpolation value: Cannot include the given value in a string template: string required. @1,19-1,23',
  ]);
  assert.equal(rangeText(r.diags[0]!.context), '1,1-1,27');
  assert.ok(rawEquals(r.value, stringVal('a  b  c')) === false);
});

test('conditional diagnostics', () => {
  assert.deepEqual(diags('nothing == null ? 1 : "a"'), []);
  assert.deepEqual(diags('str ? 1 : 2'), [
    'Incorrect condition type: The condition expression must be of type bool. @1,1-1,4',
  ]);
  assert.deepEqual(diags('nothing ? 1 : 2'), [
    'Null condition: The condition value is null. Conditions must either be true or false. @1,1-1,8',
  ]);
  assert.deepEqual(diags('true ? 1 : {}'), [
    "Inconsistent conditional result types: The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is object. @1,8-1,14",
  ]);
  // Only the chosen branch's diagnostics are reported.
  assert.deepEqual(diags('true ? 1 : foo'), []);
  assert.deepEqual(diags('false ? 1 : foo'), [
    'Unknown variable: There is no variable named "foo". @1,13-1,16',
  ]);
});

test('operator diagnostics', () => {
  assert.deepEqual(diags('1 + "x"'), [
    'Invalid operand: Unsuitable value for right operand: a number is required. @1,5-1,8',
  ]);
  assert.deepEqual(diags('!"maybe"'), [
    'Invalid operand: Unsuitable value for unary operand: a bool is required. @1,2-1,9',
  ]);
  assert.deepEqual(diags('nothing + 1'), [
    'Operation failed: Error during operation: argument must not be null. @1,1-1,12',
  ]);
  assert.deepEqual(diags('true && "TRUE"'), [
    'Invalid operand: Unsuitable value for right operand: a bool is required; to convert from string, use lowercase "true". @1,9-1,15',
  ]);
});

test('for expression diagnostics', () => {
  assert.deepEqual(diags('[for x in nothing : x]'), [
    "Iteration over null value: A null value cannot be used as the collection in a 'for' expression. @1,11-1,18",
  ]);
  assert.deepEqual(diags('[for x in str : x]'), [
    "Iteration over non-iterable value: A value of type string cannot be used as the collection in a 'for' expression. @1,11-1,14",
  ]);
  assert.deepEqual(diags('{for x in ["a", "a"] : x => 1}'), [
    'Duplicate object key: Two different items produced the key "a" in this \'for\' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key. @1,24-1,25',
  ]);
  assert.deepEqual(diags('{for x in [1] : [x] => 1}'), [
    'Invalid object key: The key expression produced an invalid result: string required. @1,17-1,20',
  ]);
  assert.deepEqual(diags('[for x in [1, 2] : x if "yes"]'), [
    "Invalid 'for' condition: The 'if' clause value is invalid: a bool is required. @1,25-1,30",
  ]);
  assert.deepEqual(diags('[for x in [1, 2] : x if null]'), [
    "Condition is null: The value of the 'if' clause must not be null. @1,25-1,29",
  ]);
});

test('splat diagnostics', () => {
  assert.deepEqual(diags('objs[*].name'), [
    'Unsupported attribute: This object does not have an attribute named "name". @1,8-1,13',
  ]);
  assert.deepEqual(diags('tolist[*]', rootContext({ tolist: nullVal({ kind: 'list', elem: StringType }) })), [
    'Splat of null value: Splat expressions (with the * symbol) cannot be applied to null sequences. @1,1-1,7',
  ]);
});

test('object constructor key diagnostics', () => {
  assert.deepEqual(diags('{ a.b = 1 }'), [
    "Ambiguous attribute key: If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal. @1,3-1,6",
  ]);
  assert.deepEqual(diags('{ (nothing) = 1 }'), [
    "Null value as key: Can't use a null value as a key. @1,15-1,16",
  ]);
  assert.deepEqual(diags('{ (list) = 1 }'), [
    "Incorrect key type: Can't use this value as a key: string required. @1,3-1,9",
  ]);
  const r = evalSource('{ (var.name) = 1, count = var.count }', ctx);
  assert.deepEqual(r.diags, []);
  assert.ok(rawEquals(r.value, objectVal({ web: numberVal(1), count: numberVal(2) })));
  assert.ok(rawEquals(evalSource('{ (unk.a) = 1 }', ctx).value, DynamicVal));
  assert.ok(rawEquals(evalSource('[1, "a"]', ctx).value, tupleVal([numberVal(1), stringVal('a')])));
});
