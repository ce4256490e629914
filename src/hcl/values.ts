/**
 * Constructors and accessors for cty values (see value.ts for the representation). Constructors
 * validate like cty's: inconsistent collection element types are programming errors and throw.
 *
 * Marks: a mark on a value applies to the whole value. Collections may hold marked elements
 * (except sets, whose element marks move to the set, as in cty). getAttr/indexValue carry the
 * container's marks over to the result, as HCL's traversal operations do; elements()/entries()
 * return the stored elements without the container's marks.
 */
import { BigFloat } from './number.js';
import { compareStrings } from './go-strings.js';
import { sortSetElements } from './set-internals.js';
import {
  BoolType,
  DynamicType,
  EmptyObjectType,
  EmptyTupleType,
  NumberType,
  StringType,
  type Type,
  listOf,
  mapOf,
  setOf,
  tupleOf,
  typeEquals,
} from './types.js';
import type { Mark, Value } from './value.js';

export { compareStrings };

function known(
  type: Type,
  v: string | BigFloat | boolean | readonly Value[] | ReadonlyMap<string, Value>,
): Value {
  return { type, state: 'known', v };
}

export function stringVal(s: string): Value {
  return known(StringType, s.normalize('NFC'));
}

/**
 * A number value. JS integers become cty.NumberIntVal (64-bit precision), other JS numbers
 * cty.NumberFloatVal (53), bigints SetInt, and strings are parsed as cty.ParseNumberVal (512).
 */
export function numberVal(n: BigFloat | number | bigint | string): Value {
  if (n instanceof BigFloat) return known(NumberType, n);
  if (typeof n === 'bigint') return known(NumberType, BigFloat.fromBigInt(n));
  if (typeof n === 'string') {
    const parsed = BigFloat.parse(n);
    if (!parsed) throw new Error(`numberVal: ${JSON.stringify(n)} is not a number`);
    return known(NumberType, parsed);
  }
  if (Number.isSafeInteger(n)) return known(NumberType, BigFloat.fromInt(n));
  return known(NumberType, BigFloat.fromNumber(n));
}

export function boolVal(b: boolean): Value {
  return b ? True : False;
}

export const True: Value = known(BoolType, true);
export const False: Value = known(BoolType, false);
export const Zero: Value = known(NumberType, BigFloat.fromInt(0));
export const PositiveInfinity: Value = known(NumberType, BigFloat.POS_INF);
export const NegativeInfinity: Value = known(NumberType, BigFloat.NEG_INF);

export function nullVal(type: Type): Value {
  return { type, state: 'null' };
}

export function unknownVal(type: Type): Value {
  return { type, state: 'unknown' };
}

export const DynamicVal: Value = unknownVal(DynamicType);
export const EmptyTupleVal: Value = known(EmptyTupleType, []);
export const EmptyObjectVal: Value = known(EmptyObjectType, new Map());

/** A value of dynamic type (necessarily unknown or null) re-expressed with a concrete type. */
function retype(v: Value, type: Type): Value {
  if (typeEquals(v.type, type)) return v;
  const base: Value = v.state === 'null' ? nullVal(type) : unknownVal(type);
  return v.marks ? { ...base, marks: v.marks } : base;
}

/** The common element type like cty's ListVal: the first non-dynamic type; others must match. */
function commonElementType(kind: string, vals: readonly Value[]): Type {
  let elem: Type = DynamicType;
  for (const v of vals) {
    if (elem.kind === 'dynamic') elem = v.type;
    else if (v.type.kind !== 'dynamic' && !typeEquals(elem, v.type)) {
      throw new Error(`inconsistent ${kind} element types`);
    }
  }
  return elem;
}

export function listVal(elems: readonly Value[]): Value {
  if (elems.length === 0) throw new Error('listVal requires at least one element; use listValEmpty');
  const elem = commonElementType('list', elems);
  return known(
    listOf(elem),
    elems.map((e) => retype(e, elem)),
  );
}

export function listValEmpty(elemType: Type): Value {
  return known(listOf(elemType), []);
}

