import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { BodySchema, HclBody } from '../../../src/hcl/hcl.js';
import { parseJson } from '../../../src/hcl/json/index.js';
import { templatesDir } from '../corpus-files.js';
import { at } from './range-text.js';

function body(src: string): HclBody {
  const { body, diags } = parseJson(src, 'test.json');
  assert.deepEqual(diags, []);
  return body;
}

test('missing-item range: the closing brace of an object, the opening bracket of an array', () => {
  const cases: [string, string, number][] = [
    ['{}', '1,2,1-1,3,2', 0],
    ['[]', '1,1,0-1,2,1', 0],
    ['[{}]', '1,1,0-1,2,1', 0],
    ['[[]]', '1,1,0-1,2,1', 1], // elements of a root array must be objects
    ['{"//": "comment that should be ignored"}', '1,40,39-1,41,40', 0],
    ['{"//": "comment that should be ignored", "//": "another comment"}', '1,65,64-1,66,65', 0],
  ];
  for (const [src, missing, diagCount] of cases) {
    const { content, diags } = body(src).partialContent({});
    assert.equal(at(content.missingItemRange), missing, src);
    assert.equal(diags.length, diagCount, src);
    assert.equal(content.attributes.size, 0);
    assert.equal(content.blocks.length, 0);
  }
});

test('attributes come from properties named in the schema, with exact ranges', () => {
  for (const src of ['{"name":"Ermintrude"}', '[{"name":"Ermintrude"}]']) {
    const { content, diags } = body(src).partialContent({ attributes: [{ name: 'name' }] });
    assert.equal(diags.length, 0);
    const attr = content.attributes.get('name')!;
    const offset = src.startsWith('[') ? 1 : 0;
    assert.equal(attr.name, 'name');
    assert.equal(at(attr.nameRange), `1,${2 + offset},${1 + offset}-1,${8 + offset},${7 + offset}`);
    assert.equal(at(attr.range), `1,${2 + offset},${1 + offset}-1,${21 + offset},${20 + offset}`);
    assert.equal(at(attr.expr.range), `1,${9 + offset},${8 + offset}-1,${21 + offset},${20 + offset}`);
  }
  const twice = body('[{"name":"Ermintrude"},{"name":"Ermintrude"}]').partialContent({
    attributes: [{ name: 'name' }],
  });
  assert.equal(twice.diags.length, 1);
  assert.equal(twice.diags[0]!.summary, 'Duplicate argument');
  assert.equal(twice.diags[0]!.detail, 'The argument "name" was already set at test.json:1,3-22.');
  assert.equal(at(twice.diags[0]!.subject!), '1,25,24-1,31,30');
});

test('a missing required attribute is reported at the missing-item range', () => {
  const { diags } = body('{"name":"Ermintrude"}').partialContent({
    attributes: [{ name: 'age', required: true }],
  });
  assert.equal(diags.length, 1);
  assert.equal(diags[0]!.summary, 'Missing required argument');
  assert.equal(at(diags[0]!.subject!), '1,21,20-1,22,21');
});

test('blocks: null is none, an object is one, an array is several', () => {
  const schema: BodySchema = { blocks: [{ type: 'resource' }] };
  assert.equal(body('{"resource": null}').partialContent(schema).content.blocks.length, 0);
  const one = body('{"resource":{}}').partialContent(schema).content.blocks;
  assert.equal(one.length, 1);
  assert.equal(at(one[0]!.typeRange), '1,2,1-1,12,11');
  assert.equal(at(one[0]!.defRange), '1,13,12-1,14,13');
  const two = body('{"resource":[{},{}]}').partialContent(schema).content.blocks;
  assert.equal(two.length, 2);
  assert.equal(at(two[1]!.defRange), '1,13,12-1,14,13');
  // A nested null inside a label-less block body is just an unknown property there.
  const nested = body('{"resource": { "nested": null }}').partialContent(schema);
  assert.equal(nested.content.blocks.length, 1);
  assert.equal(nested.content.blocks[0]!.body.content({}).diags.length, 1);
});

test('labels are nested object levels', () => {
  const schema: BodySchema = { blocks: [{ type: 'resource', labelNames: ['type', 'name'] }] };
  const { content, diags } = body('{"resource":{"foo_instance":{"bar":{}}}}').partialContent(schema);
  assert.equal(diags.length, 0);
  const [b] = content.blocks;
  assert.deepEqual(b!.labels, ['foo_instance', 'bar']);
  assert.deepEqual(b!.labelRanges.map(at), ['1,14,13-1,28,27', '1,30,29-1,35,34']);
  assert.equal(at(b!.defRange), '1,36,35-1,37,36');
  const several = body('{"resource":{"foo_instance":[{"bar":{}}, {"bar":{}}]}}').partialContent(schema);
  assert.equal(several.content.blocks.length, 2);
  assert.equal(at(several.content.blocks[1]!.labelRanges[1]!), '1,43,42-1,48,47');

  const missing = body('{"resource":{}}').partialContent(schema);
  assert.equal(missing.diags[0]!.summary, 'Missing block label');
  assert.equal(
    missing.diags[0]!.detail,
    "At least one object property is required, whose name represents the resource block's type.",
  );
  const wrong = body('{"resource": true}').partialContent({ blocks: [{ type: 'resource' }] });
  assert.equal(wrong.diags[0]!.summary, 'Incorrect JSON value type');
});

