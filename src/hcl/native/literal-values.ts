/** The cty values the parser itself creates for literals and error placeholders. */
import { BigFloat } from '../number.js';
import { BoolType, DynamicType, NumberType, StringType } from '../types.js';
import type { Value } from '../value.js';

export function stringValue(s: string): Value {
  return { type: StringType, state: 'known', v: s.normalize('NFC') };
}

export const trueValue: Value = { type: BoolType, state: 'known', v: true };
export const falseValue: Value = { type: BoolType, state: 'known', v: false };
export const nullValue: Value = { type: DynamicType, state: 'null' };
/** cty.DynamicVal: the placeholder for a value that could not be determined (e.g. after a syntax error). */
export const dynamicValue: Value = { type: DynamicType, state: 'unknown' };
export const unknownNumber: Value = { type: NumberType, state: 'unknown' };

/** A number literal's value, as cty.ParseNumberVal would give it; undefined if not a valid number. */
export function numberValue(text: string): Value | undefined {
  const n = BigFloat.parse(text);
  return n === undefined ? undefined : { type: NumberType, state: 'known', v: n };
}

/**
 * Placeholders standing for an expression with a syntax error that still has a useful range (HCL's
 * ExprSyntaxError): an object constructor keeps such an item, so editors can still see it.
 */
export const syntaxErrorPlaceholders = new WeakSet<object>();
