/** A compact debugging rendering of values for assertion messages (type, state, marks). */
import type { Value } from '../../../src/hcl/value.js';
import { type ShowStyle, showValue } from '../show-value.js';

const style: ShowStyle = {
  labels: { list: 'list', set: 'set', tuple: 'tuple', map: 'map', object: 'object' },
  marks: (marks) => `@{${marks.join(',')}}`,
};

export function displayValue(v: Value): string {
  return showValue(v, style);
}
