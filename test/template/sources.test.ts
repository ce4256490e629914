import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HclBlock } from '../../src/hcl/hcl.js';
import { parseHclFile } from '../../src/hcl/parse.js';
import { decodeSources } from '../../src/template/sources.js';
import { corpusText, decodeTemplate, summaries } from './build-helpers.js';

const fixture = (name: string) => `hashicorp__packer/hcl2template__testdata__sources__${name}.pkr.hcl`;

function decodeFixture(name: string) {
  const f = fixture(name);
  return decodeTemplate({ [f]: corpusText(f) });
}

test('sources__untyped: "Missing type for source" at the block, with HCL\'s detail', () => {
  const { diags, sources } = decodeFixture('untyped');
  assert.deepEqual(summaries(diags), ['Missing type for source']);
  assert.equal(diags[0]!.detail, 'All source blocks must have 2 labels (type, name).');
  assert.equal(diags[0]!.subject?.start.line, 2);
  assert.equal(sources.size, 0);
});

test('sources__unnamed: "Missing name for source"', () => {
  const { diags } = decodeFixture('unnamed');
  assert.deepEqual(summaries(diags), ['Missing name for source']);
  assert.equal(diags[0]!.subject?.start.line, 2);
});

test('sources__duplicate: "Duplicate source block" at the second block, naming the first one', () => {
  const { diags, sources } = decodeFixture('duplicate');
  assert.deepEqual(summaries(diags), ['Duplicate source block']);
  const d = diags[0]!;
  assert.equal(d.subject?.start.line, 3);
  assert.equal(
    d.detail,
    `This source block has the same builder type and name as a previous block declared at ${fixture('duplicate')}:2,1-38. Each source must have a unique name per builder type.`,
  );
  assert.deepEqual([...sources.keys()], ['virtualbox-iso.ubuntu-1204']);
});

test('sources keep declaration order, their bodies undecoded, and the type label range', () => {
  const text = 'source "qemu" "b" { anything = 1 }\nsource "null" "a" {}\nsource "qemu" "a" {}\n';
  const { sources, diags } = decodeTemplate({ 't.pkr.hcl': text });
  assert.deepEqual(diags, []);
  assert.deepEqual([...sources.keys()], ['qemu.b', 'null.a', 'qemu.a']);
  const qemu = sources.get('qemu.b')!;
  assert.equal(qemu.type, 'qemu');
  assert.equal(qemu.name, 'b');
  assert.deepEqual(
    [qemu.typeRange?.start.column, qemu.typeRange?.end.column],
    [8, 14],
    'the type label, quotes included',
  );
  assert.ok(qemu.body.justAttributes().attributes.has('anything'));
});

test("blocks that bypassed the label schema get HCL's label diagnostics from decodeSources itself", () => {
  const parsed = parseHclFile('source "a" "b" "c" {}\nsource {}\n', 'x.pkr.hcl');
  // Read the blocks with a schema that accepts any labels, as a caller might.
  const raw = parsed.ast!.blocks.map(
    (b): HclBlock => ({
      type: b.type,
      labels: b.labels,
      body: parsed.file.body,
      defRange: b.typeRange,
      typeRange: b.typeRange,
      labelRanges: b.labelRanges,
    }),
  );
  const { sources, diags } = decodeSources(raw);
  assert.equal(sources.size, 0);
  assert.deepEqual(summaries(diags), ['Extraneous label for source', 'Missing type for source']);
  assert.equal(diags[0]!.subject?.start.column, 16, 'at the third label');
});