/** Whether listVal/mapVal would accept these elements (cty.CanListVal). */
export function canListVal(elems: readonly Value[]): boolean {
  try {
    commonElementType('list', elems);
    return true;
  } catch {
    return false;
  }
}

export function tupleVal(elems: readonly Value[]): Value {
  return known(tupleOf(elems.map((e) => e.type)), [...elems]);
}

function normalisedEntries(entries: Record<string, Value> | ReadonlyMap<string, Value>): [string, Value][] {
  const list =
    entries instanceof Map ? [...entries.entries()] : Object.entries(entries as Record<string, Value>);
  const byKey = new Map<string, Value>();
  for (const [k, v] of list) byKey.set(k.normalize('NFC'), v);
  return [...byKey.entries()].sort(([a], [b]) => compareStrings(a, b));
}

export function mapVal(entries: Record<string, Value> | ReadonlyMap<string, Value>): Value {
  const list = normalisedEntries(entries);
  if (list.length === 0) throw new Error('mapVal requires at least one element; use mapValEmpty');
  const elem = commonElementType(
    'map',
    list.map(([, v]) => v),
  );
  return known(mapOf(elem), new Map(list.map(([k, v]) => [k, retype(v, elem)])));
}

export function mapValEmpty(elemType: Type): Value {
  return known(mapOf(elemType), new Map());
}

export function objectVal(attrs: Record<string, Value> | ReadonlyMap<string, Value>): Value {
  const list = normalisedEntries(attrs);
  const type: Type = { kind: 'object', attrs: new Map(list.map(([k, v]) => [k, v.type])) };
  return known(type, new Map(list));
}

/** A set: element marks move to the set, duplicates are removed, order is cty's canonical one. */
export function setVal(elems: readonly Value[]): Value {
  if (elems.length === 0) throw new Error('setVal requires at least one element; use setValEmpty');
  const marks = new Set<Mark>();
  const unmarked = elems.map((e) => {
    const [u, m] = unmarkDeep(e);
    for (const mark of m) marks.add(mark);
    return u;
  });
  const elem = commonElementType('set', unmarked);
  const result = known(setOf(elem), sortSetElements(unmarked.map((e) => retype(e, elem))));
  return marks.size > 0 ? markValue(result, ...marks) : result;
}

export function setValEmpty(elemType: Type): Value {
  return known(setOf(elemType), []);
}

// ---- accessors ----

export function isKnown(v: Value): boolean {
  return v.state !== 'unknown';
}

export function isNull(v: Value): boolean {
  return v.state === 'null';
}

/** Known all the way down (nulls count as known). */
export function isWhollyKnown(v: Value): boolean {
  if (v.state === 'unknown') return false;
  if (v.state === 'null') return true;
  const p = v.v;
  if (Array.isArray(p)) return (p as readonly Value[]).every(isWhollyKnown);
  if (p instanceof Map) {
    for (const e of p.values()) if (!isWhollyKnown(e)) return false;
  }
  return true;
}

function knownPayload(v: Value, what: string): unknown {
  if (v.state !== 'known') throw new Error(`${what}: value is ${v.state}`);
  return v.v;
}

export function asString(v: Value): string {
  if (v.type.kind !== 'string') throw new Error('asString: not a string');
  return knownPayload(v, 'asString') as string;
}

export function asBigFloat(v: Value): BigFloat {
  if (v.type.kind !== 'number') throw new Error('asBigFloat: not a number');
  return knownPayload(v, 'asBigFloat') as BigFloat;
}

/** The nearest JS number. */
export function asNumber(v: Value): number {
  return asBigFloat(v).toNumber();
}

export function asBool(v: Value): boolean {
  if (v.type.kind !== 'bool') throw new Error('asBool: not a bool');
  return knownPayload(v, 'asBool') as boolean;
}

/** Elements of a known list, tuple or set (set elements in canonical order). */
export function elements(v: Value): readonly Value[] {
  const k = v.type.kind;
  if (k !== 'list' && k !== 'tuple' && k !== 'set') throw new Error(`elements: not a sequence (${k})`);
  return knownPayload(v, 'elements') as readonly Value[];
}

