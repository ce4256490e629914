/**
 * `try(exprs...)` and `can(expr)` (HCL's ext/tryfunc). They take their arguments as unevaluated
 * expressions (the rawArgs hook) so that errors evaluating them become results instead of
 * diagnostics. An argument that is not yet wholly known makes the answer unknown.
 */
import { hasErrors } from '../diagnostics.js';
import type { Diagnostic } from '../diagnostics.js';
import { FunctionError, type HclFunction } from '../hcl.js';
import { formatRange } from '../pos.js';
import { BoolType, DynamicType } from '../types.js';
import { DynamicVal, False, isWhollyKnown, True, unknownVal } from '../values.js';

export const tryFunc: HclFunction = {
  description:
    'Tries to evaluate the expressions given in arguments in order, returning the first one that succeeds.',
  params: [],
  varParam: { name: 'expressions', type: DynamicType },
  returnType: () => DynamicType,
  impl: () => {
    throw new FunctionError('try can only be called with expression arguments');
  },
  rawArgs: (args, ctx) => {
    if (args.length === 0) throw new FunctionError('at least one argument is required');
    const diags: Diagnostic[] = [];
    for (const arg of args) {
      const r = arg.value(ctx);
      diags.push(...r.diags);
      if (hasErrors(r.diags)) continue;
      // The diagnostics of failed attempts are dropped once one succeeds.
      if (!isWhollyKnown(r.value)) return { value: DynamicVal, diags: [] };
      return { value: r.value, diags: [] };
    }
    throw new FunctionError(noExpressionSucceeded(diags));
  },
};

export const canFunc: HclFunction = {
  description: 'Evaluates the given expression and returns a boolean value indicating whether it succeeded.',
  params: [{ name: 'expression', type: DynamicType }],
  returnType: () => BoolType,
  impl: () => {
    throw new FunctionError('can can only be called with an expression argument');
  },
  rawArgs: (args, ctx) => {
    const r = args[0]!.value(ctx);
    if (hasErrors(r.diags)) return { value: False, diags: [] };
    if (!isWhollyKnown(r.value)) return { value: unknownVal(BoolType), diags: [] };
    return { value: True, diags: [] };
  },
};

function noExpressionSucceeded(diags: readonly Diagnostic[]): string {
  let text = 'no expression succeeded:\n';
  for (const d of diags) {
    const at = d.subject ? ` (at ${formatRange(d.subject)})` : '';
    text += `- ${d.summary}${at}\n  ${d.detail ?? ''}\n`;
  }
  return `${text}\nAt least one expression must produce a successful result`;
}
