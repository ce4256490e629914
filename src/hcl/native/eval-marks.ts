/** Mark bookkeeping shared by the evaluator: results carry the marks of every value they depend on. */
import type { Mark, Value } from '../value.js';
import { unmark } from '../values.js';

export { marksOf, withMarks } from '../values.js';

/** The value without its own (top-level) marks, and those marks (cty's Unmark). */
export function unmarkTop(v: Value): [Value, ReadonlySet<Mark>] {
  return unmark(v);
}
