/**
 * Static analysis of native expressions without evaluating them, as HCL's hcl.AbsTraversalForExpr,
 * ExprList, ExprMap, ExprCall and ExprAsKeyword do on hclsyntax nodes. Each answers undefined when
 * the expression does not have the required shape; parentheses are deliberately not looked through.
 */
import type * as ast from '../ast.js';
import { rangeBetween } from '../pos.js';
import type { Traversal } from '../traversal.js';

/** The expression read as a reference like `a.b[0]` (keywords null/true/false read as names). */
export function asTraversal(expr: ast.Expr): Traversal | undefined {
  switch (expr.kind) {
    case 'literal': {
      const v = expr.value;
      // The parser turned these keywords into literals; traversal syntax treats them as names.
      if (v.state === 'null') return [{ type: 'root', name: 'null', range: expr.range }];
      if (v.state === 'known' && v.type.kind === 'bool' && !v.marks?.size) {
        return [{ type: 'root', name: v.v === true ? 'true' : 'false', range: expr.range }];
      }
      return undefined;
    }
    case 'scopeTraversal':
      return expr.traversal;
    case 'relativeTraversal': {
      const source = asTraversal(expr.source);
      return source ? [...source, ...expr.traversal] : undefined;
    }
    case 'objectConsKey':
      return expr.forceNonLiteral ? undefined : asTraversal(expr.wrapped);
    default:
      return undefined;
  }
}

/** A single bare name, as hcl.ExprAsKeyword. */
export function asKeyword(expr: ast.Expr): string | undefined {
  const t = asTraversal(expr);
  if (t?.length !== 1) return undefined;
  const root = t[0]!;
  return root.type === 'root' ? root.name : undefined;
}

export function asList(expr: ast.Expr): readonly ast.Expr[] | undefined {
  return expr.kind === 'tupleCons' ? expr.exprs : undefined;
}

export function asMap(expr: ast.Expr): readonly ast.ObjectConsItem[] | undefined {
  return expr.kind === 'objectCons' ? expr.items : undefined;
}

export interface AstCall {
  readonly name: string;
  readonly nameRange: ast.FunctionCallExpr['nameRange'];
  readonly args: readonly ast.Expr[];
  readonly argsRange: ast.FunctionCallExpr['range'];
}

export function asCall(expr: ast.Expr): AstCall | undefined {
  if (expr.kind !== 'functionCall') return undefined;
  return {
    name: expr.name,
    nameRange: expr.nameRange,
    args: expr.args,
    argsRange: rangeBetween(expr.openParenRange, expr.closeParenRange),
  };
}

/**
 * The literal name an object key stands for (`{ foo = 1 }` means "foo"), or undefined when the key
 * is to be evaluated.
 */
export function objectKeyLiteralName(key: ast.ObjectConsKeyExpr): string | undefined {
  if (key.forceNonLiteral) return undefined;
  return asKeyword(key.wrapped);
}
