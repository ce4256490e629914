/**
 * Binary and unary operators (hclsyntax BinaryOpExpr/UnaryOpExpr), each behaving as the cty stdlib
 * function HCL maps it to: operands are converted to the parameter type ("Invalid operand"), marks
 * are set aside and reapplied, `&&`/`||` short-circuit around unknowns, and a null operand of an
 * arithmetic or comparison operator is an "Operation failed" error.
 */
import type * as ast from '../ast.js';
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import { equals } from '../equality.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import { type BigFloat, BigFloatNaNError } from '../number.js';
import { BoolType, DynamicType, NumberType, type Type } from '../types.js';
import type { Value } from '../value.js';
import { boolVal, False, numberVal, True, unknownVal } from '../values.js';
import { evalExpr } from './eval.js';
import { unmarkTop, withMarks } from './eval-marks.js';

type Arith = '+' | '-' | '*' | '/' | '%';

/** What each arithmetic operation says when big.Float would produce NaN. */
const nanMessages: Record<Arith, string> = {
  '+': "can't compute sum of opposing infinities",
  '-': "can't subtract infinity from itself",
  '*': "can't multiply zero by infinity",
  '/': "can't divide zero by zero or infinity by infinity",
  '%': "can't use modulo with zero and infinity",
};

function operandType(op: ast.BinaryOperator): Type {
  switch (op) {
    case '||':
    case '&&':
      return BoolType;
    case '==':
    case '!=':
      return DynamicType;
    default:
      return NumberType;
  }
}

function resultType(op: ast.BinaryOperator): Type {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '%' ? NumberType : BoolType;
}

const num = (v: Value): BigFloat => (v as { v: BigFloat }).v;
const bool = (v: Value): boolean => (v as { v: boolean }).v;
const isTrue = (v: Value): boolean => v.state === 'known' && bool(v) === true;
const isFalse = (v: Value): boolean => v.state === 'known' && bool(v) === false;

/** Thrown by applyBinary for cty function errors; reported as "Operation failed". */
class OperationError extends Error {}

export function evalBinaryOp(expr: ast.BinaryOpExpr, ctx: EvalContext | undefined): ValueResult {
  const paramType = operandType(expr.op);
  const opType = resultType(expr.op);
  const diags: Diagnostic[] = [];

  const lhs = evalExpr(expr.lhs, ctx);
  const lconv = convert(lhs.value, paramType);
  if (!lconv.ok) {
    diags.push(
      errorDiag(
        'Invalid operand',
        `Unsuitable value for left operand: ${lconv.message}.`,
        expr.lhs.range,
        expr.range,
      ),
    );
  }
  const rhs = evalExpr(expr.rhs, ctx);
  const rconv = convert(rhs.value, paramType);
  if (!rconv.ok) {
    diags.push(
      errorDiag(
        'Invalid operand',
        `Unsuitable value for right operand: ${rconv.message}.`,
        expr.rhs.range,
        expr.range,
      ),
    );
  }
  if (!lconv.ok || !rconv.ok) {
    diags.push(...lhs.diags, ...rhs.diags);
    return { value: unknownVal(opType), diags };
  }

  const [lv, lmarks] = unmarkTop(lconv.value);
  const [rv, rmarks] = unmarkTop(rconv.value);

  if (expr.op === '||' || expr.op === '&&') {
    const forced = shortCircuit(expr.op, lv, rv, lhs.diags, rhs.diags);
    if (forced) return { value: withMarks(forced.value, lmarks, rmarks), diags: forced.diags };
  }

  diags.push(...lhs.diags, ...rhs.diags);
  if (hasErrors(diags)) return { value: withMarks(unknownVal(opType), lmarks, rmarks), diags };

  try {
    return { value: withMarks(applyBinary(expr.op, lv, rv), lmarks, rmarks), diags };
  } catch (e) {
    if (!(e instanceof OperationError)) throw e;
    diags.push(errorDiag('Operation failed', `Error during operation: ${e.message}.`, expr.range));
    return { value: unknownVal(opType), diags };
  }
}

