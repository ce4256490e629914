/**
 * cty convert.Unify / UnifyUnsafe: find one type that all the given types convert to, plus the
 * conversion for each (undefined where a type already is the result). HCL uses the unsafe
 * variant for conditional results; tuple→list conversion unifies element types.
 */
import { type Conversion, getPublicConversion } from './convert.js';
import { DynamicType, listOf, mapOf, setOf, type Type, typeEquals, typeString } from './types.js';
import type { Value } from './value.js';
import { DynamicVal } from './values.js';

export interface Unified {
  readonly type: Type;
  readonly conversions: (Conversion | undefined)[];
}

/** The unified type (unsafe by default, as HCL's conditional uses), or undefined if there is none. */
export function unifyTypes(types: readonly Type[], unsafe = true): Type | undefined {
  return unify(types, unsafe)?.type;
}

function conversionTo(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  return getPublicConversion(from, to, unsafe);
}

export function unify(types: readonly Type[], unsafe: boolean): Unified | undefined {
  if (types.length === 0) return undefined;
  // Unification depends only on which types occur, not how often: unify the distinct ones, so that a
  // 20,000-element tuple of two types does not cost 20,000² type comparisons.
  const distinct = new Map<string, number>();
  const slot = types.map((t) => {
    const key = typeString(t);
    const seen = distinct.get(key);
    if (seen !== undefined) return seen;
    distinct.set(key, distinct.size);
    return distinct.size - 1;
  });
  if (distinct.size < types.length) {
    const unique: Type[] = [];
    slot.forEach((i, j) => {
      unique[i] ??= types[j]!;
    });
    const r = unifyDistinct(unique, unsafe);
    return r && { type: r.type, conversions: slot.map((i) => r.conversions[i]) };
  }
  return unifyDistinct(types, unsafe);
}

function unifyDistinct(types: readonly Type[], unsafe: boolean): Unified | undefined {
  const count = { map: 0, list: 0, set: 0, object: 0, tuple: 0, dynamic: 0 };
  for (const t of types) {
    if (t.kind in count) count[t.kind as keyof typeof count]++;
  }
  const n = types.length;
  if (count.map > 0 && count.map + count.dynamic === n)
    return unifyCollectionTypes(mapOf, types, unsafe, count.dynamic > 0);
  if (count.map > 0 && count.map + count.object + count.dynamic === n) {
    const r = unifyObjectsAsMaps(types, unsafe);
    if (r && r.type.kind === 'map') return r;
  } else if (count.list > 0 && count.list + count.dynamic === n) {
    return unifyCollectionTypes(listOf, types, unsafe, count.dynamic > 0);
  } else if (count.list > 0 && count.list + count.tuple + count.dynamic === n) {
    const r = unifyTuplesAsList(types, unsafe);
    if (r && r.type.kind === 'list') return r;
  } else if (count.set > 0 && count.set + count.dynamic === n) {
    return unifyCollectionTypes(setOf, types, unsafe, count.dynamic > 0);
  } else if (count.object > 0 && count.object + count.dynamic === n) {
    return unifyObjectTypes(types, unsafe, count.dynamic > 0);
  } else if (count.tuple > 0 && count.tuple + count.dynamic === n) {
    return unifyTupleTypes(types, unsafe, count.dynamic > 0);
  } else if (count.object > 0 && count.tuple > 0) {
    return undefined;
  }

  for (const wantIdx of sortTypes(types)) {
    const want = types[wantIdx]!;
    const conversions: (Conversion | undefined)[] = [];
    let ok = true;
    for (let i = 0; i < n; i++) {
      if (i === wantIdx || typeEquals(types[i]!, want)) {
        conversions.push(undefined);
        continue;
      }
      const c = conversionTo(types[i]!, want, unsafe);
      if (!c) {
        ok = false;
        break;
      }
      conversions.push(c);
    }
    if (ok) return { type: want, conversions };
  }
  return undefined;
}

function conversionsTo(
  types: readonly Type[],
  ret: Type,
  unsafe: boolean,
): (Conversion | undefined)[] | undefined {
  const out: (Conversion | undefined)[] = [];
  for (const t of types) {
    if (typeEquals(t, ret)) {
      out.push(undefined);
      continue;
    }
    const c = conversionTo(t, ret, unsafe);
    if (!c) return undefined;
    out.push(c);
  }
  return out;
}

