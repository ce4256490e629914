/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures are HCL templates */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import type { HclFunction } from '../../../src/hcl/hcl.js';
import { listVal, mapVal, numberVal, objectVal, stringVal } from '../../../src/hcl/values.js';
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
