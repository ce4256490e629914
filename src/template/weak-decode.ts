/**
 * Packer decodes legacy JSON templates with mapstructure's weakly typed input (and a hook splitting
 * strings on commas into lists), not with HCL's type conversion: `"ami_groups": "all"` is a list of one,
 * `"headless": 1` a true bool, `"ssh_pty": "T"` too. This rewrites a value so that cty's conversion to
 * the argument's type then gives what Packer's decoder would.
 */
import type { BigFloat } from '../hcl/number.js';
import type { Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import { boolVal, stringVal, tupleVal } from '../hcl/values.js';

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function weaklyTyped(v: Value, want: Type): Value {
  if (v.state !== 'known' || v.marks?.size) return v;
  const kind = v.type.kind;
  switch (want.kind) {
    case 'list':
    case 'set':
      if (kind === 'string') {
        const s = v.v as string;
        // Packer's StringToSlice hook: "" is an empty list, "a,b" two elements.
        return tupleVal(s === '' ? [] : s.split(',').map(stringVal));
      }
      // mapstructure: a single value where a slice is wanted becomes a slice of one.
      if (kind === 'number' || kind === 'bool') return tupleVal([v]);
      return v;
    case 'bool':
      if (kind === 'number') return boolVal(!(v.v as BigFloat).isZero());
      if (kind === 'string') {
        const s = v.v as string;
        if (TRUE_WORDS.has(s)) return boolVal(true);
        if (FALSE_WORDS.has(s)) return boolVal(false);
      }
      return v;
    case 'string':
      if (kind === 'bool') return stringVal(v.v ? '1' : '0');
      return v;
    default:
      return v;
  }
}
