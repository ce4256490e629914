/**
 * What the JSON syntax borrows from the native syntax: strings are native templates when evaluated
 * with a context, and native expressions/traversals for static analysis.
 */
import { type Diagnostic, hasErrors } from '../diagnostics.js';
import type { Expression } from '../hcl.js';
import { nativeExpression } from '../native/expression.js';
import { parseExpression, parseTemplate, parseTraversalAbs } from '../native/parser.js';
import type { Pos } from '../pos.js';
import type { Traversal } from '../traversal.js';

export function templateExpression(
  src: string,
  filename: string,
  start: Pos,
): { expr?: Expression; diags: Diagnostic[] } {
  const { expr, diags } = parseTemplate(src, filename, start);
  return { expr: hasErrors(diags) ? undefined : nativeExpression(expr), diags };
}

export function nativeExpressionOf(src: string, filename: string, start: Pos): Expression | undefined {
  const { expr, diags } = parseExpression(src, filename, start);
  return hasErrors(diags) ? undefined : nativeExpression(expr);
}

export function traversalOf(src: string, filename: string, start: Pos): Traversal | undefined {
  const { traversal, diags } = parseTraversalAbs(src, filename, start);
  return hasErrors(diags) ? undefined : traversal;
}