test('content() reports leftover properties, suggesting close names', () => {
  assert.equal(body('{"unknown": true}').content({}).diags[0]!.summary, 'Extraneous JSON object property');
  assert.equal(body('{"//": "comment"}').content({}).diags.length, 0);
  const one = body('{"unknow": true}').content({ attributes: [{ name: 'unknown' }] }).diags;
  assert.equal(one.length, 1);
  assert.equal(one[0]!.detail, 'No argument or block type is named "unknow". Did you mean "unknown"?');
  assert.equal(at(one[0]!.subject!), '1,2,1-1,10,9');
  assert.equal(at(one[0]!.context!), '1,2,1-1,16,15');
  const two = body('{"unknow": true, "unnown": true}').content({ attributes: [{ name: 'unknown' }] }).diags;
  assert.equal(two.length, 2);
});

test('partialContent hides what it consumed from the remaining body', () => {
  const b = body('{"a": 1, "b": 2, "c": {}}');
  const { content, remain } = b.partialContent({ attributes: [{ name: 'a' }] });
  assert.deepEqual([...content.attributes.keys()], ['a']);
  const rest = remain.content({ attributes: [{ name: 'b' }], blocks: [{ type: 'c' }] });
  assert.deepEqual(rest.diags, []);
  assert.deepEqual([...rest.content.attributes.keys()], ['b']);
  assert.equal(rest.content.blocks.length, 1);
  assert.deepEqual([...remain.justAttributes().attributes.keys()], ['b', 'c']);
});

test('justAttributes reads every property of an object', () => {
  assert.equal(body('{}').justAttributes().attributes.size, 0);
  const one = body('{"foo": true}').justAttributes();
  assert.equal(at(one.attributes.get('foo')!.range), '1,2,1-1,13,12');
  assert.equal(body('{"//": "comment"}').justAttributes().attributes.size, 0);
  const dup = body('{"foo": true, "foo": true}').justAttributes();
  assert.equal(dup.diags.length, 1);
  assert.equal(dup.diags[0]!.summary, 'Duplicate attribute definition');
  const arr = body('[{"foo": true}]').justAttributes();
  assert.equal(arr.diags[0]!.summary, 'Incorrect JSON value type');
});

test('a Packer JSON template: repeated property names are repeated blocks in document order', () => {
  const file = path.join(
    templatesDir,
    'hashicorp__packer/command__test-fixtures__build-only__template.pkr.json',
  );
  const root = body(readFileSync(file, 'utf8'));
  const top = root.content({
    blocks: [{ type: 'source', labelNames: ['type', 'name'] }, { type: 'build' }],
  });
  assert.deepEqual(top.diags, []);
  const sources = top.content.blocks.filter((b) => b.type === 'source');
  assert.deepEqual(
    sources.map((b) => b.labels),
    [
      ['file', 'chocolate'],
      ['file', 'vanilla'],
      ['file', 'cherry'],
    ],
  );
  const build = top.content.blocks.find((b) => b.type === 'build')!;
  const inner = build.body.content({
    attributes: [{ name: 'sources' }],
    blocks: [
      { type: 'provisioner', labelNames: ['type'] },
      { type: 'post-processor', labelNames: ['type'] },
    ],
  });
  assert.deepEqual(inner.diags, []);
  const list = inner.content.attributes.get('sources')!.expr.staticList()!;
  assert.equal(list.length, 3);
  const pps = inner.content.blocks.filter((b) => b.type === 'post-processor');
  assert.equal(pps.length, 5);
  const names = pps.map((b) => b.body.justAttributes().attributes.get('name')?.expr.value(undefined).value);
  assert.deepEqual(
    names.map((v) => (v && v.state === 'known' ? v.v : undefined)),
    ['peach', 'pear', 'banana', 'tomato', undefined],
  );
});

test('a string where a block is expected is an error', () => {
  const { content, diags } = body('{"name":"Ermintrude"}').partialContent({ blocks: [{ type: 'name' }] });
  assert.equal(content.blocks.length, 0);
  assert.equal(diags.length, 1);
  assert.equal(
    diags[0]!.detail,
    'Either a JSON object or a JSON array is required, representing the contents of one or more "name" blocks.',
  );
  assert.equal(at(diags[0]!.subject!), '1,9,8-1,21,20');
});
