/**
 * Packer decodes a legacy template's plugin configuration with mapstructure's weakly typed input and
 * a string-to-slice hook (packer-plugin-sdk template/config.Decode). So a legacy template may write
 * `"ami_regions": "{{user `regions`}}"` (a comma-separated string for a list), `"headless": "true"` or
 * `"1"` (a bool), `"disk_size": ""` (zero). This reshapes a JSON-derived value towards the schema's
 * type by those rules; HCL's conversion then does the rest, and reports what still does not fit.
 */
import type { Type } from '../../hcl/types.js';
import type { Value } from '../../hcl/value.js';
import type { BigFloat } from '../../hcl/number.js';
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
} from '../../hcl/values.js';

const trueWords = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function weakValue(v: Value, want: Type): Value {
  if (isMarked(v)) {
    const [plain, marks] = unmark(v);
    return withMarks(weakValue(plain, want), marks);
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
    return tupleVal(elements(v).map((e) => weakValue(e, elem)));
  if (k === 'string') {
    const s = v.v as string;
    if (s === '') return listValEmpty(elem);
    return tupleVal(s.split(',').map((part) => weakValue(stringVal(part), elem)));
  }
  // A single value where a list is wanted is a list of one.
  return tupleVal([weakValue(v, elem)]);
}

function mapEntries(v: Value, typeOf: (name: string) => Type | undefined): Value {
  const out = new Map<string, Value>();
  for (const [name, e] of entries(v)) {
    const t = typeOf(name);
    out.set(name, t ? weakValue(e, t) : e);
  }
  return objectVal(out);
}

/** mapstructure reads an empty JSON array as an empty map. */
function emptyArrayAsObject(v: Value): Value {
  return v.type.kind === 'tuple' && elements(v).length === 0 ? objectVal(new Map()) : v;
}