/** Entries of a known map or object, keys in lexical order. */
export function entries(v: Value): [string, Value][] {
  const k = v.type.kind;
  if (k !== 'map' && k !== 'object') throw new Error(`entries: not a map or object (${k})`);
  return [...(knownPayload(v, 'entries') as ReadonlyMap<string, Value>).entries()];
}

/** Number of elements of a known collection, tuple or object (cty LengthInt). */
export function lengthInt(v: Value): number {
  if (v.type.kind === 'tuple') return v.type.elems.length;
  if (v.type.kind === 'object') return v.type.attrs.size;
  const p = knownPayload(v, 'lengthInt');
  if (Array.isArray(p)) return p.length;
  if (p instanceof Map) return p.size;
  throw new Error('lengthInt: not a collection');
}

function withContainerMarks(container: Value, result: Value): Value {
  return container.marks && container.marks.size > 0 ? markValue(result, ...container.marks) : result;
}

/**
 * The named attribute of an object (cty GetAttr); an unknown object gives an unknown of the
 * attribute type, a dynamic value gives DynamicVal. Throws if the attribute does not exist.
 */
export function getAttr(v: Value, name: string): Value {
  if (v.type.kind === 'dynamic') return withContainerMarks(v, DynamicVal);
  if (v.type.kind !== 'object') throw new Error('getAttr: value is not an object');
  const attrType = v.type.attrs.get(name);
  if (!attrType) throw new Error(`getAttr: no attribute ${JSON.stringify(name)}`);
  if (v.state === 'unknown') return withContainerMarks(v, unknownVal(attrType));
  if (v.state === 'null') return withContainerMarks(v, nullVal(attrType));
  return withContainerMarks(v, (v.v as ReadonlyMap<string, Value>).get(name)!);
}

/**
 * Index a list, tuple (number key) or map (string key), as cty's Index. Unknown collections or
 * keys give unknowns of the element type. Throws on a missing key or a wrong key type (HCL's
 * index operation checks those first and reports diagnostics).
 */
export function indexValue(v: Value, key: Value): Value {
  if (v.type.kind === 'dynamic') return withContainerMarks(v, DynamicVal);
  const t = v.type;
  const [k, keyMarks] = unmark(key);
  const mark = (r: Value) => {
    const withKey = keyMarks.size > 0 ? markValue(r, ...keyMarks) : r;
    return withContainerMarks(v, withKey);
  };
  if (t.kind === 'list' || t.kind === 'map') {
    if (k.type.kind === 'dynamic' || k.state === 'unknown' || v.state === 'unknown')
      return mark(unknownVal(t.elem));
  }
  switch (t.kind) {
    case 'list':
    case 'tuple': {
      if (k.type.kind === 'dynamic' || k.state === 'unknown') return mark(DynamicVal);
      if (k.type.kind !== 'number') throw new Error('indexValue: sequence index must be a number');
      const f = asBigFloat(k);
      const length = t.kind === 'tuple' ? t.elems.length : lengthInt(v);
      if (!f.isInteger() || f.sign() < 0 || f.cmp(BigFloat.fromInt(length)) >= 0) {
        throw new Error('indexValue: index out of range');
      }
      const i = Number(f.toBigInt());
      if (t.kind === 'tuple' && v.state !== 'known')
        return mark(v.state === 'null' ? nullVal(t.elems[i]!) : unknownVal(t.elems[i]!));
      return mark((knownPayload(v, 'indexValue') as readonly Value[])[i]!);
    }
    case 'map': {
      if (k.type.kind !== 'string') throw new Error('indexValue: map key must be a string');
      const m = knownPayload(v, 'indexValue') as ReadonlyMap<string, Value>;
      const e = m.get(asString(k));
      if (!e) throw new Error(`indexValue: no element ${JSON.stringify(asString(k))}`);
      return mark(e);
    }
    default:
      throw new Error(`indexValue: cannot index a ${t.kind}`);
  }
}

/** Whether the map/object has the key (false for unknown or null). */
export function hasIndex(v: Value, key: string): boolean {
  if (v.state !== 'known' || !(v.v instanceof Map)) return false;
  return v.v.has(key);
}

