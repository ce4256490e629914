/**
 * The spec-suite harness must be able to fail: each check is exercised on throwaway test trees with
 * right and wrong expectations.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { collectCases, runCase } from './suite.js';

const root = mkdtempSync(path.join(tmpdir(), 'specsuite-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Writes NAME.{t,hcldec,hcl[,hcl.json]} under a fresh directory and returns each input's problems. */
function run(files: Record<string, string>): Record<string, string[]> {
  const dir = mkdtempSync(path.join(root, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return Object.fromEntries(collectCases(dir).map((c) => [c.name, runCase(c)]));
}

const attrSpec = 'object {\n  attr "a" { type = any }\n}\n';

test('cases are ordered: sorted .t files first, then sorted subdirectories; dot-files skipped', () => {
  const t = 'result = null\n';
  const names = Object.keys(
    run({
      'b.t': t,
      'b.hcldec': attrSpec,
      'b.hcl': '',
      'a.t': t,
      'a.hcldec': attrSpec,
      'a.hcl.json': '{}',
      'a.hcl': '',
      'sub/c.t': t,
      'sub/c.hcldec': attrSpec,
      'sub/c.hcl': '',
      '.hidden/d.t': t,
      '.hidden/d.hcldec': attrSpec,
      '.hidden/d.hcl': '',
    }),
  );
  assert.deepEqual(names, ['a.hcl', 'a.hcl.json', 'b.hcl', 'sub/c.hcl']);
});

test('result values are compared exactly, after conversion to result_type', () => {
  const spec = { 'x.hcldec': attrSpec, 'x.hcl': 'a = 5\n', 'x.hcl.json': '{"a": 5}' };
  assert.deepEqual(run({ ...spec, 'x.t': 'result = { a = 5 }\n' }), { 'x.hcl': [], 'x.hcl.json': [] });
  const wrong = run({ ...spec, 'x.t': 'result = { a = 6 }\n' });
  assert.match(wrong['x.hcl']![0]!, /incorrect result value/);
  // "5" converts to the number 5 only when the result type says so.
  const str = run({ ...spec, 'x.t': 'result = { a = "5" }\n' });
  assert.match(str['x.hcl']![0]!, /incorrect result value/);
  assert.deepEqual(
    run({ ...spec, 'x.t': 'result = { a = "5" }\nresult_type = object({ a = number })\n' })['x.hcl'],
    [],
  );
  const badType = run({ ...spec, 'x.t': 'result_type = object({ a = string })\n' });
  assert.match(badType['x.hcl']![0]!, /was expecting object\(\{a=string\}\)/);
});

test('unexpected decode errors fail a case that expects a result', () => {
  const r = run({ 'x.t': 'result = {}\n', 'x.hcldec': attrSpec, 'x.hcl': 'b = 1\n' });
  assert.match(r['x.hcl']![0]!, /Unsupported argument/);
});

test('diagnostics are matched by severity and exact range, both ways', () => {
  const diag = (line: number, col: number, byte: number, endCol: number, endByte: number) =>
    `diagnostics {\n  error {\n    from {\n      line = ${line}\n      column = ${col}\n      byte = ${byte}\n    }\n    to {\n      line = ${line}\n      column = ${endCol}\n      byte = ${endByte}\n    }\n  }\n}\n`;
  const files = { 'x.hcldec': attrSpec, 'x.hcl': 'a = 1\nb = 2\n' };
  assert.deepEqual(run({ ...files, 'x.t': diag(2, 1, 6, 2, 7) })['x.hcl'], []);
  const off = run({ ...files, 'x.t': diag(2, 1, 6, 2, 8) })['x.hcl']!;
  assert.equal(off.length, 2);
  assert.match(off[0]!, /unexpected diagnostic/);
  assert.match(off[1]!, /missing expected diagnostic/);
  const none = run({ 'x.hcldec': attrSpec, 'x.hcl': 'a = 1\n', 'x.t': diag(1, 1, 0, 1, 2) })['x.hcl']!;
  assert.match(none[0]!, /missing expected diagnostic/);
});

test('variable references are checked when a traversals block is present', () => {
  const files = {
    'x.hcldec': `variables {\n  foo = { bar = "x" }\n}\n${attrSpec}`,
    'x.hcl': 'a = "${foo.bar}"\n',
  };
  const expect = (col: number, byte: number, endCol: number, endByte: number) =>
    `result = { a = "x" }\ntraversals {\n  expect {\n    ref = foo.bar\n    from {\n      line = 1\n      column = ${col}\n      byte = ${byte}\n    }\n    to {\n      line = 1\n      column = ${endCol}\n      byte = ${endByte}\n    }\n  }\n}\n`;
  assert.deepEqual(run({ ...files, 'x.t': expect(8, 7, 15, 14) })['x.hcl'], []);
  assert.match(run({ ...files, 'x.t': expect(8, 7, 16, 15) })['x.hcl']![0]!, /traversal at/);
  const json = { 'x.hcldec': files['x.hcldec'], 'x.hcl.json': '{"a": "${foo.bar}"}' };
  assert.deepEqual(run({ ...json, 'x.t': expect(10, 9, 17, 16) })['x.hcl.json'], []);
  const none = run({ ...files, 'x.t': 'result = { a = "x" }\ntraversals {\n}\n' })['x.hcl']!;
  assert.match(none[0]!, /unexpected traversal/);
});

test('block specs: block, block_list and block_map decode nested bodies', () => {
  const spec = `object {
  block "one" {
    object {
      attr "v" { type = number }
    }
  }
  block_list "many" {
    object {
      attr "v" { type = string }
    }
  }
  block_map "named" {
    labels = ["kind", "name"]
    attr {
      name = "v"
      type = bool
    }
  }
}
`;
  const hcl =
    'one {\n  v = 1\n}\nmany {\n  v = "a"\n}\nmany {\n  v = "b"\n}\nnamed "k" "n" {\n  v = true\n}\n';
  const json = '{"one": {"v": 1}, "many": [{"v": "a"}, {"v": "b"}], "named": {"k": {"n": {"v": true}}}}';
  const t = `result = {
  one = { v = 1 }
  many = [{ v = "a" }, { v = "b" }]
  named = { k = { n = true } }
}
result_type = object({
  one = object({ v = number })
  many = list(object({ v = string }))
  named = map(map(bool))
})
`;
  assert.deepEqual(run({ 'x.hcldec': spec, 'x.hcl': hcl, 'x.hcl.json': json, 'x.t': t }), {
    'x.hcl': [],
    'x.hcl.json': [],
  });
});

test('spec files can define functions for the input (userfunc), variadic ones too', () => {
  const spec = `function "add_one" {
  params = [n]
  result = n + 1
}
function "first" {
  params         = []
  variadic_param = xs
  result         = [for x in xs : x][0]
}
object {
  attr "a" { type = number }
}
`;
  const ok = run({
    'x.hcldec': spec,
    'x.hcl': 'a = add_one(2) + first(10, 20)\n',
    'x.hcl.json': '{"a": "${add_one(2) + first(10, 20)}"}',
    'x.t': 'result = { a = 13 }\n',
  });
  assert.deepEqual(ok, { 'x.hcl': [], 'x.hcl.json': [] });
});
