/** cty/convert conversions between collection and structural types (lists, sets, maps, tuples, objects). */
import { getConversion } from './convert.js';
import {
  ConversionError,
  isOptionalAttr,
  type PathConversion,
  withoutOptionalAttributesDeep,
} from './convert-types.js';
import { mismatchMessage } from './mismatch.js';
import { isCollection, listOf, type Type, typeEquals } from './types.js';
import { unify } from './unify.js';
import type { Value } from './value.js';
import { attrStep, indexStep, type Path } from './value-path.js';
import {
  canListVal,
  isWhollyKnown,
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  setValEmpty,
  stringVal,
  unknownVal,
} from './values.js';

type SeqType = Extract<Type, { kind: 'list' | 'set' | 'map' }>;
type TupleType = Extract<Type, { kind: 'tuple' }>;
type ObjectType = Extract<Type, { kind: 'object' }>;

function seqOf(v: Value): readonly Value[] {
  return (v as Value & { v: readonly Value[] }).v;
}

function dictOf(v: Value): ReadonlyMap<string, Value> {
  return (v as Value & { v: ReadonlyMap<string, Value> }).v;
}

/** Null results lose optional-attribute annotations, as cty does. */
function plainNull(v: Value): Value {
  return v.state === 'null' ? { ...v, type: withoutOptionalAttributesDeep(v.type) } : v;
}

/** A sequence's elements, each converted by `conv` (if any) at its index path, nulls made plain. */
function convertedElements(val: Value, path: Path, conv: PathConversion | undefined): Value[] {
  return seqOf(val).map((e, i) => plainNull(conv ? conv(e, [...path, indexStep(numberVal(i))]) : e));
}

/** cty CanSetVal/CanMapVal: like CanListVal, marks play no part. */
function canSetVal(elems: readonly Value[]): boolean {
  return canListVal(elems);
}

export function conversionCollectionToList(ety: Type, conv: PathConversion | undefined): PathConversion {
  return (val, path) => {
    const inElem = (val.type as SeqType).elem;
    // A set whose unknown elements may coalesce has an unknown length (cty keeps the source element type).
    if (val.type.kind === 'set' && seqOf(val).length !== 1 && !isWhollyKnown(val))
      return unknownVal(listOf(inElem));
    const elems = convertedElements(val, path, conv);
    if (elems.length === 0)
      return listValEmpty(ety.kind === 'dynamic' ? inElem : withoutOptionalAttributesDeep(ety));
    if (!canListVal(elems))
      throw new ConversionError('element types must all match for conversion to list', path);
    return listVal(elems);
  };
}

export function conversionCollectionToSet(ety: Type, conv: PathConversion | undefined): PathConversion {
  return (val, path) => {
    const elems = convertedElements(val, path, conv);
    if (elems.length === 0) {
      return setValEmpty(
        ety.kind === 'dynamic' ? (val.type as SeqType).elem : withoutOptionalAttributesDeep(ety),
      );
    }
    if (!canSetVal(elems))
      throw new ConversionError('element types must all match for conversion to set', path);
    return setVal(elems);
  };
}

export function conversionCollectionToMap(ety: Type, conv: PathConversion | undefined): PathConversion {
  return (val, path) => {
    let elems = new Map<string, Value>();
    for (const [k, e] of dictOf(val)) {
      elems.set(k, conv ? conv(e, [...path, indexStep(stringVal(k))]) : e);
    }
    if (elems.size === 0) {
      return mapValEmpty(
        ety.kind === 'dynamic' ? (val.type as SeqType).elem : withoutOptionalAttributesDeep(ety),
      );
    }
    if (isCollection(ety) || ety.kind === 'object') elems = unifyMapElements(elems, path, false);
    if (!canListVal([...elems.values()]))
      throw new ConversionError('element types must all match for conversion to map', path);
    return mapVal(elems);
  };
}

