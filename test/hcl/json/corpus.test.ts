/**
 * The JSON parser on real files: every JSON file of the template corpus parses without diagnostics,
 * agrees with JSON.parse, and every node's byte range slices out exactly its own source text.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { parseJson } from '../../../src/hcl/json/index.js';
import type { JsonNode } from '../../../src/hcl/json/nodes.js';
import { parseJsonValue } from '../../../src/hcl/json/parser.js';
import { corpusTemplates } from '../corpus-files.js';

/** The node as JSON.parse would build it (a later duplicate property wins). */
function toJs(n: JsonNode): unknown {
  switch (n.kind) {
    case 'object':
      return Object.fromEntries(n.properties.map((p) => [p.name, toJs(p.value)]));
    case 'array':
      return n.values.map(toJs);
    case 'number':
      return Number(n.value.toString());
    case 'null':
      return null;
    case 'invalid':
      return undefined;
    default:
      return n.value;
  }
}

/** Checks that each node's bytes, decoded, are that node, and that lines match the byte offsets. */
function checkRanges(n: JsonNode, bytes: Buffer): void {
  const slice = bytes.subarray(n.range.start.byte, n.range.end.byte).toString('utf8');
  assert.deepEqual(JSON.parse(slice), toJs(n));
  const linesBefore = bytes.subarray(0, n.range.start.byte).toString('utf8').split('\n').length;
  assert.equal(n.range.start.line, linesBefore);
  if (n.kind === 'object') {
    for (const p of n.properties) {
      const name = bytes.subarray(p.nameRange.start.byte, p.nameRange.end.byte).toString('utf8');
      assert.equal(JSON.parse(name), p.name);
      checkRanges(p.value, bytes);
    }
  } else if (n.kind === 'array') {
    for (const v of n.values) checkRanges(v, bytes);
  }
}

const files = corpusTemplates('.json');

test('the corpus has JSON files', () => {
  assert.ok(files.length >= 6, `found ${files.length}`);
});

for (const { path: file, text: src } of files) {
  test(`parses ${path.basename(file)} exactly`, () => {
    const { diags } = parseJson(src, file);
    assert.deepEqual(diags, []);
    const { node } = parseJsonValue(src, file);
    assert.deepEqual(toJs(node), JSON.parse(src));
    checkRanges(node, Buffer.from(src, 'utf8'));
  });
}

test('columns count characters, not bytes, and tabs as two', () => {
  const { node } = parseJsonValue('{"é🤷": \t"x"}', 't.json');
  assert.ok(node.kind === 'object');
  const p = node.properties[0]!;
  assert.deepEqual([p.nameRange.end.column, p.nameRange.end.byte], [6, 9]);
  assert.deepEqual([p.value.range.start.column, p.value.range.start.byte], [10, 12]);
});
