/**
 * Attribute access, indexing and traversals with HCL's rules and diagnostics (hcl.GetAttr,
 * hcl.Index, Traversal.TraverseAbs/TraverseRel): null and unknown values, did-you-mean for
 * variables, and careful messages for out-of-range or fractional indices.
 */
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import { didYouMean } from '../did-you-mean.js';
import { lookupVariable, visibleVariableNames } from '../eval-context.js';
import type { EvalContext, ValueResult } from '../hcl.js';
import type { BigFloat } from '../number.js';
import type { Range } from '../pos.js';
import type { Traversal, Traverser } from '../traversal.js';
import { friendlyName, isPrimitive, type Type } from '../types.js';
import type { Value } from '../value.js';
import { DynamicVal, unknownVal } from '../values.js';
import { marksOf, unmarkTop, withMarks } from './eval-marks.js';

const invalidIndex = 'Invalid index';
const noIndexDetail = 'The given key does not identify an element in this collection value';

function fail(summary: string, detail: string, subject: Range | undefined): ValueResult {
  return { value: DynamicVal, diags: [errorDiag(summary, detail, subject)] };
}

function ok(value: Value): ValueResult {
  return { value, diags: [] };
}

function payload<T>(v: Value): T {
  return (v as { v: unknown }).v as T;
}

/** `collection[key]`, as hcl.Index. */
export function hclIndex(collection: Value, key: Value, range: Range | undefined): ValueResult {
  if (collection.state === 'null') {
    return fail('Attempt to index null value', 'This value is null, so it does not have any indices.', range);
  }
  if (key.state === 'null') return fail(invalidIndex, "Can't use a null value as an indexing key.", range);
  const ty = collection.type;
  if (key.type.kind === 'dynamic' || ty.kind === 'dynamic')
    return ok(withMarks(DynamicVal, marksOf(collection)));

  switch (ty.kind) {
    case 'list':
    case 'tuple':
    case 'map':
      return indexCollection(collection, ty, key, range);
    case 'object': {
      const wasNumber = key.type.kind === 'number';
      const conv = convert(key, { kind: 'string' });
      if (!conv.ok) return fail(invalidIndex, `${noIndexDetail}: ${conv.message}.`, range);
      if (conv.value.state === 'unknown') return ok(withMarks(DynamicVal, marksOf(collection)));
      const name = payload<string>(unmarkTop(conv.value)[0]);
      const attrType = ty.attrs.get(name);
      if (!attrType) {
        const extra = wasNumber
          ? ' An object only supports looking up attributes by name, not by numeric index.'
          : '';
        return fail(invalidIndex, `${noIndexDetail}.${extra}`, range);
      }
      if (collection.state === 'unknown') return ok(withMarks(unknownVal(attrType), marksOf(collection)));
      return ok(attributeOf(collection, name));
    }
    case 'set':
      return fail(
        invalidIndex,
        "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
        range,
      );
    default:
      return fail(invalidIndex, 'This value does not have any indices.', range);
  }
}

function indexCollection(
  collection: Value,
  ty: Extract<Type, { kind: 'list' | 'tuple' | 'map' }>,
  rawKey: Value,
  range: Range | undefined,
): ValueResult {
  const conv = convert(rawKey, ty.kind === 'map' ? { kind: 'string' } : { kind: 'number' });
  if (!conv.ok) return fail(invalidIndex, `${noIndexDetail}: ${conv.message}.`, range);
  const [key, keyMarks] = unmarkTop(conv.value);
  const [coll, collMarks] = unmarkTop(collection);
  if (key.state === 'unknown' || coll.state === 'unknown') {
    const v = ty.kind === 'tuple' ? DynamicVal : unknownVal(ty.elem);
    return ok(withMarks(v, collMarks));
  }
  if (ty.kind === 'map') {
    const found = payload<ReadonlyMap<string, Value>>(coll).get(payload<string>(key));
    if (found === undefined) return fail(invalidIndex, `${noIndexDetail}.`, range);
    return ok(withMarks(found, collMarks, keyMarks));
  }
  const elems = payload<readonly Value[]>(coll);
  const bf = payload<BigFloat>(key);
  if (!bf.isInteger()) {
    return fail(
      invalidIndex,
      `${noIndexDetail}: indexing a sequence requires a whole number, but the given index has a fractional part.`,
      range,
    );
  }
  if (bf.sign() < 0) {
    return fail(
      invalidIndex,
      `${noIndexDetail}: a negative number is not a valid index for a sequence.`,
      range,
    );
  }
  const i = bf.toNumber();
  if (i >= elems.length) {
    if (collection.marks && collection.marks.size > 0) return fail(invalidIndex, `${noIndexDetail}.`, range);
    const why =
      elems.length === 0
        ? 'the collection has no elements'
        : 'the given index is greater than or equal to the length of the collection';
    return fail(invalidIndex, `${noIndexDetail}: ${why}.`, range);
  }
  return ok(withMarks(elems[i]!, collMarks, keyMarks));
}

