import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packerFunctions, variableDefaultFunctions } from '../../../src/hcl/functions/registry.js';
import { asString } from '../../../src/hcl/values.js';
import { callFunction } from '../../../src/hcl/functions/call.js';

const corpus = new URL('../../../../shared/corpus/packer-functions.md', import.meta.url);

test('the table has exactly the names Packer registers (packer-functions.md, without env)', () => {
  const documented = [...readFileSync(corpus, 'utf8').matchAll(/^- `([a-z0-9_]+)\(/gm)].map((m) => m[1]!);
  assert.equal(documented.length, 104);
  const expected = documented.filter((n) => n !== 'env').sort();
  const table = packerFunctions({ baseDir: '.' });
  assert.deepEqual([...table.keys()].sort(), expected);
  assert.equal(table.size, 103);
  assert.equal(table.has('env'), false);
});

test('variable defaults may call only env()', () => {
  const fns = variableDefaultFunctions({ env: { HOME_DIR: '/home/x' } });
  assert.deepEqual([...fns.keys()], ['env']);
  const env = fns.get('env')!;
  assert.equal(
    asString(callFunction(env, [{ type: { kind: 'string' }, state: 'known', v: 'HOME_DIR' }])),
    '/home/x',
  );
  assert.equal(asString(callFunction(env, [{ type: { kind: 'string' }, state: 'known', v: 'UNSET_X' }])), '');
});
