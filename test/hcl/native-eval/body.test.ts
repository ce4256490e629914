import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BodySchema } from '../../../src/hcl/hcl.js';
import { nativeBody } from '../../../src/hcl/native/body.js';
import { parseConfig } from '../../../src/hcl/native/parser.js';
import { asString } from '../../../src/hcl/values.js';
import { assertNoDiags, diagText, rangeText } from './helpers.js';

function bodyOf(src: string) {
  const { body, diags } = parseConfig(src, 'test.pkr.hcl');
  assertNoDiags(diags);
  return nativeBody(body);
}

const schema: BodySchema = {
  attributes: [{ name: 'name', required: true }, { name: 'count' }],
  blocks: [
    { type: 'source', labelNames: ['type', 'name'] },
    { type: 'provisioner', labelNames: ['type'] },
    { type: 'locals' },
  ],
};

test('content decodes attributes and keeps blocks in source order', () => {
  const body = bodyOf(`name = "x"
provisioner "shell" {}
source "qemu" "a" {}
provisioner "file" {}
`);
  const { content, diags } = body.content(schema);
  assertNoDiags(diags);
  assert.equal(asString(content.attributes.get('name')!.expr.value(undefined).value), 'x');
  assert.equal(rangeText(content.attributes.get('name')!.nameRange), '1,1-1,5');
  assert.deepEqual(
    content.blocks.map((b) => `${b.type}:${b.labels.join('/')}`),
    ['provisioner:shell', 'source:qemu/a', 'provisioner:file'],
  );
  assert.equal(rangeText(content.blocks[1]!.defRange), '3,1-3,18');
});

test('unsupported argument suggests a close name, or a block of that name', () => {
  const body = bodyOf(`name = "x"
cuont = 1
locals = 2
`);
  const { diags } = body.content(schema);
  assert.deepEqual(diags.map(diagText), [
    'Unsupported argument: An argument named "cuont" is not expected here. Did you mean "count"? @2,1-2,6',
    'Unsupported argument: An argument named "locals" is not expected here. Did you mean to define a block of type "locals"? @3,1-3,7',
  ]);
});

test('suggestions exclude arguments already defined', () => {
  const body = bodyOf(`name = "x"
nam = 1
`);
  const { diags } = body.content(schema);
  assert.deepEqual(diags.map(diagText), [
    'Unsupported argument: An argument named "nam" is not expected here. @2,1-2,4',
  ]);
});

test('unsupported block type suggests a close type, or an argument of that name', () => {
  const body = bodyOf(`name = "x"
sorce "a" "b" {}
count {}
`);
  const { diags } = body.content(schema);
  assert.deepEqual(diags.map(diagText), [
    'Unsupported block type: Blocks of type "sorce" are not expected here. Did you mean "source"? @2,1-2,6',
    'Unsupported block type: Blocks of type "count" are not expected here. Did you mean to define argument "count"? If so, use the equals sign to assign it a value. @3,1-3,6',
  ]);
});

test('missing required argument points at the start of the body', () => {
  const { body } = parseConfig(
    `block {
  count = 1
}
`,
    'test.pkr.hcl',
  );
  const inner = nativeBody(body).content({ blocks: [{ type: 'block' }] }).content.blocks[0]!.body;
  const { diags } = inner.content(schema);
  assert.deepEqual(diags.map(diagText), [
    'Missing required argument: The argument "name" is required, but no definition was found. @1,7-1,7',
  ]);
});

test('label count errors point at the extra label or the opening brace', () => {
  const body = bodyOf(`name = "x"
source "qemu" {}
source "qemu" "a" "b" {}
locals "x" {}
`);
  const { content, diags } = body.content(schema);
  assert.equal(content.blocks.length, 0);
  assert.deepEqual(diags.map(diagText), [
    'Missing name for source: All source blocks must have 2 labels (type, name). @2,15-2,16',
    'Extraneous label for source: Only 2 labels (type, name) are expected for source blocks. @3,19-3,22',
    'Extraneous label for locals: No labels are expected for locals blocks. @4,8-4,11',
  ]);
  assert.equal(rangeText(diags[0]!.context), '2,1-2,16');
});

test('partialContent hides what it consumed; content of the remainder reports only leftovers', () => {
  const body = bodyOf(`name = "x"
extra = 1
source "a" "b" {}
other {}
`);
  const first = body.partialContent({
    attributes: [{ name: 'name' }],
    blocks: [{ type: 'source', labelNames: ['t', 'n'] }],
  });
  assertNoDiags(first.diags);
  assert.equal(first.content.blocks.length, 1);
  const second = first.remain.content({ attributes: [{ name: 'extra' }, { name: 'name', required: true }] });
  assert.deepEqual(second.diags.map(diagText), [
    'Missing required argument: The argument "name" is required, but no definition was found. @1,1-1,1',
    'Unsupported block type: Blocks of type "other" are not expected here. @4,1-4,6',
  ]);
  assert.ok(second.content.attributes.has('extra'));
  const attrs = first.remain.justAttributes();
  assert.deepEqual([...attrs.attributes.keys()], ['extra']);
});

test('justAttributes reports the first block but still returns attributes', () => {
  const body = bodyOf(`a = 1
b = 2
nested {}
more {}
`);
  const { attributes, diags } = body.justAttributes();
  assert.deepEqual([...attributes.keys()], ['a', 'b']);
  assert.deepEqual(diags.map(diagText), ['Unexpected "nested" block: Blocks are not allowed here. @3,1-3,7']);
});

test('a redefined attribute is reported by the parser and the first definition wins', () => {
  const { body, diags } = parseConfig('a = 1\na = 2\n', 'test.pkr.hcl');
  assert.equal(diags[0]?.summary, 'Attribute redefined');
  const attrs = nativeBody(body).justAttributes().attributes;
  assert.equal(rangeText(attrs.get('a')!.range), '1,1-1,6');
});
