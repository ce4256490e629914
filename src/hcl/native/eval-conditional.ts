/**
 * `cond ? a : b` (hclsyntax ConditionalExpr). Both results are evaluated and unified to one type
 * first, so a type mismatch is reported whichever branch is taken; a literal null on one side
 * takes the type of the other. An unknown condition gives an unknown of the unified type.
 */
import type * as ast from '../ast.js';
import { convert, unifyTypes } from '../convert.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import { rangeBetween } from '../pos.js';
import { BoolType, DynamicType, friendlyName, type Type, typeEquals } from '../types.js';
import type { Value } from '../value.js';
import { DynamicVal, nullVal, unknownVal } from '../values.js';
import { evalExpr } from './eval.js';
import { unmarkTop, withMarks } from './eval-marks.js';

function isDynamicNull(v: Value): boolean {
  return v.state === 'null' && v.type.kind === 'dynamic' && !v.marks?.size;
}

export function evalConditional(expr: ast.ConditionalExpr, ctx: EvalContext | undefined): ValueResult {
  const t = evalExpr(expr.trueResult, ctx);
  const f = evalExpr(expr.falseResult, ctx);
  const diags: Diagnostic[] = [];

  let resultType: Type | undefined = DynamicType;
  // Which branches need converting to resultType once chosen.
  let convertTrue = false;
  let convertFalse = false;
  if (isDynamicNull(t.value)) {
    resultType = f.value.type;
    convertTrue = true;
  } else if (isDynamicNull(f.value)) {
    resultType = t.value.type;
    convertFalse = true;
  } else if (t.value.type.kind !== 'dynamic' && f.value.type.kind !== 'dynamic') {
    resultType = unifyTypes([t.value.type, f.value.type]);
    convertTrue = convertFalse = true;
  }

  if (resultType === undefined) {
    return {
      value: DynamicVal,
      diags: [
        errorDiag(
          'Inconsistent conditional result types',
          `The true and false result expressions must have consistent types. ${describeTypeMismatch(t.value.type, f.value.type)}.`,
          rangeBetween(expr.trueResult.range, expr.falseResult.range),
          expr.range,
        ),
      ],
    };
  }

  const cond = evalExpr(expr.condition, ctx);
  diags.push(...cond.diags);
  if (cond.value.state === 'null') {
    diags.push(
      errorDiag(
        'Null condition',
        'The condition value is null. Conditions must either be true or false.',
        expr.condition.range,
        expr.range,
      ),
    );
    return { value: unknownVal(resultType), diags };
  }

  const [condVal, condMarks] = unmarkTop(cond.value);
  const [trueVal, trueMarks] = unmarkTop(t.value);
  const [falseVal, falseMarks] = unmarkTop(f.value);
  const resMarks = [condMarks, trueMarks, falseMarks];

  if (condVal.state === 'unknown') {
    // Branch diagnostics are dropped here, as HCL does: neither branch was really taken.
    const v =
      trueVal.state === 'null' && falseVal.state === 'null' ? nullVal(resultType) : unknownVal(resultType);
    return { value: withMarks(v, ...resMarks), diags };
  }

  const condBool = convert(condVal, BoolType);
  if (!condBool.ok) {
    diags.push(
      errorDiag(
        'Incorrect condition type',
        'The condition expression must be of type bool.',
        expr.condition.range,
        expr.range,
      ),
    );
    return { value: unknownVal(resultType), diags };
  }

  const takeTrue = (condBool.value as { v: boolean }).v === true;
  const branch = takeTrue ? t : f;
  const branchExpr = takeTrue ? expr.trueResult : expr.falseResult;
  let result = takeTrue ? trueVal : falseVal;
  diags.push(...branch.diags);
  if (takeTrue ? convertTrue : convertFalse) {
    const conv = convert(result, resultType);
    if (conv.ok) {
      result = conv.value;
    } else {
      diags.push(
        errorDiag(
          'Inconsistent conditional result types',
          `The ${takeTrue ? 'true' : 'false'} result value has the wrong type: ${conv.message}.`,
          branchExpr.range,
          expr.range,
        ),
      );
      result = unknownVal(resultType);
    }
  }
  return { value: withMarks(result, ...resMarks), diags };
}

/** Explains why two result types do not unify (HCL's describeConditionalTypeMismatch). */
export function describeTypeMismatch(trueTy: Type, falseTy: Type): string {
  if (trueTy.kind === 'object' && falseTy.kind === 'object') {
    const trueAttrs = [...trueTy.attrs.keys()].sort();
    const falseAttrs = [...falseTy.attrs.keys()].sort();
    for (const name of trueAttrs) {
      const fa = falseTy.attrs.get(name);
      if (!fa)
        return `The 'true' value includes object attribute "${name}", which is absent in the 'false' value`;
      const ta = trueTy.attrs.get(name)!;
      if (!typeEquals(ta, fa)) {
        return `Type mismatch for object attribute "${name}": ${describeTypeMismatch(ta, fa)}`;
      }
    }
    for (const name of falseAttrs) {
      if (!trueTy.attrs.has(name)) {
        return `The 'false' value includes object attribute "${name}", which is absent in the 'true' value`;
      }
    }
  } else if (trueTy.kind === 'tuple' && falseTy.kind === 'tuple') {
    if (trueTy.elems.length !== falseTy.elems.length) {
      return `The 'true' tuple has length ${trueTy.elems.length}, but the 'false' tuple has length ${falseTy.elems.length}`;
    }
    for (let i = 0; i < trueTy.elems.length; i++) {
      const te = trueTy.elems[i]!;
      const fe = falseTy.elems[i]!;
      if (!typeEquals(te, fe)) return `Type mismatch for tuple element ${i}: ${describeTypeMismatch(te, fe)}`;
    }
  } else if (
    (trueTy.kind === 'list' || trueTy.kind === 'map' || trueTy.kind === 'set') &&
    trueTy.kind === falseTy.kind
  ) {
    const te = trueTy.elem;
    const fe = (falseTy as typeof trueTy).elem;
    if ((te.kind === 'object' && fe.kind === 'object') || (te.kind === 'tuple' && fe.kind === 'tuple')) {
      return `Mismatched ${trueTy.kind} element types: ${describeTypeMismatch(te, fe)}`;
    }
  }
  const trueName = friendlyName(trueTy);
  const falseName = friendlyName(falseTy);
  if (trueName === falseName) {
    return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  }
  return `The 'true' value is ${trueName}, but the 'false' value is ${falseName}`;
}
