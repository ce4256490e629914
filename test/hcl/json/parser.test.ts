import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJson } from '../../../src/hcl/json/index.js';
import type { JsonNode } from '../../../src/hcl/json/nodes.js';
import { parseJsonValue } from '../../../src/hcl/json/parser.js';
import { decodeJsonString } from '../../../src/hcl/json/string-literal.js';
import { at } from './range-text.js';

function parse(src: string): { node: JsonNode; diags: number; summaries: string[] } {
  const { node, diags } = parseJsonValue(src, 'test.json');
  return { node, diags: diags.length, summaries: diags.map((d) => d.summary) };
}

test('single-token values and their ranges', () => {
  const t = parse('true');
  assert.equal(t.node.kind, 'bool');
  assert.equal(at(t.node.range), '1,1,0-1,5,4');
  assert.equal(parse('false').node.kind, 'bool');
  assert.equal(parse('null').node.kind, 'null');
  const s = parse('"hello \\"world\\""');
  assert.equal(s.node.kind === 'string' && s.node.value, 'hello "world"');
  assert.equal(at(s.node.range), '1,1,0-1,18,17');
  const n = parse('1.2e-5');
  assert.equal(n.node.kind === 'number' && n.node.value.toString(), '0.000012');
  assert.equal(at(n.node.range), '1,1,0-1,7,6');
  assert.equal(parse('-1').node.kind === 'number', true);
});

test('invalid single values give an invalid node and one diagnostic', () => {
  for (const [src, end] of [
    ['undefined', '1,10,9'],
    ['flase', '1,6,5'],
    ['"hello', '1,7,6'],
    ['"he\\llo"', '1,9,8'],
    ['.1', '1,3,2'],
    ['+2', '1,3,2'],
  ] as const) {
    const r = parse(src);
    assert.equal(r.node.kind, 'invalid', src);
    assert.equal(at(r.node.range), `1,1,0-${end}`, src);
    assert.equal(r.diags, 1, src);
  }
});

test('keyword diagnostics suggest the intended keyword', () => {
  const { diags } = parseJsonValue('True', 'test.json');
  assert.equal(diags[0]!.summary, 'Invalid JSON keyword');
  assert.equal(diags[0]!.detail, '"True" is not a valid JSON keyword. Did you mean "true"?');
  const js = parseJsonValue('NaN', 'test.json').diags[0]!;
  assert.equal(js.detail, 'The JavaScript identifier "NaN" cannot be used in JSON.');
});

test('string errors point where a strict JSON scanner stops', () => {
  // Go's encoding/json reports one past the bad byte; HCL adds that to the token start.
  const bad = parseJsonValue('  "he\\llo"', 'test.json').diags[0]!;
  assert.equal(bad.summary, 'Invalid JSON string');
  assert.equal(at(bad.subject!), '1,8,7-1,9,8');
  assert.equal(at(bad.context!), '1,3,2-1,11,10');
  assert.deepEqual(decodeJsonString('"a\\u00e9\\ud83d\\ude00\\ud800x"'), { ok: true, value: 'aé😀\ufffdx' });
  assert.deepEqual(decodeJsonString('"ab'), { ok: false, offset: 3 });
  assert.deepEqual(decodeJsonString('"\\u12g4"'), { ok: false, offset: 6 });
});

test('extra data after the value', () => {
  const r = parseJsonValue('1 2', 'test.json');
  assert.equal(r.node.kind, 'number');
  assert.equal(r.diags.length, 1);
  assert.equal(r.diags[0]!.summary, 'Extraneous data after value');
  assert.equal(at(r.diags[0]!.subject!), '1,3,2-1,4,3');
});

test('objects keep duplicate properties in order, with name and brace ranges', () => {
  const r = parse('{"hello": true, "hello": false}');
  assert.equal(r.diags, 0);
  assert.equal(r.node.kind, 'object');
  if (r.node.kind !== 'object') return;
  assert.deepEqual(
    r.node.properties.map((p) => [p.name, at(p.nameRange), at(p.value.range)]),
    [
      ['hello', '1,2,1-1,9,8', '1,11,10-1,15,14'],
      ['hello', '1,17,16-1,24,23', '1,26,25-1,31,30'],
    ],
  );
  assert.equal(at(r.node.range), '1,1,0-1,32,31');
  assert.equal(at(r.node.openRange), '1,1,0-1,2,1');
  assert.equal(at(r.node.closeRange), '1,31,30-1,32,31');
  const empty = parse('{}');
  assert.equal(empty.node.kind === 'object' && at(empty.node.closeRange), '1,2,1-1,3,2');
});

test('malformed objects and arrays', () => {
  const cases: [string, number, string][] = [
    ['{"hello":true', 1, 'Unclosed object'],
    ['{"hello":true]', 1, 'Mismatched braces'],
    ['{"hello":true,}', 1, 'Trailing comma in object'],
    ['{true:false}', 1, 'Invalid object property name'],
    ['{"hello": true, "hello": true, "hello", true}', 1, 'Missing object value'],
    ['{"hello", "world"}', 1, 'Missing object value'],
    ['{"wrong"=true}', 1, 'Missing property value colon'],
    ['{"wrong" = true}', 1, 'Missing property value colon'],
    ['{"wrong" true}', 1, 'Missing property value colon'],
    ['[', 2, 'Missing value'],
    ['[true', 1, 'Unclosed object'],
    [']', 1, 'Missing array element value'],
    ['[true,]', 1, 'Trailing comma in array'],
    ['[[],]', 1, 'Trailing comma in array'],
    ['["hello":true]', 1, 'Invalid array value'],
    ['[true}', 1, 'Mismatched brackets'],
  ];
  for (const [src, count, summary] of cases) {
    const r = parse(src);
    assert.equal(r.node.kind, 'invalid', src);
    assert.equal(at(r.node.range), '1,1,0-1,2,1', src);
    assert.equal(r.diags, count, src);
    assert.equal(r.summaries[0], summary, src);
  }
  const eq = parseJsonValue('{"wrong" = true}', 'test.json').diags[0]!;
  assert.equal(eq.detail, 'JSON uses a colon as its name/value delimiter, not an equals sign.');
  assert.equal(at(eq.subject!), '1,10,9-1,11,10');
});

test('arrays', () => {
  const r = parse('[true, [false]]');
  assert.equal(r.diags, 0);
  assert.equal(r.node.kind === 'array' && r.node.values.length, 2);
  assert.equal(at(r.node.range), '1,1,0-1,16,15');
});

test('a file root must be an object or an array', () => {
  const bad = parseJson('true', 'test.json');
  assert.equal(bad.diags.length, 1);
  assert.equal(bad.diags[0]!.summary, 'Root value must be object');
  assert.equal(bad.body.content({}).diags.length, 0);
  // An unclosed string swallows the colon: a missing colon, then the root is not an object.
  const malformed = parseJson('{\n  "http_proxy_url: "http://xxxxxx",\n}', 'test.json');
  assert.deepEqual(
    malformed.diags.map((d) => d.summary),
    ['Missing property value colon', 'Root value must be object'],
  );
  const ok = parseJson('{"a": 1}', 'test.json');
  assert.equal(ok.diags.length, 0);
  assert.equal(ok.file.filename, 'test.json');
  assert.equal(ok.file.bytes, '{"a": 1}');
});

test('parsing can start at a position', () => {
  const r = parseJsonValue('{\n    "bar": "baz"\n  }', 'p.json', { line: 2, column: 10, byte: 11 });
  assert.equal(r.node.kind === 'object' && at(r.node.properties[0]!.nameRange), '3,5,17-3,10,22');
});
