/**
 * Where inside an argument's value a problem lies: the path of a failed cty conversion, or of a JSON
 * Schema error, followed through the expression's static list and map structure to the element.
 */
import type { Expression } from '../hcl/hcl.js';
import type { Range } from '../hcl/pos.js';
import type { Path } from '../hcl/value-path.js';
import { valueToJs } from '../hcl/values.js';

/** A cty path as the steps elementRange() follows: attribute names, map keys, list indexes. */
export function pathSteps(path: Path): string[] {
  return path.map((step) => {
    if (step.kind === 'attr') return step.name;
    const key = step.key;
    if (key.state !== 'known') return '';
    return key.type.kind === 'number' ? String(valueToJs(key)) : String(key.v);
  });
}

/** The element path cty puts before a conversion message: `element 0: attribute "x": …`. */
export function pathInMessage(message: string): string[] {
  const path: string[] = [];
  const step = /^(?:element (\d+)|element "((?:[^"\\]|\\.)*)"|attribute "((?:[^"\\]|\\.)*)"): /;
  let rest = message;
  for (let m = step.exec(rest); m; m = step.exec(rest)) {
    path.push(m[1] ?? m[2] ?? m[3] ?? '');
    rest = rest.slice(m[0].length);
  }
  return path;
}

/** The range of the element inside an attribute's value, as far as the expression shows it statically. */
export function elementRange(entry: { value: Range; expr?: Expression }, rest: string[]): Range {
  let expr = entry.expr;
  let range = entry.value;
  for (const step of rest) {
    if (!expr) break;
    const list = /^\d+$/.test(step) ? expr.staticList() : undefined;
    if (list) {
      expr = list[Number(step)];
    } else {
      const map = expr.staticMap();
      const item = map?.find((kv) => kv.key.staticKeyword() === step || keyText(kv.key) === step);
      expr = item?.value;
    }
    if (expr) range = expr.range;
  }
  return range;
}

function keyText(key: Expression): string | undefined {
  const { value, diags } = key.value(undefined);
  if (diags.length > 0 || value.state !== 'known' || value.type.kind !== 'string') return undefined;
  return value.v as string;
}
