/**
 * Expressions from inside a dynamic block's `content`: evaluated in a child of whatever context the
 * caller passes, binding the iterators, so callers never need to know about them. Static analysis
 * sees through the wrapper (as hcl.UnwrapExpression), but list elements and map values stay wrapped
 * so that evaluating them later still sees the iterators.
 */
import type { EvalContext, Expression, StaticCall, ValueResult } from '../hcl.js';
import type { Range } from '../pos.js';
import { type Traversal, traversalRootName } from '../traversal.js';
import type { Mark, Value } from '../value.js';
import { withMarks } from '../values.js';
import { type Iteration, iterationContext } from './iteration.js';

export class IterationExpression implements Expression {
  constructor(
    readonly inner: Expression,
    private readonly iteration: Iteration | undefined,
    /** Marks of the for_each value, applied to every result derived from it. */
    private readonly resultMarks: ReadonlySet<Mark>,
  ) {}

  get range(): Range {
    return this.inner.range;
  }

  get startRange(): Range {
    return this.inner.startRange;
  }

  value(ctx: EvalContext | undefined): ValueResult {
    const r = this.inner.value(this.iteration ? iterationContext(this.iteration, ctx) : ctx);
    return { value: this.mark(r.value), diags: r.diags };
  }

  variables(): Traversal[] {
    const it = this.iteration;
    const all = this.inner.variables();
    return it ? all.filter((t) => !it.provides(traversalRootName(t))) : all;
  }

  staticList(): Expression[] | undefined {
    return this.inner.staticList()?.map((e) => this.wrap(e));
  }

  staticMap(): { key: Expression; value: Expression }[] | undefined {
    return this.inner
      .staticMap()
      ?.map(({ key, value }) => ({ key: this.wrap(key), value: this.wrap(value) }));
  }

  staticTraversal(): Traversal | undefined {
    return this.inner.staticTraversal();
  }

  staticCall(): StaticCall | undefined {
    const call = this.inner.staticCall();
    return call && { ...call, args: call.args.map((a) => this.wrap(a)) };
  }

  staticKeyword(): string | undefined {
    return this.inner.staticKeyword();
  }

  private wrap(e: Expression): Expression {
    return new IterationExpression(e, this.iteration, this.resultMarks);
  }

  private mark(v: Value): Value {
    return this.resultMarks.size > 0 ? withMarks(v, this.resultMarks) : v;
  }
}

/** An expression that always yields one value (hcl.StaticExpr). */
export class StaticExpression implements Expression {
  constructor(
    private readonly val: Value,
    readonly range: Range,
  ) {}

  get startRange(): Range {
    return this.range;
  }

  value(): ValueResult {
    return { value: this.val, diags: [] };
  }

  variables(): Traversal[] {
    return [];
  }

  staticList(): undefined {
    return undefined;
  }

  staticMap(): undefined {
    return undefined;
  }

  staticTraversal(): undefined {
    return undefined;
  }

  staticCall(): undefined {
    return undefined;
  }

  staticKeyword(): undefined {
    return undefined;
  }
}
