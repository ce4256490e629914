/**
 * The parser's shared state: the token peeker plus the recovery flag, and the recovery moves that skip
 * ahead after a syntax error (hclsyntax's recover, recoverOver, recoverAfterBodyItem).
 */
import { Peeker } from './peeker.js';
import type { Token, TokenType } from './tokens.js';

export class ParserState extends Peeker {
  /**
   * Set once any recovery has happened: later "unexpected token" errors are then likely caused by the
   * recovery landing in an odd place, so most of them are suppressed.
   */
  recovery = false;

  /**
   * Where a quoted string broken across lines was reported (the byte offset of its opening quote). From
   * there on the quotes pair up wrongly, so the token check's errors after it are the same mistake.
   */
  brokenStringAt: number | undefined;

  setRecovery(): void {
    this.recovery = true;
  }

  /** Skips to just after the `end` token that closes the current bracket level (or to EOF). */
  recover(end: TokenType): Token {
    const start = oppositeBracket(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const tok = this.read();
      let ty = tok.type;
      // Interp and control openers both close with a sequence end.
      if (end === 'TokenTemplateSeqEnd' && ty === 'TokenTemplateControl') ty = 'TokenTemplateInterp';
      if (ty === start) nest++;
      else if (ty === end) {
        if (nest < 1) return tok;
        nest--;
      } else if (ty === 'TokenEOF') return tok;
    }
  }

  /** Skips past the next bracketed group that opens with `start`. */
  recoverOver(start: TokenType): void {
    const end = oppositeBracket(start);
    for (;;) {
      const tok = this.read();
      if (tok.type === start || tok.type === 'TokenEOF') break;
    }
    this.recover(end);
  }

  /** Skips to the end of the current body item: the next newline outside any brackets. */
  recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: TokenType[] = [];
    for (;;) {
      const tok = this.read();
      switch (tok.type) {
        case 'TokenNewline':
          if (open.length === 0) return;
          break;
        case 'TokenEOF':
          return;
        case 'TokenOBrace':
        case 'TokenOBrack':
        case 'TokenOParen':
        case 'TokenOQuote':
        case 'TokenOHeredoc':
        case 'TokenTemplateInterp':
        case 'TokenTemplateControl':
          open.push(tok.type);
          break;
        case 'TokenCBrace':
        case 'TokenCBrack':
        case 'TokenCParen':
        case 'TokenCQuote':
        case 'TokenCHeredoc': {
          const opener = oppositeBracket(tok.type);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case 'TokenTemplateSeqEnd':
          while (
            open.length > 0 &&
            open[open.length - 1] !== 'TokenTemplateInterp' &&
            open[open.length - 1] !== 'TokenTemplateControl'
          ) {
            open.pop();
          }
          if (open.length > 0) open.pop();
          break;
        default:
          break;
      }
    }
  }
}

export function oppositeBracket(ty: TokenType): TokenType {
  switch (ty) {
    case 'TokenOBrace':
      return 'TokenCBrace';
    case 'TokenOBrack':
      return 'TokenCBrack';
    case 'TokenOParen':
      return 'TokenCParen';
    case 'TokenOQuote':
      return 'TokenCQuote';
    case 'TokenOHeredoc':
      return 'TokenCHeredoc';
    case 'TokenCBrace':
      return 'TokenOBrace';
    case 'TokenCBrack':
      return 'TokenOBrack';
    case 'TokenCParen':
      return 'TokenOParen';
    case 'TokenCQuote':
      return 'TokenOQuote';
    case 'TokenCHeredoc':
      return 'TokenOHeredoc';
    case 'TokenTemplateControl':
    case 'TokenTemplateInterp':
      return 'TokenTemplateSeqEnd';
    case 'TokenTemplateSeqEnd':
      return 'TokenTemplateInterp';
    default:
      return 'TokenNil';
  }
}

/** The names after `for` (in expressions and template directives): `v`, or `k, v`. */
export type ForNames = { keyVar: string; valVar: string } | { missing: 'name' | 'nameAfterComma' };

/** Reads `for`'s variable names, or says which name is missing (the caller words the diagnostic). */
export function readForNames(p: ParserState): ForNames {
  if (p.peek().type !== 'TokenIdent') return { missing: 'name' };
  const first = p.read().text;
  if (p.peek().type !== 'TokenComma') return { keyVar: '', valVar: first };
  p.read();
  if (p.peek().type !== 'TokenIdent') return { missing: 'nameAfterComma' };
  return { keyVar: first, valVar: p.read().text };
}
