/**
 * Evaluation of native expressions (hclsyntax Expression.Value): one function per node kind,
 * dispatched here. Evaluation never throws for configuration errors: each node returns a value
 * (DynamicVal or an unknown where it cannot do better) together with every diagnostic found.
 */
import type * as ast from '../ast.js';
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import type { Mark, Value } from '../value.js';
import { DynamicVal, objectVal, stringVal, tupleVal } from '../values.js';
import { evalFunctionCall } from './eval-call.js';
import { evalConditional } from './eval-conditional.js';
import { evalFor } from './eval-for.js';
import { unmarkTop, withMarks } from './eval-marks.js';
import { evalBinaryOp, evalUnaryOp } from './eval-operators.js';
import { anonSymbolValue, evalSplat } from './eval-splat.js';
import { evalTemplate, evalTemplateJoin } from './eval-template.js';
import { hclIndex, traverseAbs, traverseRel } from './eval-traversal.js';
import { objectKeyLiteralName } from './static.js';

export function evalExpr(expr: ast.Expr, ctx: EvalContext | undefined): ValueResult {
  switch (expr.kind) {
    case 'literal':
      return { value: expr.value, diags: [] };
    case 'template':
      return evalTemplate(expr, ctx);
    case 'templateWrap':
      // A lone interpolation yields its value unconverted.
      return evalExpr(expr.wrapped, ctx);
    case 'templateJoin':
      return evalTemplateJoin(expr, ctx);
    case 'scopeTraversal':
      return traverseAbs(expr.traversal, ctx);
    case 'relativeTraversal': {
      const src = evalExpr(expr.source, ctx);
      const r = traverseRel(src.value, expr.traversal);
      return { value: r.value, diags: [...src.diags, ...r.diags] };
    }
    case 'functionCall':
      return evalFunctionCall(expr, ctx);
    case 'conditional':
      return evalConditional(expr, ctx);
    case 'index': {
      const coll = evalExpr(expr.collection, ctx);
      const key = evalExpr(expr.key, ctx);
      const r = hclIndex(coll.value, key.value, expr.bracketRange);
      return { value: r.value, diags: [...coll.diags, ...key.diags, ...r.diags] };
    }
    case 'tupleCons': {
      const diags: Diagnostic[] = [];
      const vals = expr.exprs.map((e) => {
        const r = evalExpr(e, ctx);
        diags.push(...r.diags);
        return r.value;
      });
      return { value: tupleVal(vals), diags };
    }
    case 'objectCons':
      return evalObjectCons(expr, ctx);
    case 'objectConsKey':
      return evalObjectConsKey(expr, ctx);
    case 'for':
      return evalFor(expr, ctx);
    case 'splat':
      return evalSplat(expr, ctx);
    case 'anonSymbol':
      return { value: anonSymbolValue(expr), diags: [] };
    case 'binaryOp':
      return evalBinaryOp(expr, ctx);
    case 'unaryOp':
      return evalUnaryOp(expr, ctx);
    case 'parentheses':
      return evalExpr(expr.expression, ctx);
  }
}

function evalObjectCons(expr: ast.ObjectConsExpr, ctx: EvalContext | undefined): ValueResult {
  const diags: Diagnostic[] = [];
  const vals = new Map<string, Value>();
  const marks: Iterable<Mark>[] = [];
  // Any key we cannot produce (unknown or erroneous) leaves the object's type unknown.
  let known = true;
  for (const item of expr.items) {
    const key = evalExpr(item.keyExpr, ctx);
    diags.push(...key.diags);
    const val = evalExpr(item.valueExpr, ctx);
    diags.push(...val.diags);
    if (hasErrors(key.diags)) {
      known = false;
      continue;
    }
    if (key.value.state === 'null') {
      // HCL points this one at the value expression.
      diags.push(errorDiag('Null value as key', "Can't use a null value as a key.", item.valueExpr.range));
      known = false;
      continue;
    }
    const [plainKey, keyMarks] = unmarkTop(key.value);
    marks.push(keyMarks);
    const conv = convert(plainKey, { kind: 'string' });
    if (!conv.ok) {
      diags.push(
        errorDiag(
          'Incorrect key type',
          `Can't use this value as a key: ${conv.message}.`,
          item.keyExpr.range,
        ),
      );
      known = false;
      continue;
    }
    if (conv.value.state !== 'known') {
      known = false;
      continue;
    }
    vals.set((conv.value as { v: string }).v, val.value);
  }
  if (!known) return { value: DynamicVal, diags };
  return { value: withMarks(objectVal(vals), ...marks), diags };
}

function evalObjectConsKey(expr: ast.ObjectConsKeyExpr, ctx: EvalContext | undefined): ValueResult {
  if (!expr.forceNonLiteral) {
    // A dotted bare key is ambiguous: a reference, or a name containing periods?
    if (expr.wrapped.kind === 'scopeTraversal' && expr.wrapped.traversal.length > 1) {
      return {
        value: DynamicVal,
        diags: [
          errorDiag(
            'Ambiguous attribute key',
            "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.",
            expr.wrapped.range,
          ),
        ],
      };
    }
    const name = objectKeyLiteralName(expr);
    if (name !== undefined) return { value: stringVal(name), diags: [] };
  }
  return evalExpr(expr.wrapped, ctx);
}
