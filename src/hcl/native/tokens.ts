/**
 * Tokens of the native syntax, named after hclsyntax's TokenType constants so that tools ported from
 * HCL (the formatter in particular) can match on the same names.
 */
import type { Range } from '../pos.js';

export type TokenType =
  | 'TokenOBrace'
  | 'TokenCBrace'
  | 'TokenOBrack'
  | 'TokenCBrack'
  | 'TokenOParen'
  | 'TokenCParen'
  | 'TokenOQuote'
  | 'TokenCQuote'
  | 'TokenOHeredoc'
  | 'TokenCHeredoc'
  | 'TokenStar'
  | 'TokenSlash'
  | 'TokenPlus'
  | 'TokenMinus'
  | 'TokenPercent'
  | 'TokenEqual'
  | 'TokenEqualOp'
  | 'TokenNotEqual'
  | 'TokenLessThan'
  | 'TokenLessThanEq'
  | 'TokenGreaterThan'
  | 'TokenGreaterThanEq'
  | 'TokenAnd'
  | 'TokenOr'
  | 'TokenBang'
  | 'TokenDot'
  | 'TokenComma'
  | 'TokenDoubleColon'
  | 'TokenEllipsis'
  | 'TokenFatArrow'
  | 'TokenQuestion'
  | 'TokenColon'
  | 'TokenTemplateInterp'
  | 'TokenTemplateControl'
  | 'TokenTemplateSeqEnd'
  | 'TokenQuotedLit'
  | 'TokenStringLit'
  | 'TokenNumberLit'
  | 'TokenIdent'
  | 'TokenComment'
  | 'TokenNewline'
  | 'TokenEOF'
  | 'TokenBitwiseAnd'
  | 'TokenBitwiseOr'
  | 'TokenBitwiseNot'
  | 'TokenBitwiseXor'
  | 'TokenStarStar'
  | 'TokenApostrophe'
  | 'TokenBacktick'
  | 'TokenSemicolon'
  | 'TokenTabs'
  | 'TokenInvalid'
  | 'TokenBadUTF8'
  | 'TokenQuotedNewline'
  | 'TokenNil';

/**
 * One token: its type, its exact source text and its range. Only ASCII spaces and tabs ever appear between
 * two tokens (newlines and comments are tokens), so the gap in bytes between tokens is the whitespace.
 * A `#` or `//` comment token includes its trailing newline, as in HCL. A heredoc opener token
 * (`<<EOT` plus newline) includes its newline too.
 */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly range: Range;
}

/** The tokens that stand for themselves as a single ASCII character. */
export const singleCharTokens: Readonly<Record<string, TokenType>> = {
  '[': 'TokenOBrack',
  ']': 'TokenCBrack',
  '(': 'TokenOParen',
  ')': 'TokenCParen',
  '.': 'TokenDot',
  ',': 'TokenComma',
  '*': 'TokenStar',
  '/': 'TokenSlash',
  '%': 'TokenPercent',
  '+': 'TokenPlus',
  '-': 'TokenMinus',
  '=': 'TokenEqual',
  '<': 'TokenLessThan',
  '>': 'TokenGreaterThan',
  '!': 'TokenBang',
  '?': 'TokenQuestion',
  ':': 'TokenColon',
  '&': 'TokenBitwiseAnd',
  '|': 'TokenBitwiseOr',
  '~': 'TokenBitwiseNot',
  '^': 'TokenBitwiseXor',
  ';': 'TokenSemicolon',
  '`': 'TokenBacktick',
  "'": 'TokenApostrophe',
};
