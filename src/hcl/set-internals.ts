/**
 * cty's set internals: element deduplication (cty Equals) and the canonical iteration order of
 * cty/set_internals.go — known values before unknowns before nulls; numbers ascending, strings in
 * byte (code point) order, false before true; other element types ordered by their "hash bytes"
 * serialisation. Ties keep insertion order, as Go's stable sort over a hash bucket does.
 */
import { equals, rawEquals } from './equality.js';
import { compareStrings, goQuote } from './go-strings.js';
import type { BigFloat } from './number.js';
import type { Value } from './value.js';

/** cty's appendSetHashBytes serialisation (marks are ignored; set elements are unmarked). */
export function setHashString(v: Value): string {
  if (v.state === 'unknown') return '?';
  if (v.state === 'null') return '~';
  const t = v.type;
  const p = v.v;
  switch (t.kind) {
    case 'number':
      return (p as BigFloat).goString();
    case 'bool':
      return p ? 'T' : 'F';
    case 'string':
      return goQuote(p as string);
    case 'map': {
      let out = '{';
      for (const [k, e] of p as ReadonlyMap<string, Value>) out += `${goQuote(k)}:${setHashString(e)};`;
      return `${out}}`;
    }
    case 'list':
    case 'set':
      return `[${(p as readonly Value[]).map((e) => `${setHashString(e)};`).join('')}]`;
    case 'object': {
      let out = '<';
      for (const e of (p as ReadonlyMap<string, Value>).values()) out += `${setHashString(e)};`;
      return `${out}>`;
    }
    case 'tuple':
      return `<${(p as readonly Value[]).map((e) => `${setHashString(e)};`).join('')}>`;
    default:
      return '?';
  }
}

/** cty setRules.Less. */
function setLess(a: Value, b: Value, hash: Map<Value, string>): boolean {
  if (rawEquals(a, b)) return false;
  if (b.state === 'null' && a.state !== 'null') return true;
  if (a.state === 'null') return false;
  if (a.state === 'known' && b.state !== 'known') return true;
  if (a.state !== 'known') return false;
  const av = a.v;
  const bv = (b as Value & { v: unknown }).v;
  switch (a.type.kind) {
    case 'string':
      return compareStrings(av as string, bv as string) < 0;
    case 'bool':
      return bv === true || av !== true;
    case 'number':
      return (av as BigFloat).cmp(bv as BigFloat) < 0;
    default:
      return compareStrings(hash.get(a)!, hash.get(b)!) < 0;
  }
}

/**
 * Deduplicate and order unmarked set elements of one type. As in cty, duplicates are looked for
 * only among elements with the same hash serialisation, and equivalence is cty Equals being true.
 */
export function sortSetElements(elems: readonly Value[]): Value[] {
  const buckets = new Map<string, Value[]>();
  const hash = new Map<Value, string>();
  const unique: Value[] = [];
  for (const e of elems) {
    const h = setHashString(e);
    const bucket = buckets.get(h) ?? [];
    if (bucket.some((u) => isTrue(equals(u, e)))) continue;
    bucket.push(e);
    buckets.set(h, bucket);
    hash.set(e, h);
    unique.push(e);
  }
  const keyed = unique.map((e, i) => ({ e, i }));
  keyed.sort((x, y) => {
    if (setLess(x.e, y.e, hash)) return -1;
    if (setLess(y.e, x.e, hash)) return 1;
    return x.i - y.i;
  });
  return keyed.map((k) => k.e);
}

function isTrue(v: Value): boolean {
  return v.state === 'known' && v.v === true;
}

/** Whether a set (as an element array) has an element equal to v (cty set Has). */
export function setHas(elems: readonly Value[], v: Value): boolean {
  const h = setHashString(v);
  return elems.some((e) => setHashString(e) === h && isTrue(equals(e, v)));
}
