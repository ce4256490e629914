/** A compact, type-revealing rendering of values for test assertions. */
import { BigFloat } from '../../../src/hcl/number.js';
import { typeString } from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';

export function show(v: Value): string {
  const marks = v.marks && v.marks.size > 0 ? `@${[...v.marks].sort().join(',')}` : '';
  if (v.state === 'unknown') return `unknown(${typeString(v.type)})${marks}`;
  if (v.state === 'null') return `null(${typeString(v.type)})${marks}`;
  const p = v.v;
  let body: string;
  if (p instanceof BigFloat) body = p.toString();
  else if (typeof p === 'string') body = JSON.stringify(p);
  else if (typeof p === 'boolean') body = String(p);
  else if (Array.isArray(p)) {
    const inner = (p as Value[]).map(show).join(', ');
    body =
      v.type.kind === 'list' ? `[${inner}]` : v.type.kind === 'set' ? `set[${inner}]` : `tuple[${inner}]`;
  } else {
    const inner = [...(p as ReadonlyMap<string, Value>)].map(([k, e]) => `${k}=${show(e)}`).join(', ');
    body = v.type.kind === 'map' ? `map{${inner}}` : `{${inner}}`;
  }
  return body + marks;
}

/** A path like `.a[0]["k"]`, `[?]` for unknown keys. */
export function showPath(path: readonly import('../../../src/hcl/value-path.js').PathStep[]): string {
  return path
    .map((st) => {
      if (st.kind === 'attr') return `.${st.name}`;
      const k = st.key;
      if (k.state !== 'known') return '[?]';
      return `[${typeof k.v === 'string' ? JSON.stringify(k.v) : show(k)}]`;
    })
    .join('');
}
