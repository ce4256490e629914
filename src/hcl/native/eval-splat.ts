/**
 * Splat expressions `source[*].each` / `source.*.each` (hclsyntax SplatExpr). The `each` part is
 * evaluated once per element with the anonymous symbol bound to that element. A non-sequence
 * source is treated as a one-element tuple, and null as an empty tuple.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import { rangeBetween } from '../pos.js';
import { DynamicType, listOf, type Type, tupleOf } from '../types.js';
import type { Value } from '../value.js';
import {
  canListVal,
  DynamicVal,
  EmptyTupleVal,
  listVal,
  listValEmpty,
  tupleVal,
  unknownVal,
} from '../values.js';
import { evalExpr } from './eval.js';
import { marksOf, unmarkTop, withMarks } from './eval-marks.js';

/** Current bindings of anonymous symbols; evaluation is synchronous, so a scoped map suffices. */
const bindings = new Map<ast.AnonSymbolExpr, Value>();

export function anonSymbolValue(sym: ast.AnonSymbolExpr): Value {
  return bindings.get(sym) ?? DynamicVal;
}

function withBinding<T>(sym: ast.AnonSymbolExpr, v: Value, f: () => T): T {
  const had = bindings.has(sym);
  const previous = bindings.get(sym);
  bindings.set(sym, v);
  try {
    return f();
  } finally {
    if (had) bindings.set(sym, previous!);
    else bindings.delete(sym);
  }
}

function isSequence(t: Type): boolean {
  return t.kind === 'tuple' || t.kind === 'list' || t.kind === 'set';
}

export function evalSplat(expr: ast.SplatExpr, ctx: EvalContext | undefined): ValueResult {
  const src = evalExpr(expr.source, ctx);
  const diags: Diagnostic[] = [...src.diags];
  if (hasErrors(src.diags)) return { value: DynamicVal, diags };

  let sourceVal = src.value;
  let sourceTy = sourceVal.type;
  const autoUpgrade = !isSequence(sourceTy);

  if (sourceVal.state === 'null') {
    if (autoUpgrade) return { value: withMarks(EmptyTupleVal, marksOf(sourceVal)), diags };
    diags.push(
      errorDiag(
        'Splat of null value',
        'Splat expressions (with the * symbol) cannot be applied to null sequences.',
        expr.source.range,
        rangeBetween(expr.source.range, expr.markerRange),
      ),
    );
    return { value: DynamicVal, diags };
  }
  if (sourceTy.kind === 'dynamic') return { value: withMarks(DynamicVal, marksOf(sourceVal)), diags };

  // An unknown upgraded to a one-element tuple might really be null (zero elements), so the
  // result's shape is unknown; `each` is still evaluated to check it.
  let upgradedUnknown = false;
  if (autoUpgrade) {
    if (sourceVal.state === 'unknown') upgradedUnknown = true;
    sourceVal = withMarks(tupleVal([sourceVal]), marksOf(sourceVal));
    sourceTy = sourceVal.type;
  }

  const resultType = (): { type: Type; diags: Diagnostic[] } => {
    const tyDiags: Diagnostic[] = [];
    const typeOfEach = (elemType: Type): Type =>
      withBinding(expr.item, unknownVal(elemType), () => {
        const r = evalExpr(expr.each, ctx);
        tyDiags.push(...r.diags);
        return r.value.type;
      });
    if (sourceTy.kind === 'list' || sourceTy.kind === 'set')
      return { type: listOf(typeOfEach(sourceTy.elem)), diags: tyDiags };
    if (sourceTy.kind === 'tuple') return { type: tupleOf(sourceTy.elems.map(typeOfEach)), diags: tyDiags };
    return { type: DynamicType, diags: tyDiags };
  };

  if (sourceVal.state === 'unknown') {
    const rt = resultType();
    diags.push(...rt.diags);
    return { value: withMarks(unknownVal(rt.type), marksOf(sourceVal)), diags };
  }

  const [plain, marks] = unmarkTop(sourceVal);
  const elems = (plain as { v: readonly Value[] }).v;
  const vals: Value[] = [];
  let isKnown = true;
  for (const item of elems) {
    const r = withBinding(expr.item, item, () => evalExpr(expr.each, ctx));
    diags.push(...r.diags);
    if (hasErrors(r.diags)) isKnown = false;
    vals.push(r.value);
  }

  if (upgradedUnknown) return { value: withMarks(DynamicVal, marks), diags };
  if (!isKnown) {
    // The type pass would only repeat the errors already reported.
    return { value: withMarks(unknownVal(resultType().type), marks), diags };
  }
  if (sourceTy.kind === 'list' || sourceTy.kind === 'set') {
    if (vals.length === 0) {
      const rt = resultType();
      diags.push(...rt.diags);
      const elemType = rt.type.kind === 'list' ? rt.type.elem : DynamicType;
      return { value: withMarks(listValEmpty(elemType), marks), diags };
    }
    if (!canListVal(vals)) {
      diags.push(
        errorDiag(
          'Invalid nested splat expressions',
          "The second level of splat expression produced elements of different types, so it isn't possible to construct a valid list to represent the top-level result.\n\nConsider using a for expression instead, to produce a tuple-typed result which can therefore have non-homogenous element types.",
          expr.each.range,
          expr.range,
        ),
      );
      return { value: DynamicVal, diags };
    }
    return { value: withMarks(listVal(vals), marks), diags };
  }
  return { value: withMarks(tupleVal(vals), marks), diags };
}
