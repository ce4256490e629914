/**
 * `[for k, v in coll : val if cond]` and `{for k, v in coll : key => val... if cond}` (hclsyntax
 * ForExpr). Each element is evaluated in a child scope binding the key/value names; problems with
 * the condition or key are reported once (for the first failing element) while all elements are
 * still visited for their own diagnostics.
 */
import type * as ast from '../ast.js';
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import { childContext } from '../eval-context.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import { BoolType, friendlyName, StringType } from '../types.js';
import type { Mark, Value } from '../value.js';
import { DynamicVal, numberVal, objectVal, stringVal, tupleVal } from '../values.js';
import { evalExpr } from './eval.js';
import { unmarkTop, withMarks } from './eval-marks.js';

/** The (key, value) pairs of an iterable value, as cty's ElementIterator. */
export function iterationPairs(coll: Value): [Value, Value][] | undefined {
  const t = coll.type;
  const payload = (coll as { v: unknown }).v;
  switch (t.kind) {
    case 'list':
    case 'tuple':
      return (payload as readonly Value[]).map((v, i) => [numberVal(i), v]);
    case 'set':
      return (payload as readonly Value[]).map((v) => [v, v]);
    case 'map':
    case 'object':
      return [...(payload as ReadonlyMap<string, Value>)].map(([k, v]) => [stringVal(k), v]);
    default:
      return undefined;
  }
}

function canIterate(coll: Value): boolean {
  const k = coll.type.kind;
  return k === 'list' || k === 'tuple' || k === 'set' || k === 'map' || k === 'object';
}

