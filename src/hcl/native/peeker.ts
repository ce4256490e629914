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
    return this.next()[0];
  }

  read(): Token {
    const [tok, idx] = this.next();
    this.nextIndex = idx;
    return tok;
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

  private next(): [Token, number] {
    const toks = this.tokens;
    const withNewlines = this.includeNewlines[this.includeNewlines.length - 1] as boolean;
    for (let i = this.nextIndex; i < toks.length; i++) {
      const tok = toks[i] as Token;
      if (tok.type === 'TokenComment') {
        if (withNewlines && tok.text.endsWith('\n')) {
          return [{ type: 'TokenNewline', text: '\n', range: tok.range }, i + 1];
        }
        continue;
      }
      if (tok.type === 'TokenNewline' && !withNewlines) continue;
      return [tok, i + 1];
    }
    return [toks[toks.length - 1] as Token, toks.length];
  }
}
