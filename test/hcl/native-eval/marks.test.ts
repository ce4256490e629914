/** Marks (e.g. "sensitive") flow from every value a result depends on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootContext } from '../../../src/hcl/eval-context.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import { BoolType, NumberType, StringType } from '../../../src/hcl/types.js';
import {
  listVal,
  markValue,
  numberVal,
  objectVal,
  stringVal,
  True,
  tupleVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { assertNoDiags, evalSource } from './helpers.js';

const ctx = rootContext({
  secret: markValue(stringVal('pw'), 'sensitive'),
  n: markValue(numberVal(2), 'sensitive'),
  flag: markValue(True, 'sensitive'),
  obj: markValue(objectVal({ a: stringVal('x') }), 'sensitive'),
  list: markValue(listVal([numberVal(1), numberVal(2)]), 'sensitive'),
  unk: unknownVal(BoolType),
});

function value(src: string) {
  const r = evalSource(src, ctx);
  assertNoDiags(r.diags);
  return r.value;
}

const s = (v: Parameters<typeof markValue>[0]) => markValue(v, 'sensitive');

test('templates, operators and conditionals carry their operands marks', () => {
  assert.ok(rawEquals(value('"user:${secret}"'), s(stringVal('user:pw'))));
  assert.ok(rawEquals(value('n + 1'), s(numberVal(3))));
  assert.ok(rawEquals(value('-n'), s(numberVal(-2))));
  assert.ok(rawEquals(value('flag ? 1 : 2'), s(numberVal(1))));
  assert.ok(rawEquals(value('true ? 1 : n'), s(numberVal(1))));
  assert.ok(rawEquals(value('unk ? n : 1'), s(unknownVal(NumberType))));
  assert.ok(rawEquals(value('n == 2'), s(True)));
});

test('traversal of a marked collection marks the element', () => {
  assert.ok(rawEquals(value('obj.a'), s(stringVal('x'))));
  assert.ok(rawEquals(value('list[1]'), s(numberVal(2))));
  assert.ok(rawEquals(value('[for x in list : x]'), s(tupleVal([numberVal(1), numberVal(2)]))));
  // A lone interpolation passes its value through; with other parts it becomes a string.
  assert.ok(rawEquals(value('"${unk}"'), unknownVal(BoolType)));
  assert.ok(rawEquals(value('"a${unk}"'), unknownVal(StringType)));
});