/** A tuple's element conversions towards one element type, unifying first when that type is dynamic. */
function tupleElementConversions(
  etys: readonly Type[],
  want: Type,
  unsafe: boolean,
): { ety: Type; convs: (PathConversion | undefined)[] } | undefined {
  let ety = want;
  if (ety.kind === 'dynamic') {
    const unified = unify(etys, unsafe);
    if (!unified) return undefined;
    ety = unified.type;
    if (ety.kind === 'dynamic' && etys.some((t) => t.kind !== 'dynamic')) return undefined;
  }
  const convs: (PathConversion | undefined)[] = [];
  for (const t of etys) {
    if (typeEquals(t, ety)) {
      convs.push(undefined);
      continue;
    }
    const c = getConversion(t, ety, unsafe);
    if (!c) return undefined;
    convs.push(c);
  }
  return { ety, convs };
}

export function conversionTupleToSet(
  tupleType: TupleType,
  setEty: Type,
  unsafe: boolean,
): PathConversion | undefined {
  if (tupleType.elems.length === 0) return () => setValEmpty(withoutOptionalAttributesDeep(setEty));
  const plan = tupleElementConversions(tupleType.elems, setEty, unsafe);
  if (!plan) return undefined;
  return (val, path) => {
    const elems = seqOf(val).map((e, i) => {
      const c = plan.convs[i];
      return plainNull(c ? c(e, [...path, indexStep(numberVal(i))]) : e);
    });
    if (!canSetVal(elems))
      throw new ConversionError('element types must all match for conversion to set', path);
    return setVal(elems);
  };
}

export function conversionTupleToList(
  tupleType: TupleType,
  listEty: Type,
  unsafe: boolean,
): PathConversion | undefined {
  if (tupleType.elems.length === 0) return () => listValEmpty(withoutOptionalAttributesDeep(listEty));
  const plan = tupleElementConversions(tupleType.elems, listEty, unsafe);
  if (!plan) return undefined;
  return (val, path) => {
    let lastPath: Path = path;
    let elems = seqOf(val).map((e, i) => {
      lastPath = [...path, indexStep(numberVal(i))];
      const c = plan.convs[i];
      return c ? c(e, lastPath) : e;
    });
    // cty passes the last element's path here, so unification errors get one index step too many.
    elems = unifyListElements(elems, lastPath, unsafe);
    if (!canListVal(elems))
      throw new ConversionError('element types must all match for conversion to list', path);
    return listVal(elems);
  };
}

export function conversionObjectToMap(
  objectType: ObjectType,
  mapEty: Type,
  unsafe: boolean,
): PathConversion | undefined {
  if (objectType.attrs.size === 0) return () => mapValEmpty(withoutOptionalAttributesDeep(mapEty));
  let ety = mapEty;
  if (ety.kind === 'dynamic') {
    const unified = unify([...objectType.attrs.values()], unsafe);
    if (!unified) return undefined;
    ety = unified.type;
  }
  const convs = new Map<string, PathConversion>();
  for (const [name, aty] of objectType.attrs) {
    if (typeEquals(aty, ety)) continue;
    const c = getConversion(aty, ety, unsafe);
    if (!c) return undefined;
    convs.set(name, c);
  }
  return (val, path) => {
    let elems = new Map<string, Value>();
    for (const [name, e] of dictOf(val)) {
      const c = convs.get(name);
      elems.set(name, c ? c(e, [...path, indexStep(stringVal(name))]) : e);
    }
    if (isCollection(ety) || ety.kind === 'object') elems = unifyMapElements(elems, path, unsafe);
    if (!canListVal([...elems.values()])) {
      throw new ConversionError('attribute types must all match for conversion to map', path);
    }
    return mapVal(elems);
  };
}

