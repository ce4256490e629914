import { test } from 'node:test';
import { DynamicType, StringType } from '../../../src/hcl/types.js';
import { nullVal, unknownVal } from '../../../src/hcl/values.js';
import { expectCall, expectError } from './helpers.js';

// Expected texts were checked against `packer console`.
test('format: number verbs use Go big.Float / big.Int formatting', () => {
  expectCall(
    '"1e+06| 3.14|1.234568e+05|1.234e-05|1E+21"',
    'format',
    '%v|%5.2f|%e|%g|%G',
    1000000,
    '3.14159',
    123456.789,
    0.00001234,
    1e21,
  );
  expectCall(
    '"00042|42   |+42|ff|0xff|FF|10|101|007"',
    'format',
    '%05d|%-5d|%+d|%x|%#x|%X|%o|%b|%.3d',
    42,
    42,
    42,
    255,
    255,
    255,
    8,
    5,
    7,
  );
  expectCall('"0.2|0|2.67|2"', 'format', '%.1f|%.0f|%.2f|%.0f', 0.25, 0.5, 2.675, 1.5);
  expectCall('"0.0e+00|0|100"', 'format', '%5.1e|%g|%g', 0, 0, 100);
  expectCall('"003.1"', 'format', '%05.1f', '3.14159');
  expectCall('"-3.10"', 'format', '%.2f', -3.1);
  expectCall('"   -7"', 'format', '%5d', -7);
  expectCall('"-0007"', 'format', '%05d', -7);
  expectCall('"42"', 'format', '%d', '42');
  expectCall('"123456789012345678901234567890"', 'format', '%d', '123456789012345678901234567890');
});

test('format: strings, %q, %v, %t and argument indexes', () => {
  expectCall(
    '"\\"a\\\\\\"b\\"|x|   ab|ab   |hé"',
    'format',
    '%q|%s|%5s|%-5s|%.2s',
    'a"b',
    'x',
    'ab',
    'ab',
    'héllo',
  );
  expectCall('"[1,\\"a\\",true]"', 'format', '%v', [1, 'a', true]);
  expectCall('"\\"x\\""', 'format', '%#v', 'x');
  expectCall('"{\\"a\\":1}"', 'format', '%v', { a: 1 });
  expectCall('"null"', 'format', '%v', null);
  expectCall('"b a"', 'format', '%[2]s %[1]s', 'a', 'b');
  expectCall('"true"', 'format', '%t', 'true');
  expectCall('"100%"', 'format', '100%%');
  expectCall('"5"', 'format', '%s', 5);
});

test('format: errors read as cty reports them', () => {
  expectError('invalid format string starting at offset 4', 'format', ['abc%']);
  expectError('unsupported value for "%d" at 0: an integer is required', 'format', ['%d', 1.5]);
  expectError('unsupported format verb \'z\' in "%z" at offset 0', 'format', ['%z', 1]);
  expectError('not enough arguments for "%s" at 3: need index 2 but have 1 total', 'format', ['%s %s', 'a']);
  expectError('too many arguments; only 1 used by format string', 'format', ['%s', 'a', 'b'], 2);
  expectError('too many arguments; no verbs in format string', 'format', ['x', 'a'], 1);
  expectError('unsupported value for "%s" at 0: null value cannot be formatted', 'format', ['%s', null]);
  expectError("unrecognized format character '!' at offset 3", 'format', ['ab%!']);
  expectError(/^unsupported value for "%d" at 0: a number is required/, 'format', ['%d', 'x']);
});

test('format: unknown arguments give an unknown string', () => {
  expectCall('unknown(string)', 'format', '%s', unknownVal(StringType));
  expectCall('unknown(string)', 'format', '%v', [unknownVal(StringType)]);
  expectCall('"null"', 'format', '%v', nullVal(DynamicType));
  expectCall('unknown(string)', 'format', '%v', unknownVal(DynamicType));
});

test('formatlist iterates over lists and repeats single values', () => {
  expectCall('list["a=1", "b=2"]', 'formatlist', '%s=%d', ['a', 'b'], [1, 2]);
  expectCall('list["x-a", "x-b"]', 'formatlist', '%s-%s', 'x', ['a', 'b']);
  expectCall('list["only"]', 'formatlist', 'only');
  expectCall('list[]', 'formatlist', '%s', []);
  expectCall('list["a", unknown(string)]', 'formatlist', '%s', ['a', unknownVal(StringType)]);
  expectError(
    'argument 2 has length 1, which is inconsistent with argument 1 of length 2',
    'formatlist',
    ['%s%s', ['a', 'b'], ['c']],
    2,
  );
  expectError(
    'error on format iteration 0: unsupported value for "%d" at 0: an integer is required',
    'formatlist',
    ['%d', [1.5]],
  );
});
