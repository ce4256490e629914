/**
 * displayValue: `packer console`'s printing. Unit tests on built values, plus top-level printing checked
 * against Debian's packer 1.6.6 (the differential table covers the nested form).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { BigFloat } from '../../../src/hcl/number.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { NumberType, StringType } from '../../../src/hcl/types.js';
import { goQuote } from '../../../src/hcl/go-strings.js';
import { displayValue, formatGoFloatG } from '../../../src/hcl/value-display.js';
import {
  listVal,
  mapVal,
  markValue,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from '../../../src/hcl/values.js';
import { packerVersion } from './packer-console-oracle.js';

test('lists, sets and tuples: one element a line, trailing commas, nested indentation', () => {
  assert.equal(displayValue(tupleVal([])), '[]');
  assert.equal(displayValue(listVal([stringVal('a'), stringVal('b')])), '[\n  "a",\n  "b",\n]');
  assert.equal(displayValue(setVal([numberVal(2), numberVal(1)])), '[\n  1,\n  2,\n]');
  assert.equal(
    displayValue(tupleVal([tupleVal([numberVal(1), tupleVal([])]), nullVal(StringType)])),
    '[\n  [\n    1,\n    [],\n  ],\n  null,\n]',
  );
});

test('maps and objects: sorted quoted keys, null attributes left out', () => {
  assert.equal(displayValue(objectVal({})), '{}');
  assert.equal(displayValue(objectVal({ a: nullVal(StringType) })), '{}');
  assert.equal(
    displayValue(objectVal({ b: numberVal(1), a: objectVal({ 'x y': stringVal('z') }) })),
    '{\n  "a" = {\n    "x y" = "z"\n  }\n  "b" = 1\n}',
  );
  assert.equal(
    displayValue(mapVal({ é: numberVal(1), z: numberVal(2), Z: numberVal(3) })),
    '{\n  "Z" = 3\n  "z" = 2\n  "é" = 1\n}',
  );
});

test('strings: raw at top level, Go-quoted when nested', () => {
  assert.equal(displayValue(stringVal('a "b"\n')), 'a "b"\n');
  assert.equal(displayValue(stringVal('a "b"\n'), true), '"a \\"b\\"\\n"');
  assert.equal(
    goQuote('\u00a0\x07\x1b\x7f🎉\u200b\u0085\ufeff\\'),
    '"\\u00a0\\a\\x1b\\x7f🎉\\u200b\\u0085\\ufeff\\\\"',
  );
  assert.equal(goQuote('tab\there'), '"tab\\there"');
});

test('numbers: int64 as integers, other values as float64 %g', () => {
  assert.equal(displayValue(numberVal(BigFloat.parse('9223372036854775807')!)), '9223372036854775807');
  assert.equal(displayValue(numberVal(BigFloat.parse('9223372036854775808')!)), '9.223372036854776e+18');
  assert.equal(displayValue(numberVal(BigFloat.parse('-12')!)), '-12');
  assert.equal(displayValue(numberVal(BigFloat.POS_INF)), '+Inf');
  assert.equal(formatGoFloatG(1 / 3), '0.3333333333333333');
  assert.equal(formatGoFloatG(1e20), '1e+20');
  assert.equal(formatGoFloatG(1e6 + 0.5), '1.0000005e+06');
  assert.equal(formatGoFloatG(123456.5), '123456.5');
  assert.equal(formatGoFloatG(0.0001), '0.0001');
  assert.equal(formatGoFloatG(2e-5), '2e-05');
  assert.equal(formatGoFloatG(-1.5e-300), '-1.5e-300');
});

test('anything not wholly known prints as <unknown>; marks do not show', () => {
  assert.equal(displayValue(unknownVal(StringType)), '<unknown>');
  assert.equal(displayValue(tupleVal([numberVal(1), unknownVal(NumberType)])), '<unknown>');
  assert.equal(displayValue(markValue(stringVal('s'), 'sensitive')), 's');
});

// ---- top-level printing against packer console ----

const TOP_LEVEL = ['"plain"', '""', '"a\\r\\nb"', '"two\\nlines\\n"', 'null', 'true', '1.5', '{}', '[]'];

test('top-level printing matches packer console', {
  skip:
    packerVersion() === undefined
      ? 'packer is not installed (the differential test reports this as a failure)'
      : false,
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-display-'));
  try {
    fs.writeFileSync(path.join(dir, 't.pkr.hcl'), '');
    for (const expr of TOP_LEVEL) {
      const r = spawnSync('packer', ['console', 't.pkr.hcl'], {
        cwd: dir,
        input: `${expr}\n`,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: '1' },
      });
      const parsed = parseExpression(expr, '<console-input>');
      const ours = displayValue(nativeExpression(parsed.expr).value(undefined).value);
      // The console ends what it prints with a newline.
      assert.equal(`${ours}\n`, r.stdout, expr);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
