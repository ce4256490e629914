/**
 * The variables an expression refers to (hclsyntax.Variables): every scope traversal in source
 * order, except those rooted at a name local to an enclosing for-expression. Splat items are
 * anonymous symbols, never variables; object keys that are bare names are literals, not references.
 */
import type * as ast from '../ast.js';
import type { Traversal } from '../traversal.js';
import { objectKeyLiteralName } from './static.js';

export function expressionVariables(expr: ast.Expr): Traversal[] {
  const out: Traversal[] = [];
  walk(expr, [], out);
  return out;
}

export function bodyVariables(body: ast.Body): Traversal[] {
  const out: Traversal[] = [];
  for (const attr of body.attributes) walk(attr.expr, [], out);
  for (const block of body.blocks) out.push(...bodyVariables(block.body));
  return out;
}

function walk(expr: ast.Expr, locals: readonly ReadonlySet<string>[], out: Traversal[]): void {
  const w = (e: ast.Expr) => walk(e, locals, out);
  switch (expr.kind) {
    case 'literal':
    case 'anonSymbol':
      return;
    case 'scopeTraversal': {
      const root = expr.traversal[0];
      const name = root?.type === 'root' ? root.name : undefined;
      if (name !== undefined && locals.some((scope) => scope.has(name))) return;
      out.push(expr.traversal);
      return;
    }
    case 'template':
      for (const part of expr.parts) w(part);
      return;
    case 'templateWrap':
      w(expr.wrapped);
      return;
    case 'templateJoin':
      w(expr.tuple);
      return;
    case 'relativeTraversal':
      w(expr.source);
      return;
    case 'functionCall':
      for (const arg of expr.args) w(arg);
      return;
    case 'conditional':
      w(expr.condition);
      w(expr.trueResult);
      w(expr.falseResult);
      return;
    case 'index':
      w(expr.collection);
      w(expr.key);
      return;
    case 'tupleCons':
      for (const e of expr.exprs) w(e);
      return;
    case 'objectCons':
      for (const item of expr.items) {
        w(item.keyExpr);
        w(item.valueExpr);
      }
      return;
    case 'objectConsKey':
      if (objectKeyLiteralName(expr) === undefined) w(expr.wrapped);
      return;
    case 'for': {
      w(expr.collExpr);
      const names = new Set<string>();
      if (expr.keyVar !== '') names.add(expr.keyVar);
      if (expr.valVar !== '') names.add(expr.valVar);
      const inner = [...locals, names];
      if (expr.keyExpr) walk(expr.keyExpr, inner, out);
      walk(expr.valExpr, inner, out);
      if (expr.condExpr) walk(expr.condExpr, inner, out);
      return;
    }
    case 'splat':
      w(expr.source);
      w(expr.each);
      return;
    case 'binaryOp':
      w(expr.lhs);
      w(expr.rhs);
      return;
    case 'unaryOp':
      w(expr.val);
      return;
    case 'parentheses':
      w(expr.expression);
      return;
  }
}
