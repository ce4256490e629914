/**
 * Decoding an attribute that takes no variables (a variable's description/sensitive, a validation's
 * error_message): evaluate without a context and convert, as gohcl.DecodeExpression(expr, nil, &x).
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { Expression } from '../hcl/hcl.js';
import { BoolType, StringType, type Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import { asBool, asString, isNull, unmark } from '../hcl/values.js';

function decodeStatic(expr: Expression, type: Type): { value?: Value; diags: Diagnostic[] } {
  const { value, diags } = expr.value(undefined);
  if (hasErrors(diags)) return { diags };
  const conv = convert(unmark(value)[0], type);
  if (!conv.ok) {
    diags.push(
      errorDiag('Unsuitable value type', `Unsuitable value: ${conv.message}`, expr.startRange, expr.range),
    );
    return { diags };
  }
  if (conv.value.state !== 'known' || isNull(conv.value)) return { diags };
  return { value: conv.value, diags };
}

export function staticString(expr: Expression): { value?: string; diags: Diagnostic[] } {
  const { value, diags } = decodeStatic(expr, StringType);
  return { value: value && asString(value), diags };
}

export function staticBool(expr: Expression): { value?: boolean; diags: Diagnostic[] } {
  const { value, diags } = decodeStatic(expr, BoolType);
  return { value: value && asBool(value), diags };
}
