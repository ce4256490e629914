/**
 * The native syntax's public entry points (hclsyntax's public.go): parse a config file, a standalone
 * expression, a template (templatefile) or an absolute traversal; lex a config for the formatter.
 * All return a (possibly partial) result plus every diagnostic; none throws on bad input.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Pos, initialPos } from '../pos.js';
import type { Traversal } from '../traversal.js';
import { checkInvalidTokens } from './invalid-tokens.js';
import { parseBody } from './parser-body.js';
import { parseExpression as parseExpr } from './parser-expressions.js';
import { ParserState } from './parser-state.js';
import { parseTemplateRoot } from './parser-template.js';
import { parseTraversal } from './parser-traversal.js';
import { dynamicValue } from './literal-values.js';
import { scanTokens } from './scanner.js';
import type { Token } from './tokens.js';

export { lexConfig, lexConfigWithDiags, lexTemplate } from './lex.js';
export type { Token, TokenType } from './tokens.js';
export { validIdentifier } from './scanner.js';
export { parseStringLiteralToken } from './string-literal.js';

export function parseConfig(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { body: ast.Body; diags: Diagnostic[] } {
  return parseConfigTokens(scanTokens(src, filename, start, 'normal'));
}

/** parseConfig over tokens already lexed with lexConfig (the formatter lexes once for both uses). */
export function parseConfigTokens(tokens: readonly Token[]): { body: ast.Body; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const p = new ParserState(tokens);
  const body = guardDepth(
    p,
    diags,
    () => parseBody(p, 'TokenEOF', diags),
    () => emptyBody(p),
  );
  return { body, diags: [...tokenDiagnostics(tokens, p), ...diags] };
}

/**
 * The invalid-token errors (hclsyntax's checkInvalidTokens), without those after a quoted string the
 * parser reported as broken across lines: the quotes pair up wrongly from there, so they repeat it.
 */
function tokenDiagnostics(tokens: readonly Token[], p: ParserState): Diagnostic[] {
  const diags = checkInvalidTokens(tokens);
  const from = p.brokenStringAt;
  if (from === undefined) return diags;
  return diags.filter((d) => d.subject === undefined || d.subject.start.byte < from);
}

export function parseExpression(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { expr: ast.Expr; diags: Diagnostic[] } {
  const tokens = scanTokens(src, filename, start, 'normal');
  const diags: Diagnostic[] = [];
  const p = new ParserState(tokens);
  p.pushIncludeNewlines(false);
  const expr = guardDepth(
    p,
    diags,
    () => parseExpr(p, diags),
    () => placeholder(p),
  );
  const next = p.peek();
  if (next.type !== 'TokenEOF' && !p.recovery) {
    diags.push({
      severity: 'error',
      summary: 'Extra characters after expression',
      detail: 'An expression was successfully parsed, but extra characters were found after it.',
      subject: next.range,
    });
  }
  p.popIncludeNewlines();
  return { expr, diags: [...tokenDiagnostics(tokens, p), ...diags] };
}

export function parseTemplate(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { expr: ast.Expr; diags: Diagnostic[] } {
  const tokens = scanTokens(src, filename, start, 'template');
  const diags: Diagnostic[] = [];
  const p = new ParserState(tokens);
  const expr = guardDepth(
    p,
    diags,
    () => parseTemplateRoot(p, diags),
    () => placeholder(p),
  );
  return { expr, diags: [...tokenDiagnostics(tokens, p), ...diags] };
}

/**
 * Runs a recursive-descent parse, turning a JS stack overflow on absurdly deep nesting (about a thousand
 * levels) into a diagnostic, so that parsing never throws.
 */
function guardDepth<T>(p: ParserState, diags: Diagnostic[], parse: () => T, fallback: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    diags.push(
      errorDiag('Invalid expression', 'This expression is nested too deeply to be parsed.', p.peek().range),
    );
    return fallback();
  }
}

function placeholder(p: ParserState): ast.Expr {
  return { kind: 'literal', value: dynamicValue, range: p.tokens[0]?.range ?? p.peek().range };
}

function emptyBody(p: ParserState): ast.Body {
  const first = (p.tokens[0] as Token).range;
  const last = (p.tokens[p.tokens.length - 1] as Token).range;
  return {
    kind: 'body',
    attributes: [],
    blocks: [],
    range: { filename: first.filename, start: first.start, end: last.end },
    endRange: last,
  };
}

function traversalOf(
  src: string,
  filename: string,
  start: Pos,
  allowSplats: boolean,
): { traversal: Traversal; diags: Diagnostic[] } {
  const tokens = scanTokens(src, filename, start, 'normal');
  const diags: Diagnostic[] = [];
  const p = new ParserState(tokens);
  p.pushIncludeNewlines(false);
  const traversal = parseTraversal(p, allowSplats, diags);
  p.popIncludeNewlines();
  return { traversal, diags };
}

export function parseTraversalAbs(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { traversal: Traversal; diags: Diagnostic[] } {
  return traversalOf(src, filename, start, false);
}

/** Like parseTraversalAbs, but `[*]` steps are allowed (hclsyntax's ParseTraversalPartial). */
export function parseTraversalPartial(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { traversal: Traversal; diags: Diagnostic[] } {
  return traversalOf(src, filename, start, true);
}
