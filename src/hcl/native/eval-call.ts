/**
 * Function calls (hclsyntax FunctionCallExpr.Value): lookup through the context chain with
 * did-you-mean, `...` expansion of the final argument, argument-count checks, conversion of each
 * argument to its parameter type, and errors from the function pointed at the argument at fault.
 * Functions with a rawArgs hook (try, can, convert) receive their argument expressions instead.
 */
import type * as ast from '../ast.js';
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import { nameSuggestion } from '../did-you-mean.js';
import { lookupFunction } from '../eval-context.js';
import { callFunction } from '../functions/call.js';
import {
  type EvalContext,
  FunctionArgError,
  FunctionError,
  type HclFunction,
  type ValueResult,
} from '../hcl.js';
import { type Range, rangeBetween } from '../pos.js';
import type { Value } from '../value.js';
import { DynamicVal, unknownVal } from '../values.js';
import { evalExpr } from './eval.js';
import { unmarkTop, withMarks } from './eval-marks.js';
import { nativeExpression } from './expression.js';
import { startRange } from './ranges.js';

function failed(diags: Diagnostic[]): ValueResult {
  return { value: DynamicVal, diags };
}

export function evalFunctionCall(expr: ast.FunctionCallExpr, ctx: EvalContext | undefined): ValueResult {
  const callRange = rangeBetween(expr.nameRange, expr.closeParenRange);
  const { found: fn, anyTable } = lookupFunction(ctx, expr.name);
  if (!fn) {
    if (!anyTable)
      return failed([
        errorDiag('Function calls not allowed', 'Functions may not be called here.', callRange),
      ]);
    return failed([unknownFunction(expr, ctx, callRange)]);
  }

  const diags: Diagnostic[] = [];
  let args: readonly ast.Expr[] = expr.args;
  if (expr.expandFinal && args.length > 0) {
    const expandExpr = args[args.length - 1]!;
    const expanded = evalExpr(expandExpr, ctx);
    diags.push(...expanded.diags);
    if (hasErrors(expanded.diags)) return failed(diags);
    const v = expanded.value;
    const k = v.type.kind;
    const bad = (detail: string) => {
      diags.push(errorDiag('Invalid expanding argument value', detail, expandExpr.range, callRange));
      return failed(diags);
    };
    if (k === 'dynamic') {
      if (v.state === 'null') return bad('The expanding argument (indicated by ...) must not be null.');
      return failed(diags);
    }
    if (k !== 'tuple' && k !== 'list' && k !== 'set') {
      return bad('The expanding argument (indicated by ...) must be of a tuple, list, or set type.');
    }
    if (v.state === 'null') return bad('The expanding argument (indicated by ...) must not be null.');
    if (v.state === 'unknown') return failed(diags);
    // The collection's own marks move onto each element.
    const [plain, marks] = unmarkTop(v);
    const elems = (plain as { v: readonly Value[] }).v;
    args = [
      ...args.slice(0, -1),
      ...elems.map(
        (e): ast.Expr => ({ kind: 'literal', value: withMarks(e, marks), range: expandExpr.range }),
      ),
    ];
  }

  const params = fn.params;
  if (args.length < params.length) {
    const missing = params[args.length]!;
    const qual = fn.varParam ? ' at least' : '';
    return failed([
      errorDiag(
        'Not enough function arguments',
        `Function "${expr.name}" expects${qual} ${params.length} argument(s). Missing value for "${missing.name}".`,
        expr.closeParenRange,
        callRange,
      ),
    ]);
  }
  if (!fn.varParam && args.length > params.length) {
    return failed([
      errorDiag(
        'Too many function arguments',
        `Function "${expr.name}" expects only ${params.length} argument(s).`,
        startRange(args[params.length]!),
        callRange,
      ),
    ]);
  }

  if (fn.rawArgs) {
    return callGuarded(expr, fn, args, callRange, diags, () => {
      const r = fn.rawArgs!(args.map(nativeExpression), ctx, callRange);
      diags.push(...r.diags);
      return r.value;
    });
  }

  const argVals: Value[] = [];
  args.forEach((argExpr, i) => {
    const param = i < params.length ? params[i]! : fn.varParam!;
    const r = evalExpr(argExpr, ctx);
    diags.push(...r.diags);
    const conv = convert(r.value, param.type);
    if (!conv.ok) {
      diags.push(
        errorDiag(
          'Invalid function argument',
          `Invalid value for "${param.name}" parameter: ${conv.message}.`,
          startRange(argExpr),
          callRange,
        ),
      );
      argVals.push(unknownVal(param.type));
    } else {
      argVals.push(conv.value);
    }
  });
  // Calling with bad arguments would mostly produce a confusing second error.
  if (hasErrors(diags)) return failed(diags);
  return callGuarded(expr, fn, args, callRange, diags, () => callFunction(fn, argVals));
}

