/**
 * The JSON syntax's tokenizer (as hcl/json's scanner). It only marks token boundaries and is lax about
 * multi-character tokens (keywords, numbers, strings) so that the parser can report precise problems
 * such as `True` vs `true`. Columns count grapheme clusters; a tab counts as two columns and a carriage
 * return as none, as HCL does.
 */
import type { Pos, Range } from '../pos.js';
import { graphemeCount, utf8Length } from '../unicode.js';

export type JsonTokenType =
  | '{'
  | '}'
  | '['
  | ']'
  | ','
  | ':'
  | '='
  | 'keyword'
  | 'string'
  | 'number'
  | 'eof'
  | 'invalid';

export interface JsonToken {
  readonly type: JsonTokenType;
  /** The token's source text. */
  readonly text: string;
  readonly range: Range;
}

const punctuation = new Set(['{', '}', '[', ']', ',', ':', '=']);

function isAlphabetical(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function canStartNumber(c: string): boolean {
  return c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9');
}

function isNumberChar(c: string): boolean {
  return canStartNumber(c) || c === 'e' || c === 'E';
}

/** Splits `src` into tokens; the last token is always 'eof' (also right after an invalid character). */
export function scanJson(src: string, filename: string, start: Pos): JsonToken[] {
  const tokens: JsonToken[] = [];
  let i = 0;
  let line = start.line;
  let column = start.column;
  let byte = start.byte;
  const pos = (): Pos => ({ line, column, byte });
  const push = (type: JsonTokenType, from: Pos, text: string) =>
    tokens.push({ type, text, range: { filename, start: from, end: pos() } });

  for (;;) {
    // Whitespace
    while (i < src.length) {
      const c = src[i]!;
      if (c === ' ') column++;
      else if (c === '\t') column += 2;
      else if (c === '\r') {
        // counts as no column: it is presumably followed by a newline
      } else if (c === '\n') {
        line++;
        column = 1;
      } else break;
      byte++;
      i++;
    }
    if (i >= src.length) {
      push('eof', pos(), '');
      return tokens;
    }

    const from = pos();
    const first = src[i]!;
    const begin = i;
    if (punctuation.has(first)) {
      i++;
      column++;
      byte++;
      push(first as JsonTokenType, from, first);
    } else if (first === '"') {
      i = scanString(src, i);
      const text = src.slice(begin, i);
      column += graphemeCount(text);
      byte += utf8Length(text);
      push('string', from, text);
    } else if (canStartNumber(first)) {
      while (i < src.length && isNumberChar(src[i]!)) i++;
      column += i - begin;
      byte += i - begin;
      push('number', from, src.slice(begin, i));
    } else if (isAlphabetical(first)) {
      while (i < src.length && (isAlphabetical(src[i]!) || src[i] === '_')) i++;
      column += i - begin;
      byte += i - begin;
      push('keyword', from, src.slice(begin, i));
    } else {
      // One invalid byte, then a synthetic end: the parser cannot continue past it anyway.
      column++;
      byte++;
      const cp = src.codePointAt(i)!;
      push('invalid', from, String.fromCodePoint(cp));
      push('eof', pos(), '');
      return tokens;
    }
  }
}

/**
 * The index just after a string token starting at `i` (a quote): after the closing quote, or at a
 * control character or the end of input when the string is unterminated.
 */
function scanString(src: string, i: number): number {
  let escaping = false;
  i++;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      escaping = !escaping;
      i++;
    } else if (c === '"') {
      i++;
      if (!escaping) break;
      escaping = false;
    } else if (c.charCodeAt(0) < 32) {
      break;
    } else {
      escaping = false;
      i++;
    }
  }
  return i;
}
