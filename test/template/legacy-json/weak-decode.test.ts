import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../../src/hcl/convert.js';
import {
  BoolType,
  listOf,
  mapOf,
  NumberType,
  objectOf,
  StringType,
  type Type,
} from '../../../src/hcl/types.js';
import { hasMark, markValue, valueFromJs, valueToJs } from '../../../src/hcl/values.js';
import { attributeValueFor, weakValue } from '../../../src/template/legacy-json/index.js';
import { loadLegacyJsonTemplate } from '../../../src/template/legacy-json/load.js';

/** Weakly decoded then converted, as the plugin decoder does; undefined when conversion fails. */
function decode(js: unknown, want: Type): unknown {
  const r = convert(weakValue(valueFromJs(js), want), want);
  return r.ok ? valueToJs(r.value) : undefined;
}

describe('weakValue: mapstructure weak decoding with Packer’s string-to-slice hook', () => {
  const cases: [string, unknown, Type, unknown][] = [
    ['comma-separated string to list', 'a,b,c', listOf(StringType), ['a', 'b', 'c']],
    ['empty string to empty list', '', listOf(StringType), []],
    ['one string to list of one', 'a', listOf(StringType), ['a']],
    ['numbers in a list string', '1,2', listOf(NumberType), [1, 2]],
    ['a lone number to a list of one', 5, listOf(NumberType), [5]],
    ['"1" to true', '1', BoolType, true],
    ['"f" to false', 'f', BoolType, false],
    ['"" to false', '', BoolType, false],
    ['number to bool', 2, BoolType, true],
    ['"" to zero', '', NumberType, 0],
    ['"20" to 20', '20', NumberType, 20],
    ['true to 1', true, NumberType, 1],
    ['true to "1"', true, StringType, '1'],
    ['number to string', 48, StringType, '48'],
    ['nested: map of lists', { a: 'x,y' }, mapOf(listOf(StringType)), { a: ['x', 'y'] }],
    [
      'nested: object attributes',
      { n: '', b: '1' },
      objectOf({ n: NumberType, b: BoolType }),
      { n: 0, b: true },
    ],
    ['empty array to empty map', [], mapOf(StringType), {}],
    ['"yes" is still not a bool', 'yes', BoolType, undefined],
  ];
  for (const [name, input, want, expected] of cases) {
    it(name, () => assert.deepEqual(decode(input, want), expected));
  }

  it('keeps marks', () => {
    const v = weakValue(markValue(valueFromJs('a,b'), 'sensitive'), listOf(StringType));
    assert.ok(hasMark(v, 'sensitive'));
  });
});

describe('attributeValueFor', () => {
  it('weakly decodes legacy values, rendered first', () => {
    const { value } = loadLegacyJsonTemplate(
      't.json',
      JSON.stringify({
        variables: { regions: 'eu-west-1,us-east-1' },
        builders: [{ type: 'null', ami_regions: '{{user `regions`}}', headless: '1' }],
      }),
      { cwd: '/', env: {} },
    );
    const { attributes } = value.sources.get('null.null')!.body.justAttributes();
    const regions = attributeValueFor(attributes.get('ami_regions')!.expr, listOf(StringType), undefined);
    assert.deepEqual(decode(valueToJs(regions.value), listOf(StringType)), ['eu-west-1', 'us-east-1']);
    const headless = attributeValueFor(attributes.get('headless')!.expr, BoolType, undefined);
    assert.equal(valueToJs(headless.value), true);
  });
});
