/**
 * String templates (hclsyntax TemplateExpr and TemplateJoinExpr): every part is converted to a
 * string and concatenated; null parts are errors, an unknown part makes the result unknown (while
 * the remaining parts are still checked), and the result carries the marks of all parts.
 */
import type * as ast from '../ast.js';
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import { StringType } from '../types.js';
import type { Mark, Value } from '../value.js';
import { stringVal, unknownVal } from '../values.js';
import { evalExpr } from './eval.js';
import { unmarkTop, withMarks } from './eval-marks.js';

const invalidInterpolation = 'Invalid template interpolation value';

function stringOf(v: Value): string {
  return (v as { v: string }).v;
}

export function evalTemplate(expr: ast.TemplateExpr, ctx: EvalContext | undefined): ValueResult {
  const diags: Diagnostic[] = [];
  const marks = new Set<Mark>();
  let text = '';
  let isKnown = true;
  for (const part of expr.parts) {
    const r = evalExpr(part, ctx);
    diags.push(...r.diags);
    if (r.value.state === 'null') {
      diags.push(
        errorDiag(
          invalidInterpolation,
          'The expression result is null. Cannot include a null value in a string template.',
          part.range,
          expr.range,
        ),
      );
      continue;
    }
    const [plain, partMarks] = unmarkTop(r.value);
    for (const m of partMarks) marks.add(m);
    if (plain.state === 'unknown') {
      // Keep going: later parts may still have errors to report.
      isKnown = false;
      continue;
    }
    const conv = convert(plain, StringType);
    if (!conv.ok) {
      diags.push(
        errorDiag(
          invalidInterpolation,
          `Cannot include the given value in a string template: ${conv.message}.`,
          part.range,
          expr.range,
        ),
      );
      continue;
    }
    if (isKnown && !hasErrors(diags)) text += stringOf(unmarkTop(conv.value)[0]);
  }
  const value = isKnown ? stringVal(text) : unknownVal(StringType);
  return { value: withMarks(value, marks), diags };
}

export function evalTemplateJoin(expr: ast.TemplateJoinExpr, ctx: EvalContext | undefined): ValueResult {
  const { value: tuple, diags } = evalExpr(expr.tuple, ctx);
  if (tuple.state !== 'known' || tuple.type.kind !== 'tuple') return { value: unknownVal(StringType), diags };
  const [plain, tupleMarks] = unmarkTop(tuple);
  const allMarks: Iterable<Mark>[] = [tupleMarks];
  let text = '';
  for (const val of (plain as { v: readonly Value[] }).v) {
    if (val.state === 'null') {
      diags.push(
        errorDiag(
          invalidInterpolation,
          'An iteration result is null. Cannot include a null value in a string template.',
          expr.tuple.range,
        ),
      );
      continue;
    }
    if (val.type.kind === 'dynamic') return { value: withMarks(unknownVal(StringType), tupleMarks), diags };
    const conv = convert(val, StringType);
    if (!conv.ok) {
      diags.push(
        errorDiag(
          invalidInterpolation,
          `Cannot include one of the interpolation results into the string template: ${conv.message}.`,
          expr.tuple.range,
        ),
      );
      continue;
    }
    if (val.state === 'unknown') return { value: withMarks(unknownVal(StringType), tupleMarks), diags };
    const [str, strMarks] = unmarkTop(conv.value);
    allMarks.push(strMarks);
    text += stringOf(str);
  }
  return { value: withMarks(stringVal(text), ...allMarks), diags };
}
