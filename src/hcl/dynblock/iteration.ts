/**
 * One step of a `dynamic` block's iteration (HCL dynblock's iteration): the iterator's current key and
 * value, and the iterators of enclosing dynamic blocks, which stay visible to nested content.
 */
import { childContext } from '../eval-context.js';
import type { EvalContext } from '../hcl.js';
import type { Value } from '../value.js';
import { objectVal } from '../values.js';

export class Iteration {
  private constructor(
    readonly iteratorName: string,
    readonly key: Value,
    readonly value: Value,
    /** Enclosing iterators by name (an inner iterator of the same name shadows them). */
    readonly inherited: ReadonlyMap<string, Iteration>,
  ) {}

  /** A new iteration nested in `parent` (undefined at the top level). */
  static child(parent: Iteration | undefined, iteratorName: string, key: Value, value: Value): Iteration {
    const inherited = new Map(parent?.inherited ?? []);
    if (parent) inherited.set(parent.iteratorName, parent);
    return new Iteration(iteratorName, key, value, inherited);
  }

  /** `{ key = …, value = … }`, the value the iterator name stands for. */
  object(): Value {
    return objectVal({ key: this.key, value: this.value });
  }

  /** True when `name` is this iterator or an inherited one: references the wrapper provides itself. */
  provides(name: string | undefined): boolean {
    return name !== undefined && (name === this.iteratorName || this.inherited.has(name));
  }
}

/** A child scope of `base` binding the iterators (a transparent child when there is no iteration). */
export function iterationContext(i: Iteration | undefined, base: EvalContext | undefined): EvalContext {
  if (!i) return childContext(base);
  const vars = new Map<string, Value>();
  for (const [name, it] of i.inherited) vars.set(name, it.object());
  vars.set(i.iteratorName, i.object());
  return childContext(base, vars);
}
