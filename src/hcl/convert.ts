/**
 * cty/convert: converting values between types. "Safe" conversions never fail for a known value
 * of the source type (number→string, list→list of a safely convertible element type…); "unsafe"
 * ones may (string→number, list→set, map→object…). `convert` uses unsafe conversions, as cty's
 * Convert does. Unknown and null values convert to unknown/null of the target type; top-level
 * marks are kept.
 */
import {
  conversionCollectionToList,
  conversionCollectionToMap,
  conversionCollectionToSet,
  conversionMapToObject,
  conversionObjectToMap,
  conversionObjectToObject,
  conversionTupleToList,
  conversionTupleToSet,
  conversionTupleToTuple,
} from './convert-structural.js';
import { ConversionError, type PathConversion, withoutOptionalAttributesDeep } from './convert-types.js';
import { mismatchMessage } from './mismatch.js';
import { BigFloat } from './number.js';
import { DynamicType, isPrimitive, listOf, mapOf, setOf, type Type, typeEquals } from './types.js';
import { unify } from './unify.js';
import type { Value } from './value.js';
import type { Path } from './value-path.js';
import { False, True, markValue, nullVal, stringVal, unknownVal, unmark } from './values.js';

export { conformanceErrors } from './conformance.js';
export {
  ConversionError,
  withoutOptionalAttributesDeep,
  friendlyNameForConstraint,
} from './convert-types.js';
export { mismatchMessage } from './mismatch.js';
export { unify, unifyTypes } from './unify.js';

export type ConvertResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly message: string; readonly path: Path };

/** A conversion between two fixed types (cty convert.Conversion). */
export type Conversion = (v: Value) => ConvertResult;

/** cty convert.Convert: the value converted to `want` (unsafe conversions allowed). */
export function convert(v: Value, want: Type): ConvertResult {
  if (typeEquals(v.type, withoutOptionalAttributesDeep(want))) return { ok: true, value: v };
  const conv = getConversion(v.type, want, true);
  if (!conv) return { ok: false, message: mismatchMessage(v.type, want), path: [] };
  return runConversion(conv, v);
}

/** cty GetConversion (safe) / GetConversionUnsafe: undefined when no conversion exists. */
export function getPublicConversion(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  const conv = getConversion(from, to, unsafe);
  return conv ? (v) => runConversion(conv, v) : undefined;
}

/** Whether some conversion from `from` to `to` exists (it may still fail for particular values if unsafe). */
export function canConvert(from: Type, to: Type, unsafe = true): boolean {
  return typeEquals(from, to) || getConversion(from, to, unsafe) !== undefined;
}

export function runConversion(conv: PathConversion, v: Value): ConvertResult {
  try {
    return { ok: true, value: conv(v, []) };
  } catch (e) {
    if (e instanceof ConversionError) return { ok: false, message: e.message, path: e.path };
    throw e;
  }
}

/** The internal conversion with cty's wrapper for marks, dynamic targets, unknowns and nulls. */
export function getConversion(from: Type, to: Type, unsafe: boolean): PathConversion | undefined {
  const conv = getConversionKnown(from, to, unsafe);
  if (!conv) return undefined;
  const wrapped: PathConversion = (v, path) => {
    if (v.marks && v.marks.size > 0) {
      const [u, marks] = unmark(v);
      return markValue(wrapped(u, path), ...marks);
    }
    if (to.kind === 'dynamic') return v;
    if (v.state === 'unknown') return unknownVal(dynamicReplace(v.type, withoutOptionalAttributesDeep(to)));
    if (v.state === 'null') return nullVal(dynamicReplace(v.type, withoutOptionalAttributesDeep(to)));
    return conv(v, path);
  };
  return wrapped;
}