// ---- marks ----

export function markValue(v: Value, ...marks: Mark[]): Value {
  if (marks.length === 0) return v;
  const all = new Set<Mark>(v.marks ?? []);
  const before = all.size;
  for (const m of marks) all.add(m);
  if (all.size === before && v.marks) return v;
  return { ...v, marks: all };
}

/** Apply every mark of the given sets (cty WithMarks). */
export function withMarks(v: Value, ...markSets: Iterable<Mark>[]): Value {
  const marks: Mark[] = [];
  for (const s of markSets) marks.push(...s);
  return markValue(v, ...marks);
}

export function marksOf(v: Value): ReadonlySet<Mark> {
  return v.marks ?? new Set();
}

export function isMarked(v: Value): boolean {
  return v.marks !== undefined && v.marks.size > 0;
}

/** Remove the top-level marks. */
export function unmark(v: Value): [Value, Set<Mark>] {
  if (!v.marks || v.marks.size === 0) return [v, new Set()];
  const { marks, ...rest } = v;
  return [rest as Value, new Set(marks)];
}

/** Remove marks at every depth, returning the union of all of them. */
export function unmarkDeep(v: Value): [Value, Set<Mark>] {
  const found = new Set<Mark>();
  const strip = (x: Value): Value => {
    const [u, m] = unmark(x);
    for (const mark of m) found.add(mark);
    if (u.state !== 'known') return u;
    const p = u.v;
    if (Array.isArray(p)) return { ...u, v: (p as readonly Value[]).map(strip) } as Value;
    if (p instanceof Map) {
      return {
        ...u,
        v: new Map([...(p as ReadonlyMap<string, Value>)].map(([k, e]) => [k, strip(e)])),
      } as Value;
    }
    return u;
  };
  const result = strip(v);
  return [result, found];
}

export function hasMark(v: Value, m: Mark): boolean {
  return v.marks?.has(m) ?? false;
}

/** Whether the value or anything nested in it carries the mark. */
export function hasMarkDeep(v: Value, m: Mark): boolean {
  return unmarkDeep(v)[1].has(m);
}

/** Whether the value or anything nested in it is marked (cty ContainsMarked). */
export function containsMarked(v: Value): boolean {
  return unmarkDeep(v)[1].size > 0;
}

// ---- JS interop ----

/**
 * A value from plain JS data: strings, numbers, bigints, booleans, null (a null of dynamic type),
 * arrays (tuples), plain objects and Maps (objects), BigFloats and Values (kept as they are).
 */
export function valueFromJs(x: unknown): Value {
  if (x === null || x === undefined) return nullVal(DynamicType);
  if (typeof x === 'string') return stringVal(x);
  if (typeof x === 'number' || typeof x === 'bigint' || x instanceof BigFloat) return numberVal(x);
  if (typeof x === 'boolean') return boolVal(x);
  if (Array.isArray(x)) return tupleVal(x.map(valueFromJs));
  if (x instanceof Map) return objectVal(new Map([...x].map(([k, e]) => [String(k), valueFromJs(e)])));
  if (typeof x === 'object' && 'type' in x && 'state' in x) return x as Value;
  if (typeof x === 'object') {
    return objectVal(
      Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, e]) => [k, valueFromJs(e)])),
    );
  }
  throw new Error(`valueFromJs: unsupported ${typeof x}`);
}

/**
 * Plain JS data from a wholly known value: numbers become JS numbers (nearest float64), sets,
 * lists and tuples arrays, maps and objects plain objects, nulls null. Throws on unknowns.
 */
export function valueToJs(v: Value): unknown {
  if (v.state === 'unknown') throw new Error('valueToJs: value is unknown');
  if (v.state === 'null') return null;
  const p = v.v;
  if (p instanceof BigFloat) return p.toNumber();
  if (Array.isArray(p)) return (p as readonly Value[]).map(valueToJs);
  if (p instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of p as ReadonlyMap<string, Value>) out[k] = valueToJs(e);
    return out;
  }
  return p;
}
