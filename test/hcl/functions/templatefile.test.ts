import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import type { HclFunction } from '../../../src/hcl/hcl.js';
import { boolVal, listVal, mapVal, numberVal, objectVal, stringVal } from '../../../src/hcl/values.js';
import { errorOf, show } from './helpers-e.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-tpl-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'greet.tpl': 'Hi ${name}!\n%{ for x in items ~}\n- ${upper(x)}\n%{ endfor ~}\n',
  'single.tpl': '${n * 2}',
  'missing-var.tpl': 'Hello ${who}',
  'bad-syntax.tpl': 'Hello ${',
  'recursive.tpl': '${templatefile("single.tpl", {n = 1})}',
  'fn-error.tpl': '${cidrhost("nope", 1)}',
};
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
const fns: Record<string, HclFunction> = Object.fromEntries(packerFunctions({ baseDir: dir }));

test('renders with the given variables and the function table', () => {
  const vars = objectVal({ name: stringVal('Ann'), items: listVal([stringVal('a'), stringVal('b')]) });
  assert.equal(show(fns, 'templatefile', 'greet.tpl', vars), 'Hi Ann!\n- A\n- B\n');
});

test('a template that is a single interpolation keeps its type', () => {
  assert.equal(show(fns, 'templatefile', 'single.tpl', mapVal({ n: numberVal(21) })), '42');
});

test('vars must be a map or object with identifier keys covering every reference', () => {
  assert.equal(
    errorOf(fns, 'templatefile', 'single.tpl', stringVal('x')),
    'invalid vars value: must be a map',
  );
  assert.match(
    errorOf(fns, 'templatefile', 'single.tpl', objectVal({ n: numberVal(1), 'not valid': numberVal(2) })),
    /^invalid template variable name "not valid": must start with a letter/,
  );
  assert.equal(
    errorOf(fns, 'templatefile', 'missing-var.tpl', objectVal({})),
    'vars map does not contain key "who", referenced at missing-var.tpl:1,9-12',
  );
});

test('file, syntax and evaluation errors are reported', () => {
  assert.equal(errorOf(fns, 'templatefile', 'nope.tpl', objectVal({})), `no file exists at ${dir}/nope.tpl`);
  assert.match(errorOf(fns, 'templatefile', 'bad-syntax.tpl', objectVal({})), /^bad-syntax\.tpl:1,\d+-\d+: /);
  assert.match(
    errorOf(fns, 'templatefile', 'fn-error.tpl', objectVal({})),
    /^fn-error\.tpl:1,3-\d+: Error in function call; Call to function "cidrhost" failed: invalid CIDR expression/,
  );
});

test('templatefile cannot call itself', () => {
  assert.match(
    errorOf(fns, 'templatefile', 'recursive.tpl', objectVal({})),
    /cannot recursively call templatefile from inside templatefile call/,
  );
});

test("Packer's own templatefile cases (hcl2template/function/templatefile_test.go)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-tpl-packer-'));
  const cwd = process.cwd();
  try {
    fs.mkdirSync(path.join(root, 'testdata'));
    const data: Record<string, string | Buffer> = {
      'hello.txt': 'Hello World',
      'icon.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]),
      'hello.tmpl': 'Hello, ${name}!',
      'func.tmpl': 'The items are ${join(", ", list)}',
      'recursive.tmpl': '${templatefile("recursive.tmpl", {})}',
      'list.tmpl': '%{ for x in list ~}\n- ${x}\n%{ endfor ~}\n',
      'bare.tmpl': '${val}',
    };
    for (const [name, text] of Object.entries(data))
      fs.writeFileSync(path.join(root, 'testdata', name), text);
    process.chdir(root);
    const f: Record<string, HclFunction> = Object.fromEntries(packerFunctions({ baseDir: '.' }));
    const abc = listVal([stringVal('a'), stringVal('b'), stringVal('c')]);
    const empty = objectVal({});
    assert.equal(show(f, 'templatefile', 'testdata/hello.txt', empty), 'Hello World');
    assert.equal(
      errorOf(f, 'templatefile', 'testdata/icon.png', empty),
      'contents of testdata/icon.png are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead',
    );
    assert.equal(errorOf(f, 'templatefile', 'testdata/missing', empty), 'no file exists at testdata/missing');
    assert.equal(
      show(f, 'templatefile', 'testdata/hello.tmpl', objectVal({ name: stringVal('Jodie') })),
      'Hello, Jodie!',
    );
    assert.equal(
      errorOf(f, 'templatefile', 'testdata/hello.tmpl', mapVal({ 'name!': stringVal('Jodie') })),
      'invalid template variable name "name!": must start with a letter, followed by zero or more letters, digits, and underscores',
    );
    assert.equal(
      show(f, 'templatefile', 'testdata/hello.tmpl', mapVal({ name: stringVal('Jimbo') })),
      'Hello, Jimbo!',
    );
    assert.equal(
      errorOf(f, 'templatefile', 'testdata/hello.tmpl', empty),
      'vars map does not contain key "name", referenced at testdata/hello.tmpl:1,10-14',
    );
    assert.equal(
      show(f, 'templatefile', 'testdata/func.tmpl', objectVal({ list: abc })),
      'The items are a, b, c',
    );
    assert.equal(
      errorOf(f, 'templatefile', 'testdata/recursive.tmpl', empty),
      'testdata/recursive.tmpl:1,3-16: Error in function call; Call to function "templatefile" failed: cannot recursively call templatefile from inside templatefile call.',
    );
    assert.equal(show(f, 'templatefile', 'testdata/list.tmpl', objectVal({ list: abc })), '- a\n- b\n- c\n');
    assert.equal(
      errorOf(f, 'templatefile', 'testdata/list.tmpl', objectVal({ list: boolVal(true) })),
      "testdata/list.tmpl:1,13-17: Iteration over non-iterable value; A value of type bool cannot be used as the collection in a 'for' expression.",
    );
    assert.equal(show(f, 'templatefile', 'testdata/bare.tmpl', objectVal({ val: boolVal(true) })), 'true');
  } finally {
    process.chdir(cwd);
    fs.rmSync(root, { recursive: true, force: true });
  }
});