/** A known object's attribute, carrying the object's marks (cty's GetAttr on a marked value). */
function attributeOf(obj: Value, name: string): Value {
  const [plain, marks] = unmarkTop(obj);
  return withMarks(payload<ReadonlyMap<string, Value>>(plain).get(name)!, marks);
}

/** `obj.name`, as hcl.GetAttr. */
export function hclGetAttr(obj: Value, name: string, range: Range | undefined): ValueResult {
  if (obj.state === 'null') {
    return fail(
      'Attempt to get attribute from null value',
      'This value is null, so it does not have any attributes.',
      range,
    );
  }
  const unsupported = 'Unsupported attribute';
  const ty = obj.type;
  switch (ty.kind) {
    case 'object': {
      const attrType = ty.attrs.get(name);
      if (!attrType)
        return fail(unsupported, `This object does not have an attribute named "${name}".`, range);
      if (obj.state === 'unknown') return ok(withMarks(unknownVal(attrType), marksOf(obj)));
      return ok(attributeOf(obj, name));
    }
    case 'map': {
      if (obj.state === 'unknown') return ok(withMarks(unknownVal(ty.elem), marksOf(obj)));
      const [plain, marks] = unmarkTop(obj);
      const found = payload<ReadonlyMap<string, Value>>(plain).get(name);
      if (found === undefined) {
        return fail(
          'Missing map element',
          `This map does not have an element with the key "${name}".`,
          range,
        );
      }
      return ok(withMarks(found, marks));
    }
    case 'dynamic':
      return ok(withMarks(DynamicVal, marksOf(obj)));
    case 'list':
      if (ty.elem.kind === 'object') {
        const detail = ty.elem.attrs.has(name)
          ? `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific element of the list, or across all elements of the list?`
          : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?";
        return fail(unsupported, detail, range);
      }
      break;
    case 'set':
      if (ty.elem.kind === 'object') {
        return fail(
          unsupported,
          "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?",
          range,
        );
      }
      break;
    default:
      if (isPrimitive(ty)) {
        return fail(
          unsupported,
          `Can't access attributes on a primitive-typed value (${friendlyName(ty)}).`,
          range,
        );
      }
  }
  return fail(unsupported, 'This value does not have any attributes.', range);
}

function step(val: Value, t: Traverser): ValueResult {
  switch (t.type) {
    case 'attr':
      return hclGetAttr(val, t.name, t.range);
    case 'index':
      return hclIndex(val, t.key, t.range);
    default:
      // Roots never appear in relative traversals; splats are not traversal steps in HCL either.
      return fail('Invalid traversal', 'This traversal step cannot be applied to a value.', t.range);
  }
}

/** Applies a relative traversal; stops at the first step with errors (Traversal.TraverseRel). */
export function traverseRel(val: Value, traversal: Traversal): ValueResult {
  let current = val;
  const diags: Diagnostic[] = [];
  for (const t of traversal) {
    const r = step(current, t);
    diags.push(...r.diags);
    if (hasErrors(r.diags)) return { value: DynamicVal, diags };
    current = r.value;
  }
  return { value: current, diags };
}

/** Looks up the root name in the context chain, then applies the rest (Traversal.TraverseAbs). */
export function traverseAbs(traversal: Traversal, ctx: EvalContext | undefined): ValueResult {
  const root = traversal[0];
  if (root?.type !== 'root') return traverseRel(DynamicVal, traversal);
  const { found, anyTable } = lookupVariable(ctx, root.name);
  if (found !== undefined) return traverseRel(found, traversal.slice(1));
  if (!anyTable) return fail('Variables not allowed', 'Variables may not be used here.', root.range);
  const hint = didYouMean(root.name, visibleVariableNames(ctx));
  return fail('Unknown variable', `There is no variable named "${root.name}".${hint}`, root.range);
}