/** Replace the structural members by their list/map form, unify again, and chain the conversions. */
function unifyStructuralAs(
  types: readonly Type[],
  unsafe: boolean,
  structural: 'tuple' | 'object',
  toCollection: (ts: Type[], unsafe: boolean) => Unified | undefined,
  collectionKind: 'list' | 'map',
): Unified | undefined {
  const idxs: number[] = [];
  types.forEach((t, i) => {
    if (t.kind === structural) idxs.push(i);
  });
  const inner = toCollection(
    idxs.map((i) => types[i]!),
    unsafe,
  );
  if (!inner || inner.type.kind !== collectionKind) return undefined;
  const replaced = types.map((t, i) => (idxs.includes(i) ? inner.type : t));
  const outer = unify(replaced, unsafe);
  if (!outer || outer.type.kind !== collectionKind) return undefined;
  const conversions = [...outer.conversions];
  idxs.forEach((idx, k) => {
    const second = conversions[idx];
    const first = inner.conversions[k];
    if (!second) {
      conversions[idx] = first;
      return;
    }
    // cty applies the second conversion to the original input, not to the first one's result.
    conversions[idx] = (v) => {
      if (first) {
        const r = first(v);
        if (!r.ok) return r;
      }
      return second(v);
    };
  });
  return { type: outer.type, conversions };
}

function unifyTuplesAsList(types: readonly Type[], unsafe: boolean): Unified | undefined {
  return unifyStructuralAs(types, unsafe, 'tuple', unifyTupleTypesToList, 'list');
}

function unifyObjectsAsMaps(types: readonly Type[], unsafe: boolean): Unified | undefined {
  return unifyStructuralAs(types, unsafe, 'object', unifyObjectTypesToMap, 'map');
}

function unifyCollectionTypes(
  make: (t: Type) => Type,
  types: readonly Type[],
  unsafe: boolean,
  hasDynamic: boolean,
): Unified | undefined {
  if (hasDynamic) return unifyAllAsDynamic(types);
  const elem = unify(
    types.map((t) => (t as Extract<Type, { kind: 'list' | 'map' | 'set' }>).elem),
    unsafe,
  );
  if (!elem) return undefined;
  const ret = make(elem.type);
  const conversions = conversionsTo(types, ret, unsafe);
  return conversions ? { type: ret, conversions } : undefined;
}

type ObjectType = Extract<Type, { kind: 'object' }>;
type TupleType = Extract<Type, { kind: 'tuple' }>;

function unifyObjectTypes(types: readonly Type[], unsafe: boolean, hasDynamic: boolean): Unified | undefined {
  if (hasDynamic) return unifyAllAsDynamic(types);
  const objs = types as readonly ObjectType[];
  const first = objs[0]!.attrs;
  for (const t of objs.slice(1)) {
    if (t.attrs.size !== first.size || [...t.attrs.keys()].some((k) => !first.has(k))) {
      return unifyObjectTypesToMap([...objs], unsafe);
    }
  }
  const attrs = new Map<string, Type>();
  for (const name of first.keys()) {
    const u = unify(
      objs.map((t) => t.attrs.get(name)!),
      unsafe,
    );
    if (!u) return undefined;
    attrs.set(name, u.type);
  }
  const ret: Type = { kind: 'object', attrs };
  const conversions = conversionsTo(types, ret, unsafe);
  return conversions ? { type: ret, conversions } : unifyObjectTypesToMap([...objs], unsafe);
}

function unifyObjectTypesToMap(types: Type[], unsafe: boolean): Unified | undefined {
  const atys = (types as ObjectType[]).flatMap((t) => [...t.attrs.values()]);
  const elem = unify(atys, unsafe);
  if (!elem) return undefined;
  const ret = mapOf(elem.type);
  const conversions = conversionsTo(types, ret, unsafe);
  return conversions ? { type: ret, conversions } : undefined;
}