/** Runs the call, turning the function's errors into HCL's diagnostics. */
function callGuarded(
  expr: ast.FunctionCallExpr,
  fn: HclFunction,
  args: readonly ast.Expr[],
  callRange: Range,
  diags: Diagnostic[],
  call: () => Value,
): ValueResult {
  try {
    return { value: call(), diags };
  } catch (e) {
    if (e instanceof FunctionArgError) {
      const i = e.argIndex;
      const param = i < fn.params.length ? fn.params[i] : fn.varParam;
      const detail = (name: string) => `Invalid value for "${name}" parameter: ${e.message}.`;
      if (param && i < args.length) {
        diags.push(
          errorDiag('Invalid function argument', detail(param.name), startRange(args[i]!), callRange),
        );
      } else if (param) {
        // The function blamed a variadic argument the call did not give: point at the whole call.
        diags.push(errorDiag('Invalid function argument', detail(param.name), callRange));
      } else {
        diags.push(callError(expr, e.message, callRange));
      }
      return failed(diags);
    }
    // Anything else is a bug in the function; like cty, report it instead of crashing.
    const message =
      e instanceof FunctionError
        ? e.message
        : `panic in function implementation: ${e instanceof Error ? e.message : String(e)}`;
    diags.push(callError(expr, message, callRange));
    return failed(diags);
  }
}

function callError(expr: ast.FunctionCallExpr, message: string, callRange: Range): Diagnostic {
  return errorDiag(
    'Error in function call',
    `Call to function "${expr.name}" failed: ${message}.`,
    rangeBetween(expr.nameRange, expr.openParenRange),
    callRange,
  );
}

function unknownFunction(
  expr: ast.FunctionCallExpr,
  ctx: EvalContext | undefined,
  callRange: Range,
): Diagnostic {
  // As HCL, suggestions come from the innermost context's own table only.
  const available = [...(ctx?.functions?.keys() ?? [])];
  const sep = expr.name.lastIndexOf('::');
  if (sep !== -1) {
    const namespace = expr.name.slice(0, sep + 2);
    const name = expr.name.slice(sep + 2);
    const inNamespace = available
      .filter((n) => n.startsWith(namespace))
      .map((n) => n.slice(namespace.length));
    if (inNamespace.length === 0) {
      return errorDiag(
        'Call to unknown function',
        `There are no functions in namespace "${namespace}".`,
        expr.nameRange,
        callRange,
      );
    }
    const suggestion = nameSuggestion(name, inNamespace);
    const hint = suggestion === undefined ? '' : ` Did you mean ${namespace}${suggestion}?`;
    return errorDiag(
      'Call to unknown function',
      `There is no function named "${name}" in namespace ${namespace}.${hint}`,
      expr.nameRange,
      callRange,
    );
  }
  const suggestion = nameSuggestion(expr.name, available);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  return errorDiag(
    'Call to unknown function',
    `There is no function named "${expr.name}".${hint}`,
    expr.nameRange,
    callRange,
  );
}
