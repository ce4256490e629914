/**
 * cty value equality: `equals` is the language operation (`==`): a bool value, unknown when the
 * answer depends on unknown values, marks carried over. `rawEquals` is the structural identity
 * test used by tests and by set ordering: same type, same marks, unknowns equal to unknowns.
 */
import { conformanceErrors } from './conformance.js';
import type { BigFloat } from './number.js';
import { hasDynamicTypes, typeEquals } from './types.js';
import type { Mark, Value } from './value.js';

const TRUE: Value = { type: { kind: 'bool' }, state: 'known', v: true };
const FALSE: Value = { type: { kind: 'bool' }, state: 'known', v: false };
const UNKNOWN_BOOL: Value = { type: { kind: 'bool' }, state: 'unknown' };

function bool(b: boolean): Value {
  return b ? TRUE : FALSE;
}

function sameMarks(a: Value, b: Value): boolean {
  const am = a.marks ?? new Set<Mark>();
  const bm = b.marks ?? new Set<Mark>();
  return am.size === bm.size && [...am].every((m) => bm.has(m));
}

function withoutMarks(v: Value): Value {
  if (!v.marks) return v;
  const { marks: _marks, ...rest } = v;
  return rest as Value;
}

function seq(v: Value): readonly Value[] {
  return (v as Value & { v: readonly Value[] }).v;
}

function dict(v: Value): ReadonlyMap<string, Value> {
  return (v as Value & { v: ReadonlyMap<string, Value> }).v;
}

/**
 * cty's number equality (rawNumberEqual as of cty 1.13, the line Packer builds on): same sign and
 * the same shortest decimal text, which depends on each number's precision; -0 equals 0.
 */
export function numbersEqual(a: BigFloat, b: BigFloat): boolean {
  if (a.sign() !== b.sign()) return false;
  const text = (x: BigFloat) => (x.isZero() ? '0' : x.toString());
  return text(a) === text(b);
}

export function rawEquals(a: Value, b: Value): boolean {
  if (!typeEquals(a.type, b.type)) return false;
  if (!sameMarks(a, b)) return false;
  const va = withoutMarks(a);
  const vb = withoutMarks(b);
  if (va.state === 'unknown' || vb.state === 'unknown') return va.state === vb.state;
  if (va.state === 'null' || vb.state === 'null') return va.state === vb.state;
  const t = va.type;
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'number':
    case 'bool':
    case 'string': {
      const eq = equals(va, vb);
      return eq.state === 'known' && eq.v === true;
    }
    case 'object':
    case 'map': {
      const ma = dict(va);
      const mb = dict(vb);
      if (ma.size !== mb.size) return false;
      for (const [k, e] of ma) {
        const o = mb.get(k);
        if (!o || !rawEquals(e, o)) return false;
      }
      return true;
    }
    default: {
      const la = seq(va);
      const lb = seq(vb);
      return la.length === lb.length && la.every((e, i) => rawEquals(e, lb[i]!));
    }
  }
}

function collectMarks(v: Value, into: Set<Mark>): Value {
  for (const m of v.marks ?? []) into.add(m);
  const u = withoutMarks(v);
  if (u.state !== 'known') return u;
  const p = u.v;
  if (Array.isArray(p))
    return { ...u, v: (p as readonly Value[]).map((e) => collectMarks(e, into)) } as Value;
  if (p instanceof Map) {
    return {
      ...u,
      v: new Map([...(p as ReadonlyMap<string, Value>)].map(([k, e]) => [k, collectMarks(e, into)])),
    } as Value;
  }
  return u;
}

function containsMarks(v: Value): boolean {
  if (v.marks && v.marks.size > 0) return true;
  if (v.state !== 'known') return false;
  const p = v.v;
  if (Array.isArray(p)) return (p as readonly Value[]).some(containsMarks);
  if (p instanceof Map) return [...(p as ReadonlyMap<string, Value>).values()].some(containsMarks);
  return false;
}

/** cty HasWhollyKnownType: no unknown of dynamic type anywhere inside. */
export function hasWhollyKnownType(v: Value): boolean {
  if (v.state === 'null') return true;
  if (v.state === 'unknown') return !hasDynamicTypes(v.type);
  const p = v.v;
  if (Array.isArray(p)) return (p as readonly Value[]).every(hasWhollyKnownType);
  if (p instanceof Map) return [...(p as ReadonlyMap<string, Value>).values()].every(hasWhollyKnownType);
  return true;
}

/** cty Value.Equals (the `==` operator). */
export function equals(a: Value, b: Value): Value {
  if (containsMarks(a) || containsMarks(b)) {
    const marks = new Set<Mark>();
    const r = equals(collectMarks(a, marks), collectMarks(b, marks));
    return { ...r, marks };
  }
  if (a.state === 'null' && b.state === 'known') return FALSE;
  if (b.state === 'null' && a.state === 'known') return FALSE;
  if (a.state === 'unknown' && b.state === 'unknown') return UNKNOWN_BOOL;
  if (a.state === 'unknown' || b.state === 'unknown') {
    const [k, u] = a.state === 'unknown' ? [b, a] : [a, b];
    if (k.state === 'null' || hasDynamicTypes(u.type)) return UNKNOWN_BOOL;
    return typeEquals(k.type, u.type) ? UNKNOWN_BOOL : FALSE;
  }
  if (a.state === 'null' && b.state === 'null') return TRUE;
  if (a.state === 'null' || b.state === 'null') return FALSE;
  if (!hasWhollyKnownType(a) || !hasWhollyKnownType(b)) {
    if (conformanceErrors(a.type, b.type).length > 0 && conformanceErrors(b.type, a.type).length > 0)
      return FALSE;
    return UNKNOWN_BOOL;
  }
  if (!typeEquals(a.type, b.type)) return FALSE;
  const t = a.type;
  switch (t.kind) {
    case 'number':
      return bool(numbersEqual(a.v as BigFloat, b.v as BigFloat));
    case 'bool':
    case 'string':
      return bool(a.v === b.v);
    case 'set': {
      const sa = seq(a);
      const sb = seq(b);
      if (sa.some((e) => e.state === 'unknown') || sb.some((e) => e.state === 'unknown')) return UNKNOWN_BOOL;
      const has = (list: readonly Value[], v: Value) => list.some((e) => isTrue(equals(e, v)));
      return bool(sa.every((e) => has(sb, e)) && sb.every((e) => has(sa, e)));
    }
    case 'object':
    case 'map': {
      const ma = dict(a);
      const mb = dict(b);
      if (ma.size !== mb.size) return FALSE;
      for (const [k, e] of ma) {
        const o = mb.get(k);
        if (!o) return FALSE;
        const eq = equals(e, o);
        if (eq.state !== 'known') return UNKNOWN_BOOL;
        if (eq.v !== true) return FALSE;
      }
      return TRUE;
    }
    default: {
      const la = seq(a);
      const lb = seq(b);
      if (la.length !== lb.length) return FALSE;
      for (let i = 0; i < la.length; i++) {
        const eq = equals(la[i]!, lb[i]!);
        if (eq.state !== 'known') return UNKNOWN_BOOL;
        if (eq.v !== true) return FALSE;
      }
      return TRUE;
    }
  }
}

function isTrue(v: Value): boolean {
  return v.state === 'known' && v.v === true;
}
