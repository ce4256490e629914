import { test } from 'node:test';
import { DynamicType, StringType } from '../../../src/hcl/types.js';
import { markValue, nullVal, unknownVal } from '../../../src/hcl/values.js';
import { expectCall, expectError } from './helpers.js';

test('case and whitespace functions follow Go strings', () => {
  expectCall('"HELLO ÉTÉ"', 'upper', 'hello été');
  expectCall('"straße"', 'lower', 'STRAßE');
  expectCall('"ß"', 'upper', 'ß'); // Go has no multi-character case mappings
  expectCall('"Hello World-Wide_web"', 'title', 'hello world-wide_web');
  expectCall('"ǅemo Émile O\'Neil X-Ray"', 'title', "ǆemo émile o'neil x-ray");
  expectCall('"ασ i"', 'lower', 'ΑΣ İ');
  expectError('panic in function implementation: strings: negative Repeat count', 'indent', [-1, 'a\nb']);
  expectCall('"x y"', 'trimspace', ' \t\n\u00a0x y\u2003\r\n');
  expectCall('"\ufeffx"', 'trimspace', '\ufeffx'); // a BOM is not white space in Go
  expectCall('"hello"', 'trim', '?!hello?!', '!?');
  expectCall('"world"', 'trimprefix', 'helloworld', 'hello');
  expectCall('"helloworld"', 'trimprefix', 'helloworld', 'x');
  expectCall('"hello"', 'trimsuffix', 'helloworld', 'world');
  expectCall('"hello"', 'chomp', 'hello\r\n\n\r');
  expectCall('"hel\\nlo"', 'chomp', 'hel\nlo\n');
  expectCall('"a\\n    b\\n    c"', 'indent', 4, 'a\nb\nc');
  expectError(/value must be a whole number/, 'indent', [1.5, 'a']);
});

test('predicates and literal replacement', () => {
  expectCall('true', 'startswith', 'hello world', 'hello');
  expectCall('false', 'startswith', 'hello world', 'world');
  expectCall('true', 'endswith', 'hello world', 'world');
  expectCall('true', 'strcontains', 'hello world', 'o w');
  expectCall('false', 'strcontains', 'hello world', 'x');
  expectCall('"1 + 2 + 3"', 'replace', '1+2+3', '+', ' + ');
  expectCall('"a/b"', 'replace', 'a/b', '/b/', 'c'); // not a regex in Packer
  expectCall('"-a-b-"', 'replace', 'ab', '', '-');
});

test('split, join and sort', () => {
  expectCall('list["a", "b", "", "c"]', 'split', ',', 'a,b,,c');
  expectCall('list[""]', 'split', ',', '');
  expectCall('list["a", "é", "😀"]', 'split', '', 'aé😀');
  expectCall('"a-b-c"', 'join', '-', ['a', 'b'], ['c']);
  expectCall('"1, true"', 'join', ', ', [1, true]);
  expectError('at least one list is required', 'join', ['-']);
  expectError('element 1 is null; cannot concatenate null values', 'join', ['-', ['a', null]], 1);
  expectError('element 0 of list 2 is null; cannot concatenate null values', 'join', ['-', ['a'], [null]], 2);
  expectCall('unknown(string)', 'join', '-', ['a', unknownVal(StringType)]);
  expectCall('list["B", "a", "b", "é", "😀"]', 'sort', ['😀', 'é', 'b', 'a', 'B']);
  expectCall('list["1", "10", "9"]', 'sort', [10, 9, 1]);
  expectCall('unknown(list(string))', 'sort', ['a', unknownVal(StringType)]);
});

test('strrev and substr work on grapheme clusters', () => {
  expectCall('"olleh"', 'strrev', 'hello');
  expectCall('"🇬🇧\u00e9a"', 'strrev', 'ae\u0301🇬🇧');
  expectCall('"ell"', 'substr', 'hello', 1, 3);
  expectCall('"llo"', 'substr', 'hello', 2, -1);
  expectCall('"lo"', 'substr', 'hello', -2, 10);
  expectCall('"o"', 'substr', 'hello', -1, 0); // cty quirk: negative offset with length 0
  expectCall('""', 'substr', 'hello', 1, 0);
  expectCall('""', 'substr', 'hello', 10, 2);
  expectCall('""', 'substr', 'hello', 5, 2);
  expectCall('"é"', 'substr', 'e\u0301x', 0, 1);
  expectError(/value must be a whole number, between -9223372036854775808 and/, 'substr', ['abc', 0.5, 1]);
});

test('argument handling: conversion, nulls, unknowns, marks', () => {
  expectCall('"12"', 'upper', 12);
  expectCall('"TRUE"', 'upper', true);
  expectError('argument must not be null', 'upper', [nullVal(StringType)], 0);
  expectError(/^string required/, 'upper', [['a']], 0);
  expectCall('unknown(string)', 'upper', unknownVal(StringType));
  expectCall('unknown(string)', 'upper', unknownVal(DynamicType));
  expectCall('"ABC"@sensitive', 'upper', markValue(knownString('abc'), 'sensitive'));
  expectError('wrong number of arguments (1 required; 2 given)', 'upper', ['a', 'b']);
});

function knownString(s: string) {
  return { type: StringType, state: 'known', v: s } as const;
}
