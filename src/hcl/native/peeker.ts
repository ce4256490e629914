/**
 * A cursor over the token list for the parser (hclsyntax's peeker): comments are skipped (a line comment
 * still ends its line: it reads as a newline), and newlines are skipped or significant according to a
 * stack the parser pushes as it enters and leaves bracketed constructs.
 */
import type { Range } from '../pos.js';
import type { Token } from './tokens.js';

export class Peeker {
  nextIndex = 0;
  private readonly includeNewlines: boolean[] = [true];

  constructor(readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokenAt(this.nextVisible());
  }

  read(): Token {
    const idx = this.nextVisible();
    this.nextIndex = idx < this.tokens.length ? idx + 1 : this.tokens.length;
    return this.tokenAt(idx);
  }

  nextRange(): Range {
    return this.peek().range;
  }

  prevRange(): Range {
    if (this.nextIndex === 0) return this.nextRange();
    return (this.tokens[this.nextIndex - 1] as Token).range;
  }

  pushIncludeNewlines(include: boolean): void {
    this.includeNewlines.push(include);
  }

  popIncludeNewlines(): void {
    this.includeNewlines.pop();
  }

  /** Index of the next token the parser should see (tokens.length when only EOF is left). */
  private nextVisible(): number {
    const toks = this.tokens;
    const withNewlines = this.includeNewlines[this.includeNewlines.length - 1] as boolean;
    for (let i = this.nextIndex; i < toks.length; i++) {
      const tok = toks[i] as Token;
      if (tok.type === 'TokenComment') {
        if (withNewlines && tok.text.endsWith('\n')) return i;
        continue;
      }
      if (tok.type === 'TokenNewline' && !withNewlines) continue;
      return i;
    }
    return toks.length;
  }

  /** The token at a visible index: a line comment reads as the newline that ends it when newlines count. */
  private tokenAt(idx: number): Token {
    const toks = this.tokens;
    if (idx >= toks.length) return toks[toks.length - 1] as Token;
    const tok = toks[idx] as Token;
    if (tok.type === 'TokenComment') return { type: 'TokenNewline', text: '\n', range: tok.range };
    return tok;
  }
}
