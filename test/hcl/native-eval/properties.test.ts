/**
 * Properties of evaluation over generated expressions: it never throws, it is deterministic (splat
 * and for-expression bindings do not leak between evaluations), and binding every root that
 * variables() reports is enough for no reference to be unknown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rootContext } from '../../../src/hcl/eval-context.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import { canFunc, tryFunc } from '../../../src/hcl/functions/tryfunc.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import type { Value } from '../../../src/hcl/value.js';
import { DynamicVal, listVal, numberVal, objectVal, stringVal, tupleVal } from '../../../src/hcl/values.js';
import { diagText, testFunctions } from './helpers.js';

const name = fc.constantFrom('a', 'b', 'c', 'items', 'obj');
const local = fc.constantFrom('x', 'y');

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '2.5', '"s"', 'true', 'null', '[]', '{}'),
    name,
    fc.tuple(name, fc.constantFrom('.k', '[0]', '["k"]', '[*].k', '.*', '[1][0]')).map(([n, s]) => n + s),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '&&', '||'), tie('e'))
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('e').map((e) => `!(${e})`),
    tie('e').map((e) => `-(${e})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    fc.tuple(local, tie('e'), tie('e')).map(([v, c, b]) => `[for ${v} in ${c} : ${b}]`),
    fc
      .tuple(local, tie('e'), tie('e'), tie('e'))
      .map(([v, c, b, k]) => `{for i, ${v} in ${c} : "\${i}" => ${b} if ${k}}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `"pre \${${a}} mid \${${b}}"`),
    fc.tuple(local, tie('e')).map(([v, c]) => `"%{for ${v} in ${c}}\${${v}}%{endfor}"`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `{ k = ${a}, (${b}) = 1 }`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `try(${a}, ${b})`),
    tie('e').map((a) => `can(${a})`),
    tie('e').map((a) => `upper(${a})`),
    tie('e').map((a) => `min(${a}...)`),
    tie('e').map((a) => `(${a})[*]`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a})[${b}]`),
  ),
})).e;

const functions = { try: tryFunc, can: canFunc, upper: testFunctions.UpperFunc, min: testFunctions.MinFunc };

const concrete: Record<string, Value> = {
  a: numberVal(3),
  b: stringVal('k'),
  c: tupleVal([numberVal(1), stringVal('two')]),
  items: listVal([objectVal({ k: stringVal('v1') }), objectVal({ k: stringVal('v2') })]),
  obj: objectVal({ k: listVal([numberVal(1)]) }),
};

test('evaluation never throws, is deterministic, and needs only the reported variables', () => {
  fc.assert(
    fc.property(expression, (src) => {
      const parsed = parseExpression(src, 'p.hcl');
      assert.deepEqual(parsed.diags.map(diagText), [], `generated expression should parse: ${src}`);
      const expr = nativeExpression(parsed.expr);

      const ctx = rootContext(concrete, functions);
      const first = expr.value(ctx);
      const second = expr.value(ctx);
      assert.ok(rawEquals(first.value, second.value), `deterministic value for ${src}`);
      assert.deepEqual(first.diags.map(diagText), second.diags.map(diagText));

      const roots = new Map<string, Value>();
      for (const t of expr.variables()) if (t[0]?.type === 'root') roots.set(t[0].name, DynamicVal);
      const unknowns = expr.value(rootContext(roots, functions));
      const unresolved = unknowns.diags.filter(
        (d) => d.summary === 'Unknown variable' || d.summary === 'Variables not allowed',
      );
      assert.deepEqual(unresolved.map(diagText), [], `variables() of ${src}`);
    }),
    { numRuns: 400, seed: 4242 },
  );
});
