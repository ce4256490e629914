/** Shared helpers for the evaluator tests: parse-and-evaluate, small stand-ins for cty stdlib functions. */
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/hcl/diagnostics.js';
import { defineFunction } from '../../../src/hcl/functions/call.js';
import { type EvalContext, FunctionArgError, type ValueResult } from '../../../src/hcl/hcl.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression, parseTemplate } from '../../../src/hcl/native/parser.js';
import type { Range } from '../../../src/hcl/pos.js';
import { DynamicType, NumberType, StringType } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import { asBigFloat, asString, elements, numberVal, stringVal } from '../../../src/hcl/values.js';

/** Parses `src` as an expression and evaluates it; diagnostics of both steps are returned together. */
export function evalSource(src: string, ctx?: EvalContext, filename = 'test.hcl'): ValueResult {
  const parsed = parseExpression(src, filename);
  const r = nativeExpression(parsed.expr).value(ctx);
  return { value: r.value, diags: [...parsed.diags, ...r.diags] };
}

/** Parses `src` as a bare template (as templatefile does) and evaluates it. */
export function evalTemplateSource(src: string, ctx?: EvalContext): ValueResult {
  const parsed = parseTemplate(src, 'test.tmpl');
  const r = nativeExpression(parsed.expr).value(ctx);
  return { value: r.value, diags: [...parsed.diags, ...r.diags] };
}

/** "line,col-line,col" for compact range assertions. */
export function rangeText(r: Range | undefined): string {
  if (!r) return '-';
  return `${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}

export function diagText(d: Diagnostic): string {
  return `${d.summary}: ${d.detail ?? ''} @${rangeText(d.subject)}`;
}

export function assertNoDiags(diags: readonly Diagnostic[]): void {
  assert.deepEqual(diags.map(diagText), []);
}

/** Small versions of the cty stdlib functions HCL's own tests call. */
export const testFunctions = {
  UpperFunc: defineFunction({
    params: [{ name: 'str', type: StringType, allowDynamicType: true }],
    returnType: StringType,
    impl: ([s]) => stringVal(asString(s!).toUpperCase()),
  }),
  NegateFunc: defineFunction({
    params: [{ name: 'num', type: NumberType, allowDynamicType: true, allowMarked: true }],
    returnType: NumberType,
    impl: ([n]) => {
      const v = numberVal(asBigFloat(n!).neg());
      return n!.marks ? { ...v, marks: n!.marks } : v;
    },
  }),
  StrlenFunc: defineFunction({
    params: [{ name: 'str', type: StringType, allowDynamicType: true }],
    returnType: NumberType,
    impl: ([s]) => numberVal([...new Intl.Segmenter().segment(asString(s!))].length),
  }),
  MinFunc: defineFunction({
    params: [],
    varParam: { name: 'numbers', type: NumberType, allowDynamicType: true },
    returnType: NumberType,
    impl: (args) => {
      if (args.length === 0) throw new FunctionArgError(0, 'must pass at least one number');
      return args.reduce((a, b) => (asBigFloat(b).cmp(asBigFloat(a)) < 0 ? b : a));
    },
  }),
  ConcatFunc: defineFunction({
    params: [],
    varParam: { name: 'seqs', type: DynamicType, allowMarked: true },
    returnType: DynamicType,
    impl: (args): Value => {
      const out: Value[] = [];
      for (const a of args) out.push(...elements(a));
      return { type: { kind: 'tuple', elems: out.map((v) => v.type) }, state: 'known', v: out };
    },
  }),
};
