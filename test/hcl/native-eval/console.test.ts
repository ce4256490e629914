/**
 * Differential test of the evaluator against Debian's `packer console` (Packer 1.6.6): each row of
 * console-cases.ts is evaluated by Packer and by imgbuild; the printed values, or the first error's
 * summary and detail, must agree (rows marked `differs` assert our own answer instead).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { Diagnostic } from '../../../src/hcl/diagnostics.js';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import type { EvalContext } from '../../../src/hcl/hcl.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import type { Value } from '../../../src/hcl/value.js';
import { displayValue } from '../../../src/hcl/value-display.js';
import { objectVal } from '../../../src/hcl/values.js';
import {
  normalizeSpace,
  packerDiagnostics,
  packerValues,
  packerVersion,
} from '../functions/packer-console-oracle.js';
import { CONSOLE_CASES, CONSOLE_VARIABLES } from './console-cases.js';

function ourResult(src: string, ctx: EvalContext): string {
  const parsed = parseExpression(src, '<console-input>');
  const r = nativeExpression(parsed.expr).value(ctx);
  const errors: Diagnostic[] = [...parsed.diags, ...r.diags].filter((d) => d.severity === 'error');
  if (errors.length > 0) return `error: ${errors[0]!.summary}: ${normalizeSpace(errors[0]!.detail ?? '')}`;
  return `value: ${displayValue(r.value, true)}`;
}

function ourContext(): EvalContext {
  const vars: Record<string, Value> = {};
  for (const [name, src] of Object.entries(CONSOLE_VARIABLES)) {
    vars[name] = nativeExpression(parseExpression(src, 'default').expr).value(undefined).value;
  }
  return {
    variables: new Map([
      ['var', objectVal(vars)],
      ['local', objectVal({})],
    ]),
    functions: packerFunctions({ baseDir: '.' }),
  };
}

test('evaluator agrees with packer console', (t) => {
  const version = packerVersion();
  if (!version) {
    t.skip('packer is not installed; the differential test needs Debian packer 1.6.6');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-eval-console-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const template = Object.entries(CONSOLE_VARIABLES)
    .map(([name, src]) => `variable "${name}" {\n  default = ${src}\n}\n`)
    .join('');
  fs.writeFileSync(path.join(dir, 't.pkr.hcl'), template);

  const exprs = CONSOLE_CASES.map((c) => c.expr);
  const diags = packerDiagnostics(dir, exprs);
  const okRows = exprs.filter((_, i) => !diags[i]!.some((d) => d.severity === 'Error'));
  const values = packerValues(dir, okRows);
  const printed = new Map(okRows.map((e, i) => [e, values[i]] as const));
  const ctx = ourContext();

  const mismatches: string[] = [];
  for (const [i, c] of CONSOLE_CASES.entries()) {
    const firstError = diags[i]!.find((d) => d.severity === 'Error');
    // Packer's renderer prefixes details with the values of the variables involved ("with n as 1.").
    const detail = firstError?.detail.replace(/^with .*? as .*?\. /, '');
    const theirs = firstError ? `error: ${firstError.summary}: ${detail}` : `value: ${printed.get(c.expr)}`;
    const mine = ourResult(c.expr, ctx);
    const want = c.differs ? c.differs.ours : theirs;
    if (mine !== want) mismatches.push(`${c.expr}\n  packer: ${theirs}\n  ours:   ${mine}`);
  }
  assert.deepEqual(mismatches, []);
});