/**
 * `||` and `&&` settle early when one side decides the answer, or when an unknown does; the
 * diagnostics returned are those of the side that decided.
 */
function shortCircuit(
  op: '||' | '&&',
  lhs: Value,
  rhs: Value,
  lhsDiags: Diagnostic[],
  rhsDiags: Diagnostic[],
): ValueResult | undefined {
  const lUnknown = lhs.state === 'unknown';
  const rUnknown = rhs.state === 'unknown';
  const deciding = op === '||' ? isTrue : isFalse;
  const neutral = op === '||' ? isFalse : isTrue;
  const decided = op === '||' ? True : False;
  if (lUnknown && rUnknown) {
    // With errors on the left, the right may have errors too: do not skip them.
    return hasErrors(lhsDiags) ? undefined : { value: unknownVal(BoolType), diags: lhsDiags };
  }
  if (deciding(lhs)) return { value: decided, diags: lhsDiags };
  if (deciding(rhs)) return { value: decided, diags: rhsDiags };
  if (lUnknown && neutral(rhs)) return { value: unknownVal(BoolType), diags: lhsDiags };
  if (rUnknown && neutral(lhs)) return { value: unknownVal(BoolType), diags: rhsDiags };
  return undefined;
}

/** The operation on converted, unmarked operands, as cty's function.Call of the stdlib function. */
function applyBinary(op: ast.BinaryOperator, a: Value, b: Value): Value {
  if (op === '==' || op === '!=') {
    const eq = equals(a, b);
    if (op === '==' || eq.state !== 'known') return eq;
    return boolVal(!bool(eq));
  }
  if (a.state === 'null' || b.state === 'null') throw new OperationError('argument must not be null');
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (a.state === 'unknown' || b.state === 'unknown') return unknownVal(BoolType);
    const c = num(a).cmp(num(b));
    switch (op) {
      case '<':
        return boolVal(c < 0);
      case '<=':
        return boolVal(c <= 0);
      case '>':
        return boolVal(c > 0);
      default:
        return boolVal(c >= 0);
    }
  }
  if (a.state === 'unknown' || b.state === 'unknown') return unknownVal(resultType(op));
  if (op === '&&') return boolVal(bool(a) && bool(b));
  if (op === '||') return boolVal(bool(a) || bool(b));
  const x = num(a);
  const y = num(b);
  try {
    switch (op) {
      case '+':
        return numberVal(x.add(y));
      case '-':
        return numberVal(x.sub(y));
      case '*':
        return numberVal(x.mul(y));
      case '/':
        return numberVal(x.div(y));
      default:
        return numberVal(x.mod(y));
    }
  } catch (e) {
    if (e instanceof BigFloatNaNError) throw new OperationError(nanMessages[op]);
    throw e;
  }
}

export function evalUnaryOp(expr: ast.UnaryOpExpr, ctx: EvalContext | undefined): ValueResult {
  const type = expr.op === '!' ? BoolType : NumberType;
  const given = evalExpr(expr.val, ctx);
  const diags = [...given.diags];
  const conv = convert(given.value, type);
  if (!conv.ok) {
    diags.push(
      errorDiag(
        'Invalid operand',
        `Unsuitable value for unary operand: ${conv.message}.`,
        expr.val.range,
        expr.range,
      ),
    );
  }
  if (!conv.ok || hasErrors(diags)) return { value: unknownVal(type), diags };
  const v = conv.value;
  if (v.state === 'null') {
    diags.push(
      errorDiag('Operation failed', 'Error during operation: argument must not be null.', expr.range),
    );
    return { value: unknownVal(type), diags };
  }
  // Both functions accept marked operands and keep the marks; an unknown operand gives a bare unknown.
  if (v.state === 'unknown') return { value: unknownVal(type), diags };
  const [plain, marks] = unmarkTop(v);
  const result = expr.op === '!' ? boolVal(!bool(plain)) : numberVal(num(plain).neg());
  return { value: withMarks(result, marks), diags };
}
