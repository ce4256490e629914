/** Public lexing entry points (hclsyntax's LexConfig / LexExpression / LexTemplate). */
import type { Diagnostic } from '../diagnostics.js';
import { type Pos, initialPos } from '../pos.js';
import { checkInvalidTokens } from './invalid-tokens.js';
import { scanTokens } from './scanner.js';
import type { Token } from './tokens.js';

/** Tokens of a config file, comments and newlines included, ending with a TokenEOF. */
export function lexConfig(src: string, filename: string, start: Pos = initialPos): Token[] {
  return scanTokens(src, filename, start, 'normal');
}

/** Tokens plus the diagnostics for characters that never belong in HCL. */
export function lexConfigWithDiags(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { tokens: Token[]; diags: Diagnostic[] } {
  const tokens = scanTokens(src, filename, start, 'normal');
  return { tokens, diags: checkInvalidTokens(tokens) };
}

export function lexTemplate(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { tokens: Token[]; diags: Diagnostic[] } {
  const tokens = scanTokens(src, filename, start, 'template');
  return { tokens, diags: checkInvalidTokens(tokens) };
}
