import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectCases, runCase } from './suite.js';

const cases = collectCases();

test('the spec suite is found (15 tests, 16 inputs)', () => {
  assert.equal(cases.length, 16);
  assert.equal(cases[0]!.name, 'empty.hcl');
  assert.equal(cases[1]!.name, 'empty.hcl.json');
});

for (const c of cases) {
  test(`specsuite: ${c.name}`, () => {
    assert.deepEqual(runCase(c), []);
  });
}
