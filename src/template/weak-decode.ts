/**
 * Packer decodes legacy JSON templates with mapstructure's weakly typed input and a hook splitting
 * strings on commas into lists (packer-plugin-sdk template/config.Decode), not with HCL's type
 * conversion: `"ami_groups": "all"` is a list of one, `"ami_users": ""` an empty list, `"headless": 1`
 * or `"T"` a true bool, `"ssh_port": ""` zero. This reshapes a value towards the argument's type, at
 * every level (list elements, map and object attributes), so that cty's conversion then gives what
 * Packer's decoder would, and reports what still does not fit.
 */
import type { BigFloat } from '../hcl/number.js';
import type { Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import {
  boolVal,
  elements,
  entries,
  isMarked,
  listValEmpty,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unmark,
  withMarks,
} from '../hcl/values.js';

const trueWords = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function weaklyTyped(v: Value, want: Type): Value {
  if (isMarked(v)) {
    const [plain, marks] = unmark(v);
    return withMarks(weaklyTyped(plain, want), marks);
  }
  if (v.state !== 'known') return v;
  const k = v.type.kind;
  switch (want.kind) {
    case 'string':
      if (k === 'bool') return stringVal((v.v as boolean) ? '1' : '0');
      return v;
    case 'bool':
      if (k === 'number') return boolVal(!(v.v as BigFloat).isZero());
      if (k === 'string') {
        const s = v.v as string;
        if (s === '') return boolVal(false);
        if (trueWords.has(s)) return boolVal(true);
        if (falseWords.has(s)) return boolVal(false);
      }
      return v;
    case 'number':
      if (k === 'bool') return numberVal((v.v as boolean) ? 1 : 0);
      if (k === 'string' && v.v === '') return numberVal(0);
      return v;
    case 'list':
    case 'set':
      return weakSequence(v, want.elem);
    case 'map':
      return k === 'object' || k === 'map' ? mapEntries(v, () => want.elem) : emptyArrayAsObject(v);
    case 'object':
      if (k === 'object' || k === 'map') return mapEntries(v, (name) => want.attrs.get(name));
      return emptyArrayAsObject(v);
    default:
      return v;
  }
}

function weakSequence(v: Value, elem: Type): Value {
  if (v.state !== 'known') return v;
  const k = v.type.kind;
  if (k === 'tuple' || k === 'list' || k === 'set')
    return tupleVal(elements(v).map((e) => weaklyTyped(e, elem)));
  if (k === 'string') {
    const s = v.v as string;
    if (s === '') return listValEmpty(elem);
    return tupleVal(s.split(',').map((part) => weaklyTyped(stringVal(part), elem)));
  }
  // A single value where a list is wanted is a list of one.
  return tupleVal([weaklyTyped(v, elem)]);
}

function mapEntries(v: Value, typeOf: (name: string) => Type | undefined): Value {
  const out = new Map<string, Value>();
  for (const [name, e] of entries(v)) {
    const t = typeOf(name);
    out.set(name, t ? weaklyTyped(e, t) : e);
  }
  return objectVal(out);
}

/** mapstructure reads an empty JSON array as an empty map. */
function emptyArrayAsObject(v: Value): Value {
  return v.type.kind === 'tuple' && elements(v).length === 0 ? objectVal(new Map()) : v;
}
