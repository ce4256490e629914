import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  childContext,
  lookupFunction,
  lookupVariable,
  rootContext,
  visibleVariableNames,
} from '../../../src/hcl/eval-context.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import { numberVal, stringVal } from '../../../src/hcl/values.js';
import { testFunctions } from './helpers.js';

test('child scopes shadow parent variables and fall back to them', () => {
  const root = rootContext({ a: numberVal(1), b: numberVal(2) }, { upper: testFunctions.UpperFunc });
  const child = childContext(root, new Map([['a', stringVal('x')]]));
  assert.ok(rawEquals(lookupVariable(child, 'a').found!, stringVal('x')));
  assert.ok(rawEquals(lookupVariable(child, 'b').found!, numberVal(2)));
  assert.deepEqual(lookupVariable(child, 'c'), { anyTable: true });
  assert.equal(lookupFunction(child, 'upper').found, testFunctions.UpperFunc);
  assert.deepEqual(visibleVariableNames(child).sort(), ['a', 'a', 'b']);
});

test('a context chain without tables reports that none exist', () => {
  assert.deepEqual(lookupVariable(undefined, 'a'), { anyTable: false });
  assert.deepEqual(lookupVariable(childContext(childContext(undefined)), 'a'), { anyTable: false });
  assert.deepEqual(lookupFunction(rootContext({ a: numberVal(1) }), 'f'), { anyTable: false });
  // An empty table still counts: names are then "unknown" rather than "not allowed".
  assert.deepEqual(lookupVariable(rootContext({}), 'a'), { anyTable: true });
});
