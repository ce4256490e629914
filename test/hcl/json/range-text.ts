/** Compact range text for the JSON tests' assertions. */
import type { Range } from '../../../src/hcl/pos.js';

/** "line,column,byte-line,column,byte". */
export function at(r: Pick<Range, 'start' | 'end'>): string {
  return `${r.start.line},${r.start.column},${r.start.byte}-${r.end.line},${r.end.column},${r.end.byte}`;
}
