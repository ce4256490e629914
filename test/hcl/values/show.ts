/** A compact, type-revealing rendering of values for test assertions. */
import type { Value } from '../../../src/hcl/value.js';
import { type ShowStyle, showValue } from '../show-value.js';

const style: ShowStyle = {
  labels: { list: '', set: 'set', tuple: 'tuple', map: 'map', object: '' },
  marks: (marks) => `@${[...marks].sort().join(',')}`,
};

export function show(v: Value): string {
  return showValue(v, style);
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
