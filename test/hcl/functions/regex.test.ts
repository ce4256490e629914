import { test } from 'node:test';
import { StringType } from '../../../src/hcl/types.js';
import { unknownVal } from '../../../src/hcl/values.js';
import { expectCall, expectError } from './helpers.js';

test('regex: result shape follows the capture groups', () => {
  expectCall('"123"', 'regex', '[0-9]+', 'abc123def');
  expectCall('["12", null(string)]', 'regex', '(\\d+)-(\\d+)?', '12-');
  expectCall('{day="14", month="12"}', 'regex', '(?P<month>\\d+)/(?P<day>\\d+)', '12/14');
  expectCall('{k="v"}', 'regex', '(?<k>v)', 'v');
  expectError('pattern did not match any part of the given string', 'regex', ['x', 'y']);
  expectError(
    'invalid regexp pattern: cannot mix both named and unnamed capture groups',
    'regex',
    ['(?P<a>x)(y)', 'xy'],
    0,
  );
  expectCall('unknown(any)', 'regex', unknownVal(StringType), 'x');
});

test('regexall: every match, with Go empty-match rules', () => {
  expectCall('list["", "aaa", ""]', 'regexall', 'a*', 'baaab');
  expectCall('list["h", "t"]', 'regexall', '\\b\\w', 'hi there');
  expectCall('list[]', 'regexall', 'z', 'abc');
  expectCall('list[["a", "1"], ["b", "2"]]', 'regexall', '(\\w)=(\\d)', 'a=1, b=2');
  expectCall('unknown(list(any))', 'regexall', unknownVal(StringType), 'x');
});

test('RE2 syntax is translated to JavaScript', () => {
  expectCall('"abc"', 'regex', '[[:alpha:]]+', '123abc');
  expectCall('"hello"', 'regex', '(?i)HELLO', 'say hello');
  expectCall('"a\\nb"', 'regex', '(?s).+', 'a\nb');
  expectCall('"éa"', 'regex', '\\pL+', '1éa');
  expectCall('"bc"', 'regex', '[^]a]+', ']]bc');
  expectCall('"a.b"', 'regex', '\\Qa.b\\E', 'xa.b');
  expectCall('"a-b"', 'regex', 'a\\-b', 'a-b');
  expectCall('"{x}"', 'regex', '{x}', '{x}');
  expectCall('" "', 'regex', '\\s', 'a\u00a0 b'); // RE2's \s is ASCII only
  expectCall('"A"', 'regex', '\\x41', 'A');
  expectCall('"😀"', 'regex', '\\x{1F600}', 'x😀');
  expectCall('"ab"', 'regex', '\\Aab\\z', 'ab');
  expectCall('"12!"', 'regex', '[[:^alpha:]]+', 'ab12!c');
  expectCall('"HELLO"', 'regex', '^(?i)hello', 'HELLO there'); // flags after flag-neutral text
  expectCall('"12-AB"', 'regex', '[0-9]+-(?i)ab', '12-AB');
  expectError(
    'invalid regexp pattern: flags after the start of the pattern are not supported on this platform in (?i)',
    'regex',
    ['abc(?i)x', 'abcX'],
    0,
  );
  expectCall('"ab"', 'regex', '[\\S]+', ' ab c');
  expectCall('"1 2"', 'regex', '[\\d\\s]+', 'a1 2b');
  expectCall('"# "', 'regex', '\\#\\ ', 'x# y');
  expectCall('"αβγ"', 'regex', '\\p{Greek}+', 'xαβγ');
  expectCall('"a{,2}"', 'regex', 'a{,2}', 'a{,2}');
});

test('RE2 rejects what Go rejects', () => {
  expectError(
    'invalid regexp pattern: invalid or unsupported Perl syntax in (?=',
    'regex',
    ['(?=x)', 'x'],
    0,
  );
  expectError('invalid regexp pattern: missing closing ) in (a', 'regex', ['(a', 'x'], 0);
  expectError('invalid regexp pattern: unexpected ) in a)', 'regex', ['a)', 'x'], 0);
  expectError('invalid regexp pattern: invalid escape sequence in \\1', 'regex', ['\\1', 'x'], 0);
  expectError('invalid regexp pattern: invalid nested repetition operator in **', 'regex', ['a**', 'x'], 0);
  expectError('invalid regexp pattern: missing argument to repetition operator in *', 'regex', ['*', 'x'], 0);
  expectError('invalid regexp pattern: invalid repeat count in {2000}', 'regex', ['a{2000}', 'x'], 0);
  expectError('error parsing regexp: missing closing ): `(`', 'regex_replace', ['x', '(', '']);
  expectError(
    'invalid regexp pattern: invalid character class range in [:constructor:]',
    'regex',
    ['[[:constructor:]]', 'x'],
    0,
  );
});

test('regex_replace expands $n and $name references as Go does', () => {
  expectCall('"-b-b-"', 'regex_replace', 'baaab', 'a*', '-');
  expectCall('"a$c"', 'regex_replace', 'abc', '(b)', '$1x1y$$');
  expectCall('"a<b>c"', 'regex_replace', 'abc', '(b)', '<$' + '{1}>');
  expectCall('"a[b]c"', 'regex_replace', 'abc', '(?P<mid>b)', '[$mid]');
  expectCall('"hell[o] w[o]rld"', 'regex_replace', 'hello world', '(o)', '[$1]');
  expectCall('"a$"', 'regex_replace', 'ab', 'b', '$');
});
