/** Keywords are identifiers that have meaning in particular positions only. */
import type { Token } from './tokens.js';

export type Keyword = 'for' | 'in' | 'if' | 'else' | 'endif' | 'endfor';

export function isKeyword(tok: Token, kw: Keyword): boolean {
  return tok.type === 'TokenIdent' && tok.text === kw;
}
