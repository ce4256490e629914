/**
 * The formatter's token: an hclsyntax token type, its source text, and the number of spaces written before
 * it (hclwrite's `Token`). Formatting only ever changes `spacesBefore`.
 */
import type { Token, TokenType } from '../native/tokens.js';

/** hclsyntax token types; `TokenDoubleColon` never reaches the formatter (HCL v2.6.0 lexes two colons). */
export type FmtTokenType = Exclude<TokenType, 'TokenDoubleColon'>;

export interface FmtToken {
  readonly type: FmtTokenType;
  readonly text: string;
  spacesBefore: number;
}

/** Stands in for a missing neighbour (start or end of a line), like hclwrite's nil token. */
export const nilToken: FmtToken = Object.freeze({ type: 'TokenNil', text: '', spacesBefore: 0 });

/** The text of a token sequence with its spacing, as hclwrite's `Tokens.WriteTo` writes it. */
export function writeTokens(tokens: readonly FmtToken[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.spacesBefore > 0) out += ' '.repeat(t.spacesBefore);
    out += t.text;
  }
  return out;
}

/**
 * hclwrite's `writerTokens`: the spaces before each token are the bytes skipped since the previous token
 * ended (only ASCII spaces and tabs can be skipped, plus a byte-order mark before the first token).
 */
export function writerTokens(native: readonly Token[]): FmtToken[] {
  const out: FmtToken[] = [];
  let lastEnd = 0;
  for (const tok of native) {
    const spacesBefore = tok.range.start.byte - lastEnd;
    lastEnd = tok.range.end.byte;
    if (tok.type === 'TokenDoubleColon') {
      // HCL v2.6.0 had no `::` token: it scanned two colons.
      out.push({ type: 'TokenColon', text: ':', spacesBefore });
      out.push({ type: 'TokenColon', text: ':', spacesBefore: 0 });
      continue;
    }
    out.push({ type: tok.type, text: tok.text, spacesBefore });
  }
  return out;
}
