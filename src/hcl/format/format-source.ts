/**
 * `formatSource`: hclwrite.Format (HCL v2.6.0, as vendored by Packer 1.6.6) — lex the file, rewrite the
 * spaces before each token, write the tokens back. Never fails; syntax errors are the caller's business.
 */
import { lexConfig } from '../native/lex.js';
import type { Token } from '../native/tokens.js';
import { formatTokens } from './format-tokens.js';
import { writeTokens, writerTokens } from './tokens.js';

export function formatSource(src: string, filename = '<input>'): string {
  return formatLexed(lexConfig(src, filename));
}

/** formatSource over tokens from lexConfig (left unchanged). */
export function formatLexed(lexed: readonly Token[]): string {
  const tokens = writerTokens(lexed);
  formatTokens(tokens);
  return writeTokens(tokens);
}