function getConversionKnown(from: Type, to: Type, unsafe: boolean): PathConversion | undefined {
  if (to.kind === 'dynamic') return (v) => v;
  if (unsafe && from.kind === 'dynamic') return dynamicFixup(to);
  if (isPrimitive(from) && isPrimitive(to)) return primitiveConversion(from, to, unsafe);
  if (to.kind === 'object' && from.kind === 'object') return conversionObjectToObject(from, to, unsafe);
  if (to.kind === 'tuple' && from.kind === 'tuple') return conversionTupleToTuple(from, to, unsafe);
  if (to.kind === 'list' && (from.kind === 'list' || from.kind === 'set')) {
    if (typeEquals(from.elem, to.elem)) return conversionCollectionToList(to.elem, undefined);
    const elemConv = getConversion(from.elem, to.elem, unsafe);
    return elemConv ? conversionCollectionToList(to.elem, elemConv) : undefined;
  }
  if (to.kind === 'set' && (from.kind === 'list' || from.kind === 'set')) {
    if (from.kind === 'list' && !unsafe) return undefined;
    if (typeEquals(from.elem, to.elem)) return conversionCollectionToSet(to.elem, undefined);
    const elemConv = getConversion(from.elem, to.elem, unsafe);
    return elemConv ? conversionCollectionToSet(to.elem, elemConv) : undefined;
  }
  if (to.kind === 'map' && from.kind === 'map') {
    const elemConv = getConversion(from.elem, to.elem, unsafe);
    return elemConv ? conversionCollectionToMap(to.elem, elemConv) : undefined;
  }
  if (to.kind === 'list' && from.kind === 'tuple') return conversionTupleToList(from, to.elem, unsafe);
  if (to.kind === 'set' && from.kind === 'tuple') return conversionTupleToSet(from, to.elem, unsafe);
  if (to.kind === 'map' && from.kind === 'object') return conversionObjectToMap(from, to.elem, unsafe);
  if (to.kind === 'object' && from.kind === 'map')
    return unsafe ? conversionMapToObject(from, to, unsafe) : undefined;
  return undefined;
}

function dynamicFixup(want: Type): PathConversion {
  return (v, path) => {
    const r = convert(v, want);
    if (!r.ok) throw new ConversionError(r.message, [...path, ...r.path]);
    return r.value;
  };
}

function primitiveConversion(from: Type, to: Type, unsafe: boolean): PathConversion | undefined {
  if (to.kind === 'string' && from.kind === 'number') {
    return (v) => stringVal((v as Value & { v: BigFloat }).v.text('f', -1));
  }
  if (to.kind === 'string' && from.kind === 'bool') {
    return (v) => stringVal((v as Value & { v: boolean }).v ? 'true' : 'false');
  }
  if (!unsafe || from.kind !== 'string') return undefined;
  if (to.kind === 'number') {
    return (v, path) => {
      const n = BigFloat.parse((v as Value & { v: string }).v);
      if (!n) throw new ConversionError('a number is required', path);
      return { type: to, state: 'known', v: n };
    };
  }
  if (to.kind === 'bool') {
    return (v, path) => {
      const s = (v as Value & { v: string }).v;
      if (s === 'true' || s === '1') return True;
      if (s === 'false' || s === '0') return False;
      const lower = goToLower(s);
      if (lower === 'true' || lower === 'false') {
        throw new ConversionError(
          `a bool is required; to convert from string, use lowercase "${lower}"`,
          path,
        );
      }
      throw new ConversionError('a bool is required', path);
    };
  }
  return undefined;
}

/** Go's strings.ToLower differs from JS only for a few special cases irrelevant to "true"/"false". */
function goToLower(s: string): string {
  return s.toLowerCase();
}

/**
 * cty convert's dynamicReplace: the target type with its dynamic parts filled in from the
 * source type, used as the type of unknown and null results.
 */
export function dynamicReplace(from: Type, to: Type): Type {
  if (from.kind === 'dynamic') return to;
  switch (to.kind) {
    case 'dynamic':
      return from;
    case 'string':
    case 'number':
    case 'bool':
      return to;
    case 'map':
      if (from.kind === 'map') return mapOf(dynamicReplace(from.elem, to.elem));
      if (from.kind === 'object') {
        const unified = unify([...from.attrs.values()], true)?.type ?? DynamicType;
        return mapOf(dynamicReplace(unified, to.elem));
      }
      return to;
    case 'object': {
      const attrs = new Map<string, Type>();
      if (from.kind === 'map') {
        for (const [k, a] of to.attrs) attrs.set(k, dynamicReplace(from.elem, a));
      }
      if (from.kind === 'object') {
        for (const [k, a] of to.attrs) {
          const fa = from.attrs.get(k);
          attrs.set(k, fa ? dynamicReplace(fa, a) : a);
        }
      }
      return { kind: 'object', attrs };
    }
    case 'set':
    case 'list': {
      const make = to.kind === 'set' ? setOf : listOf;
      if (from.kind === 'set' || from.kind === 'list') return make(dynamicReplace(from.elem, to.elem));
      if (from.kind === 'tuple') {
        const unified = unify(from.elems, true)?.type ?? DynamicType;
        return make(dynamicReplace(unified, to.elem));
      }
      return to;
    }
    case 'tuple':
      return {
        kind: 'tuple',
        elems: to.elems.map((t, i) =>
          dynamicReplace(from.kind === 'tuple' ? (from.elems[i] ?? DynamicType) : DynamicType, t),
        ),
      };
  }
}
