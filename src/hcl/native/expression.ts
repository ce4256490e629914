/**
 * The native-syntax implementation of the syntax-agnostic Expression interface: a thin wrapper
 * around an AST node that evaluates it, lists its variables and answers static-analysis questions.
 */
import type * as ast from '../ast.js';
import type { EvalContext, Expression, StaticCall, ValueResult } from '../hcl.js';
import type { Range } from '../pos.js';
import type { Traversal } from '../traversal.js';
import { evalExpr } from './eval.js';
import { startRange } from './ranges.js';
import { asCall, asKeyword, asList, asMap, asTraversal } from './static.js';
import { expressionVariables } from './variables.js';

export class NativeExpression implements Expression {
  constructor(readonly node: ast.Expr) {}

  get range(): Range {
    return this.node.range;
  }

  get startRange(): Range {
    return startRange(this.node);
  }

  value(ctx: EvalContext | undefined): ValueResult {
    return evalExpr(this.node, ctx);
  }

  variables(): Traversal[] {
    return expressionVariables(this.node);
  }

  staticList(): Expression[] | undefined {
    return asList(this.node)?.map(nativeExpression);
  }

  staticMap(): { key: Expression; value: Expression }[] | undefined {
    return asMap(this.node)?.map((item) => ({
      key: nativeExpression(item.keyExpr),
      value: nativeExpression(item.valueExpr),
    }));
  }

  staticTraversal(): Traversal | undefined {
    return asTraversal(this.node);
  }

  staticCall(): StaticCall | undefined {
    const call = asCall(this.node);
    if (!call) return undefined;
    return {
      name: call.name,
      nameRange: call.nameRange,
      args: call.args.map(nativeExpression),
      argsRange: call.argsRange,
    };
  }

  staticKeyword(): string | undefined {
    return asKeyword(this.node);
  }
}

const cache = new WeakMap<ast.Expr, NativeExpression>();

/** The Expression for an AST node (one wrapper per node). */
export function nativeExpression(node: ast.Expr): NativeExpression {
  let e = cache.get(node);
  if (!e) {
    e = new NativeExpression(node);
    cache.set(node, e);
  }
  return e;
}
