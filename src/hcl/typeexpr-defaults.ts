/**
 * HCL typeexpr Defaults.Apply: fill missing or null optional attributes with their declared
 * defaults, recursing through collections, tuples and objects as the type constraint describes.
 */
import type { TypeDefaults } from './typeexpr.js';
import { compareStrings } from './go-strings.js';
import { unify } from './unify.js';
import type { Value } from './value.js';
import {
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  objectVal,
  setVal,
  setValEmpty,
  tupleVal,
  unmark,
  withMarks,
} from './values.js';

export function applyTypeDefaults(v: Value, d: TypeDefaults): Value {
  if (v.state !== 'known') return v;
  if ((d.defaultValues?.size ?? 0) === 0 && (d.children?.size ?? 0) === 0) return v;
  const [u, marks] = unmark(v);
  const p = (u as Value & { v: unknown }).v;
  const t = u.type;
  let result: Value = u;
  if (t.kind === 'set' || t.kind === 'list' || t.kind === 'tuple') {
    const values = (p as readonly Value[]).map((e, i) => {
      const child = getChild(d, i);
      return child ? applyTypeDefaults(e, child) : e;
    });
    result = tupleVal(values);
    if (t.kind === 'set' || t.kind === 'list') {
      if (values.length === 0) {
        result = t.kind === 'set' ? setValEmpty(t.elem) : listValEmpty(t.elem);
      } else {
        const converted = unifyAll(values);
        if (converted && converted.length > 0)
          result = t.kind === 'set' ? setVal(converted) : listVal(converted);
      }
    }
  } else if (t.kind === 'object' || t.kind === 'map') {
    const values = new Map<string, Value>();
    for (const [k, e] of p as ReadonlyMap<string, Value>) {
      const child = getChild(d, k);
      values.set(k, child ? applyTypeDefaults(e, child) : e);
    }
    for (const [k, dv] of d.defaultValues ?? []) {
      const cur = values.get(k);
      if (cur === undefined || cur.state === 'null') {
        const child = d.children?.get(k);
        values.set(k, child ? applyTypeDefaults(dv, child) : dv);
      }
    }
    result = objectVal(values);
    if (t.kind === 'map') {
      if (values.size === 0) result = mapValEmpty(t.elem);
      else {
        const keys = [...values.keys()].sort(compareStrings);
        const converted = unifyAll(keys.map((k) => values.get(k)!));
        if (converted && converted.length > 0)
          result = mapVal(new Map(keys.map((k, i) => [k, converted[i]!])));
      }
    }
  }
  return withMarks(result, marks);
}

function getChild(d: TypeDefaults, key: number | string): TypeDefaults | undefined {
  if (typeof key === 'number' && d.type.kind === 'tuple') return d.children?.get(String(key));
  if (typeof key === 'string' && d.type.kind === 'object') return d.children?.get(key);
  return d.children?.get('');
}

/** Convert all values to their unified type (unsafe), or undefined if that fails. */
function unifyAll(values: readonly Value[]): Value[] | undefined {
  const u = unify(
    values.map((v) => v.type),
    true,
  );
  if (!u) return undefined;
  const out: Value[] = [];
  for (let i = 0; i < values.length; i++) {
    const c = u.conversions[i];
    if (!c) {
      out.push(values[i]!);
      continue;
    }
    const r = c(values[i]!);
    if (!r.ok) return undefined;
    out.push(r.value);
  }
  return out;
}
