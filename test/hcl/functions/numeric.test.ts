import { test } from 'node:test';
import { NumberType } from '../../../src/hcl/types.js';
import { markValue, numberVal, unknownVal } from '../../../src/hcl/values.js';
import { expectCall, expectError } from './helpers.js';

// Expected texts were checked against `packer console`.
test('abs, ceil, floor, signum', () => {
  expectCall('3.5', 'abs', -3.5);
  expectCall('3.5@sensitive', 'abs', markValue(numberVal(-3.5), 'sensitive'));
  expectCall('2', 'ceil', 1.2);
  expectCall('-1', 'ceil', -1.5);
  expectCall('-2', 'floor', -1.5);
  expectCall('5', 'floor', 5);
  expectCall('-1', 'signum', -3);
  expectCall('0', 'signum', 0);
  expectError(
    'value must be a whole number, between -9223372036854775808 and 9223372036854775807',
    'signum',
    [0.5],
  );
});

test('log and pow use float64 arithmetic', () => {
  expectCall('4', 'log', 16, 2);
  expectCall('-Inf', 'log', 0, 10);
  expectCall('+Inf', 'log', 10, 1);
  expectError('panic in function implementation: Float.SetFloat64(NaN)', 'log', [-1, 10]);
  expectCall('1.4142135623730951', 'pow', 2, 0.5);
  expectCall('+Inf', 'pow', 0, -1);
  expectCall('+Inf', 'pow', 10, 400);
  expectCall('1024', 'pow', 2, 10);
});

test('min and max', () => {
  expectCall('3', 'max', 1, 2.5, '3');
  expectCall('-1', 'min', 1, -1, 0);
  expectError('must pass at least one number', 'max', []);
  expectCall('unknown(number)', 'max', 1, unknownVal(NumberType));
});

test('parseint', () => {
  expectCall('255', 'parseint', 'FF', 16);
  expectCall('2205', 'parseint', 'zz', 62);
  expectCall('-10', 'parseint', '-1010', 2);
  expectCall('123456789012345678901234567890', 'parseint', '123456789012345678901234567890', 10);
  expectError('base must be a whole number between 2 and 62 inclusive', 'parseint', ['12', 1], 1);
  expectError('first argument must be a string, not number', 'parseint', [12, 10], 0);
  expectError('cannot parse "-0x1f" as a base 16 integer', 'parseint', ['-0x1f', 16], 0);
  expectError('cannot parse "1_000" as a base 10 integer', 'parseint', ['1_000', 10], 0);
  expectError('cannot parse "" as a base 10 integer', 'parseint', ['', 10], 0);
});

test('sum (Packer)', () => {
  expectCall('6.5', 'sum', [1, '2', 3.5]);
  expectCall('3', 'sum', [1, 2]);
  expectError('cannot sum an empty list', 'sum', [[]], 0);
  expectError('cannot sum noniterable', 'sum', ['a'], 0);
  expectError('argument must be list, set, or tuple. Received object', 'sum', [{ a: 1 }], 0);
  expectError('argument must be list, set, or tuple of number values', 'sum', [[1, 'x']], 0);
  expectCall('unknown(number)', 'sum', [1, unknownVal(NumberType)]);
});
