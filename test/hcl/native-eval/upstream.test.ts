import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawEquals } from '../../../src/hcl/equality.js';
import { diagText, evalSource, evalTemplateSource } from './helpers.js';
import { errorMessageCases, expressionCases, templateCases, type ValueCase } from './upstream-cases.js';
import { displayValue } from './display.js';

function check(c: ValueCase, evaluate: typeof evalSource): void {
  const { value, diags } = evaluate(c.input, c.ctx);
  assert.ok(
    rawEquals(value, c.want),
    `value of ${JSON.stringify(c.input)}: got ${displayValue(value)}, want ${displayValue(c.want)}\n${diags.map(diagText).join('\n')}`,
  );
  assert.equal(
    diags.length,
    c.diagCount,
    `diagnostics of ${JSON.stringify(c.input)}:\n${diags.map(diagText).join('\n')}`,
  );
}

test('HCL expression cases: value and diagnostic count', async (t) => {
  for (const [i, c] of expressionCases.entries()) {
    await t.test(`${i}: ${c.input}`, () => check(c, evalSource));
  }
});

test('HCL template cases: value and diagnostic count', async (t) => {
  for (const [i, c] of templateCases.entries()) {
    await t.test(`${i}: ${c.input}`, () => check(c, evalTemplateSource));
  }
});

test('HCL error message cases: summary and detail', async (t) => {
  for (const [i, c] of errorMessageCases.entries()) {
    await t.test(`${i}: ${c.input}`, () => {
      const { diags } = evalSource(c.input, c.ctx);
      const found = diags.some(
        (d) => d.severity === 'error' && d.summary === c.summary && d.detail === c.detail,
      );
      assert.ok(found, `want ${c.summary}; ${c.detail}\ngot:\n${diags.map(diagText).join('\n')}`);
    });
  }
});
