/** Start ranges of native expressions (hclsyntax StartRange): where a diagnostic about a long expression points. */
import type * as ast from '../ast.js';
import { type Range, rangeBetween } from '../pos.js';

export function startRange(expr: ast.Expr): Range {
  switch (expr.kind) {
    case 'template':
      return expr.parts.length > 0 ? startRange(expr.parts[0]!) : expr.range;
    case 'templateJoin':
      return startRange(expr.tuple);
    case 'functionCall':
      return rangeBetween(expr.nameRange, expr.openParenRange);
    case 'conditional':
      return startRange(expr.condition);
    case 'index':
      return openBracketRange(expr);
    case 'tupleCons':
    case 'objectCons':
    case 'for':
      return expr.openRange;
    case 'objectConsKey':
      return startRange(expr.wrapped);
    case 'splat':
      return expr.markerRange;
    case 'binaryOp':
      return startRange(expr.lhs);
    case 'unaryOp':
      return expr.symbolRange;
    case 'parentheses':
      // HCL's ParenthesesExpr inherits StartRange from the expression inside.
      return startRange(expr.expression);
    default:
      return expr.range;
  }
}

/** The `[` of an index expression (one byte, one column). */
export function openBracketRange(expr: ast.IndexExpr): Range {
  const s = expr.bracketRange.start;
  return {
    filename: expr.bracketRange.filename,
    start: s,
    end: { line: s.line, column: s.column + 1, byte: s.byte + 1 },
  };
}