export function evalFor(expr: ast.ForExpr, ctx: EvalContext | undefined): ValueResult {
  const diags: Diagnostic[] = [];
  const marks: Iterable<Mark>[] = [];
  const coll = evalExpr(expr.collExpr, ctx);
  diags.push(...coll.diags);

  if (coll.value.state === 'null') {
    diags.push(
      errorDiag(
        'Iteration over null value',
        "A null value cannot be used as the collection in a 'for' expression.",
        expr.collExpr.range,
        expr.range,
      ),
    );
    return { value: DynamicVal, diags };
  }
  if (coll.value.type.kind === 'dynamic') return { value: DynamicVal, diags };
  const [collVal, collMarks] = unmarkTop(coll.value);
  marks.push(collMarks);
  if (!canIterate(collVal)) {
    diags.push(
      errorDiag(
        'Iteration over non-iterable value',
        `A value of type ${friendlyName(collVal.type)} cannot be used as the collection in a 'for' expression.`,
        expr.collExpr.range,
        expr.range,
      ),
    );
    return { value: DynamicVal, diags };
  }

  const scope = (k: Value, v: Value): EvalContext => {
    const vars = new Map<string, Value>();
    if (expr.keyVar !== '') vars.set(expr.keyVar, k);
    vars.set(expr.valVar, v);
    return childContext(ctx, vars);
  };

  // An early check of the condition with unknown locals catches wrongly-typed conditions once,
  // instead of once per element.
  let condMarks: ReadonlySet<Mark> = new Set();
  if (expr.condExpr) {
    const r = evalExpr(expr.condExpr, scope(DynamicVal, DynamicVal));
    diags.push(...r.diags);
    if (r.value.state === 'null') {
      diags.push(
        errorDiag(
          'Condition is null',
          "The value of the 'if' clause must not be null.",
          expr.condExpr.range,
          expr.range,
        ),
      );
      return { value: DynamicVal, diags };
    }
    condMarks = unmarkTop(r.value)[1];
    const conv = convert(r.value, BoolType);
    if (!conv.ok) {
      diags.push(invalidCondition(expr, `The 'if' clause value is invalid: ${conv.message}.`));
      return { value: DynamicVal, diags };
    }
    if (hasErrors(r.diags)) return { value: DynamicVal, diags };
  }

  if (collVal.state === 'unknown') return { value: withMarks(DynamicVal, ...marks, condMarks), diags };

  let known = true;
  /** Whether the element passes the `if` clause; undefined when that cannot be decided. */
  // HCL's tuple form checks for an unknown condition before converting it, the object form after.
  const include = (elemCtx: EvalContext, unknownFirst: boolean): boolean | undefined => {
    if (!expr.condExpr) return true;
    const r = evalExpr(expr.condExpr, elemCtx);
    diags.push(...r.diags);
    if (r.value.state === 'null') {
      if (known) diags.push(invalidCondition(expr, "The value of the 'if' clause must not be null."));
      return undefined;
    }
    const [, m] = unmarkTop(r.value);
    marks.push(m);
    if (unknownFirst && r.value.state === 'unknown') return undefined;
    const conv = convert(r.value, BoolType);
    if (!conv.ok) {
      if (known) diags.push(invalidCondition(expr, `The 'if' clause value is invalid: ${conv.message}.`));
      return undefined;
    }
    if (conv.value.state === 'unknown') return undefined;
    return (unmarkTop(conv.value)[0] as { v: boolean }).v;
  };

  const pairs = iterationPairs(collVal)!;
  if (!expr.keyExpr) {
    const vals: Value[] = [];
    for (const [k, v] of pairs) {
      const elemCtx = scope(k, v);
      const inc = include(elemCtx, true);
      if (inc === undefined) {
        known = false;
        continue;
      }
      if (!inc) continue;
      const r = evalExpr(expr.valExpr, elemCtx);
      diags.push(...r.diags);
      vals.push(r.value);
    }
    if (!known) return { value: withMarks(DynamicVal, ...marks), diags };
    return { value: withMarks(tupleVal(vals), ...marks), diags };
  }

  const keyExpr = expr.keyExpr;
  const vals = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs) {
    const elemCtx = scope(k, v);
    const inc = include(elemCtx, false);
    if (inc === undefined) {
      known = false;
      continue;
    }
    if (!inc) continue;

    const keyRes = evalExpr(keyExpr, elemCtx);
    diags.push(...keyRes.diags);
    if (keyRes.value.state === 'null') {
      if (known) {
        diags.push(
          errorDiag(
            'Invalid object key',
            "Key expression in 'for' expression must not produce a null value.",
            keyExpr.range,
            expr.range,
          ),
        );
      }
      known = false;
      continue;
    }
    marks.push(unmarkTop(keyRes.value)[1]);
    if (keyRes.value.state === 'unknown') {
      known = false;
      continue;
    }
    const keyConv = convert(keyRes.value, StringType);
    if (!keyConv.ok) {
      if (known) {
        diags.push(
          errorDiag(
            'Invalid object key',
            `The key expression produced an invalid result: ${keyConv.message}.`,
            keyExpr.range,
            expr.range,
          ),
        );
      }
      known = false;
      continue;
    }
    const key = (unmarkTop(keyConv.value)[0] as { v: string }).v;

    const valRes = evalExpr(expr.valExpr, elemCtx);
    diags.push(...valRes.diags);
    if (expr.group) {
      const g = groups.get(key);
      if (g) g.push(valRes.value);
      else groups.set(key, [valRes.value]);
    } else if (vals.has(key)) {
      diags.push(
        errorDiag(
          'Duplicate object key',
          `Two different items produced the key "${key}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          keyExpr.range,
          expr.range,
        ),
      );
    } else {
      vals.set(key, valRes.value);
    }
  }
  if (!known) return { value: withMarks(DynamicVal, ...marks), diags };
  if (expr.group) for (const [k, g] of groups) vals.set(k, tupleVal(g));
  return { value: withMarks(objectVal(vals), ...marks), diags };
}

function invalidCondition(expr: ast.ForExpr, detail: string): Diagnostic {
  return errorDiag("Invalid 'for' condition", detail, expr.condExpr!.range, expr.range);
}
