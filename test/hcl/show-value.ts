/**
 * Compact, type-revealing renderings of values for test assertions. The suites grew three notations
 * (which collection kinds get a label, how marks print); one renderer serves them all, given a style.
 */
import { typeString } from '../../src/hcl/types.js';
import type { Value } from '../../src/hcl/value.js';

type LabelledKind = 'list' | 'set' | 'tuple' | 'map' | 'object';

export interface ShowStyle {
  /** The word before `[...]` or `{...}` for each collection kind ('' for none). */
  readonly labels: Readonly<Record<LabelledKind, string>>;
  /** The suffix for a marked value. */
  readonly marks: (marks: readonly string[]) => string;
}

export function showValue(v: Value, style: ShowStyle): string {
  const marks = v.marks && v.marks.size > 0 ? style.marks([...v.marks] as string[]) : '';
  return showUnmarked(v, style) + marks;
}

function showUnmarked(v: Value, style: ShowStyle): string {
  if (v.state === 'unknown') return `unknown(${typeString(v.type)})`;
  if (v.state === 'null') return `null(${typeString(v.type)})`;
  const p = v.v;
  if (typeof p === 'string') return JSON.stringify(p);
  const kind = v.type.kind;
  if (Array.isArray(p)) {
    const inner = (p as readonly Value[]).map((e) => showValue(e, style)).join(', ');
    return `${style.labels[kind as LabelledKind]}[${inner}]`;
  }
  if (p instanceof Map) {
    const inner = [...(p as ReadonlyMap<string, Value>)].map(([k, e]) => `${k}=${showValue(e, style)}`);
    return `${style.labels[kind as LabelledKind]}{${inner.join(', ')}}`;
  }
  return String(p);
}