function unifyTupleTypes(types: readonly Type[], unsafe: boolean, hasDynamic: boolean): Unified | undefined {
  if (hasDynamic) return unifyAllAsDynamic(types);
  const tuples = types as readonly TupleType[];
  const first = tuples[0]!.elems;
  if (tuples.some((t) => t.elems.length !== first.length)) return unifyTupleTypesToList([...tuples], unsafe);
  const elems: Type[] = [];
  for (let i = 0; i < first.length; i++) {
    const u = unify(
      tuples.map((t) => t.elems[i]!),
      unsafe,
    );
    if (!u) return undefined;
    elems.push(u.type);
  }
  const ret: Type = { kind: 'tuple', elems };
  const conversions = conversionsTo(types, ret, unsafe);
  return conversions ? { type: ret, conversions } : unifyTupleTypesToList([...tuples], unsafe);
}

function unifyTupleTypesToList(types: Type[], unsafe: boolean): Unified | undefined {
  const etys = (types as TupleType[]).flatMap((t) => [...t.elems]);
  const elem = unify(etys, unsafe);
  if (!elem) return undefined;
  const ret = listOf(elem.type);
  const conversions = conversionsTo(types, ret, unsafe);
  return conversions ? { type: ret, conversions } : undefined;
}

function unifyAllAsDynamic(types: readonly Type[]): Unified {
  const toDynamic: Conversion = () => ({ ok: true, value: DynamicVal as Value });
  return { type: DynamicType, conversions: types.map(() => toDynamic) };
}

/** cty's sortTypes: a topological order of the types by "preference" (Kahn's algorithm). */
export function sortTypes(types: readonly Type[]): number[] {
  const n = types.length;
  const edges: number[][] = types.map(() => []);
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = compareTypes(types[i]!, types[j]!);
      if (c < 0) edges[i]!.push(j);
      else if (c > 0) edges[j]!.push(i);
    }
  }
  const inDegree = new Array<number>(n).fill(0);
  for (const outs of edges) for (const j of outs) inDegree[j]!++;
  // Like Go's slice trick, unreached positions of the result stay 0.
  const result = new Array<number>(n).fill(0);
  let head = 0;
  let tail = 0;
  inDegree.forEach((d, i) => {
    if (d === 0) result[tail++] = i;
  });
  while (head < tail) {
    const i = result[head++]!;
    for (const j of edges[i]!) {
      inDegree[j]!--;
      if (inDegree[j] === 0) result[tail++] = j;
    }
  }
  return result;
}

/** cty's compareTypes: negative when a is "more general" (preferred as a unification target) than b. */
export function compareTypes(a: Type, b: Type): number {
  if (a.kind === 'dynamic' || b.kind === 'dynamic') {
    if (a.kind !== 'dynamic') return -1;
    if (b.kind !== 'dynamic') return 1;
    return 0;
  }
  const prim = (t: Type) => t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
  if (prim(a) && prim(b) && (a.kind === 'string' || b.kind === 'string')) {
    if (a.kind !== 'string') return 1;
    if (b.kind !== 'string') return -1;
    return 0;
  }
  if ((a.kind === 'list' || a.kind === 'set' || a.kind === 'map') && a.kind === b.kind) {
    return compareTypes(a.elem, (b as typeof a).elem);
  }
  let swap = 1;
  if (
    (a.kind === 'tuple' && b.kind === 'list') ||
    (a.kind === 'object' && b.kind === 'map') ||
    (a.kind === 'set' && b.kind === 'tuple') ||
    (a.kind === 'set' && b.kind === 'list')
  ) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (b.kind === 'set' && (a.kind === 'tuple' || a.kind === 'list')) return -1 * swap;
  if (a.kind === 'list' && b.kind === 'tuple') return -1 * swap;
  if (a.kind === 'map' && b.kind === 'object') return -1 * swap;
  let aSuper = false;
  let bSuper = false;
  if (a.kind === 'object' && b.kind === 'object') {
    if (a.attrs.size !== b.attrs.size) return 0;
    for (const [k, t] of a.attrs) {
      const u = b.attrs.get(k);
      if (!u) return 0;
      const c = compareTypes(t, u);
      if (c < 0) aSuper = true;
      else if (c > 0) bSuper = true;
    }
  } else if (a.kind === 'tuple' && b.kind === 'tuple') {
    if (a.elems.length !== b.elems.length) return 0;
    a.elems.forEach((t, i) => {
      const c = compareTypes(t, (b as TupleType).elems[i]!);
      if (c < 0) aSuper = true;
      else if (c > 0) bSuper = true;
    });
  } else {
    return 0;
  }
  if (aSuper && bSuper) return 0;
  if (aSuper) return -1 * swap;
  if (bSuper) return swap;
  return 0;
}