export function conversionMapToObject(
  mapType: SeqType,
  objType: ObjectType,
  unsafe: boolean,
): PathConversion | undefined {
  const convs = new Map<string, PathConversion | undefined>();
  for (const [name, aty] of objType.attrs) {
    if (typeEquals(aty, mapType.elem)) continue;
    const c = getConversion(mapType.elem, aty, unsafe);
    if (!c && !(isOptionalAttr(objType, name) && unsafe)) return undefined;
    convs.set(name, c);
  }
  return (val, path) => {
    const elems = new Map<string, Value>();
    for (const [name, e] of dictOf(val)) {
      if (!objType.attrs.has(name)) continue;
      let converted = e;
      const c = convs.get(name);
      if (c) converted = c(e, [...path, indexStep(stringVal(name))]);
      else if (convs.has(name)) {
        const message = mismatchMessage(e.type, objType.attrs.get(name)!);
        throw new ConversionError(
          `map element type is incompatible with attribute ${JSON.stringify(name)}: ${message}`,
          path,
        );
      }
      elems.set(name, plainNull(converted));
    }
    for (const [name, aty] of objType.attrs) {
      if (elems.has(name)) continue;
      if (isOptionalAttr(objType, name)) elems.set(name, nullVal(aty));
      else
        throw new ConversionError(`map has no element for required attribute ${JSON.stringify(name)}`, path);
    }
    return objectVal(elems);
  };
}

export function conversionObjectToObject(
  from: ObjectType,
  to: ObjectType,
  unsafe: boolean,
): PathConversion | undefined {
  const convs = new Map<string, PathConversion | undefined>();
  for (const [name, outAty] of to.attrs) {
    const inAty = from.attrs.get(name);
    if (!inAty) {
      if (isOptionalAttr(to, name)) continue;
      return undefined;
    }
    if (typeEquals(inAty, outAty)) {
      convs.set(name, undefined);
      continue;
    }
    const c = getConversion(inAty, outAty, unsafe);
    if (!c) return undefined;
    convs.set(name, c);
  }
  return (val, path) => {
    const attrs = new Map<string, Value>();
    for (const [name, e] of dictOf(val)) {
      if (!convs.has(name)) continue;
      const c = convs.get(name);
      attrs.set(name, plainNull(c ? c(e, [...path, attrStep(name)]) : e));
    }
    for (const name of to.optional ?? []) {
      if (!attrs.has(name)) attrs.set(name, nullVal(withoutOptionalAttributesDeep(to.attrs.get(name)!)));
    }
    return objectVal(attrs);
  };
}

export function conversionTupleToTuple(
  from: TupleType,
  to: TupleType,
  unsafe: boolean,
): PathConversion | undefined {
  if (from.elems.length !== to.elems.length) return undefined;
  const convs: (PathConversion | undefined)[] = [];
  for (let i = 0; i < to.elems.length; i++) {
    if (typeEquals(from.elems[i]!, to.elems[i]!)) {
      convs.push(undefined);
      continue;
    }
    const c = getConversion(from.elems[i]!, to.elems[i]!, unsafe);
    if (!c) return undefined;
    convs.push(c);
  }
  return (val, path) => {
    const elems = seqOf(val).map((e, i) => {
      const c = convs[i];
      return c ? c(e, [...path, indexStep(numberVal(i))]) : e;
    });
    return { type: { kind: 'tuple', elems: elems.map((e) => e.type) }, state: 'known', v: elems };
  };
}

function unifyMapElements(elems: Map<string, Value>, path: Path, unsafe: boolean): Map<string, Value> {
  const unified = unify(
    [...elems.values()].map((e) => e.type),
    unsafe,
  );
  if (!unified) throw new ConversionError('cannot find a common base type for all elements', path);
  const out = new Map<string, Value>();
  for (const [name, e] of elems) {
    if (typeEquals(e.type, unified.type)) {
      out.set(name, e);
      continue;
    }
    const c = getConversion(e.type, unified.type, unsafe);
    if (!c) throw new Error(`no conversion from ${e.type.kind} to unified type`);
    out.set(name, c(e, [...path, indexStep(stringVal(name))]));
  }
  return out;
}

function unifyListElements(elems: readonly Value[], path: Path, unsafe: boolean): Value[] {
  const unified = unify(
    elems.map((e) => e.type),
    unsafe,
  );
  if (!unified) throw new ConversionError('cannot find a common base type for all elements', path);
  return elems.map((e, i) => {
    if (typeEquals(e.type, unified.type)) return e;
    const c = getConversion(e.type, unified.type, unsafe);
    if (!c) throw new Error(`no conversion from ${e.type.kind} to unified type`);
    return c(e, [...path, indexStep(numberVal(i))]);
  });
}
