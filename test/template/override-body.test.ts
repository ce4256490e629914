import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HclAttribute } from '../../src/hcl/hcl.js';
import { parseHclFile } from '../../src/hcl/parse.js';
import { stringVal, valueToJs } from '../../src/hcl/values.js';
import { applyOverrides, valueExpression } from '../../src/template/override-body.js';

function parse(text: string) {
  return parseHclFile(text, 'p.pkr.hcl').file.body;
}

function attribute(name: string, value: string): HclAttribute {
  const range = parse('').missingItemRange();
  return { name, expr: valueExpression(stringVal(value), range), range, nameRange: range };
}

test("overrides replace the body's attributes and satisfy required ones", () => {
  const body = applyOverrides(
    parse('a = "base"\nb = "kept"\n'),
    new Map([
      ['a', attribute('a', 'over')],
      ['c', attribute('c', 'added')],
    ]),
  );
  const { content, diags } = body.content({
    attributes: [{ name: 'a' }, { name: 'b' }, { name: 'c', required: true }],
  });
  assert.deepEqual(diags, []);
  const values = Object.fromEntries(
    [...content.attributes].map(([k, a]) => [k, valueToJs(a.expr.value(undefined).value)]),
  );
  assert.deepEqual(values, { a: 'over', b: 'kept', c: 'added' });
});

test('an override naming no argument is "Unsupported argument", with a suggestion', () => {
  const body = applyOverrides(parse('inline = ["x"]\n'), new Map([['inlin', attribute('inlin', 'y')]]));
  const { diags } = body.content({ attributes: [{ name: 'inline' }] });
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail]),
    [['Unsupported argument', 'An argument named "inlin" is not expected here. Did you mean "inline"?']],
  );
});

test('partialContent hands the overrides it did not consume to the remaining body', () => {
  const body = applyOverrides(
    parse('a = "1"\nb = "2"\n'),
    new Map([
      ['a', attribute('a', 'A')],
      ['b', attribute('b', 'B')],
    ]),
  );
  const first = body.partialContent({ attributes: [{ name: 'a' }] });
  assert.equal(valueToJs(first.content.attributes.get('a')!.expr.value(undefined).value), 'A');
  const rest = first.remain.content({ attributes: [{ name: 'b' }] });
  assert.deepEqual(rest.diags, []);
  assert.equal(valueToJs(rest.content.attributes.get('b')!.expr.value(undefined).value), 'B');
  assert.equal(applyOverrides(parse(''), new Map()).missingItemRange().filename, 'p.pkr.hcl');
});
