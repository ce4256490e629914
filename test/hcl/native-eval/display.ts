/** A compact debugging rendering of values for assertion messages (type, state, marks). */
import { typeString } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';

export function displayValue(v: Value): string {
  const marks = v.marks?.size ? `@{${[...v.marks].join(',')}}` : '';
  if (v.state === 'unknown') return `unknown(${typeString(v.type)})${marks}`;
  if (v.state === 'null') return `null(${typeString(v.type)})${marks}`;
  const p = v.v;
  if (typeof p === 'string') return JSON.stringify(p) + marks;
  if (typeof p === 'boolean') return String(p) + marks;
  if (Array.isArray(p)) return `${v.type.kind}[${(p as Value[]).map(displayValue).join(', ')}]${marks}`;
  if (p instanceof Map) {
    return `${v.type.kind}{${[...(p as Map<string, Value>)].map(([k, x]) => `${k}=${displayValue(x)}`).join(', ')}}${marks}`;
  }
  return String(p) + marks;
}
