/**
 * The native-syntax scanner: turns source text into tokens, like hclsyntax's Ragel scanner. It switches
 * between modes as HCL's does: expressions ("main"), quoted templates, heredoc templates and bare
 * templates (templatefile), keeping a stack so that `${ ... }` inside a template scans as an expression
 * and returns to the template at its matching closing brace.
 */
import { type Pos, initialPos } from '../pos.js';
import { goTrimSpace } from './go-space.js';
import { SourceCursor } from './source-cursor.js';
import { type Token, type TokenType, singleCharTokens } from './tokens.js';

export type ScanMode = 'normal' | 'template';

type Mode = 'main' | 'quoted' | 'heredoc' | 'bare';

interface HeredocInProgress {
  readonly marker: string;
  startOfLine: boolean;
}

const identPattern = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const numberPattern = /[0-9](?:[0-9.]|[eE][+-]?[0-9])*/y;
const heredocPattern = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)(\r?\n)/uy;
const identOnlyPattern = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/** hclsyntax.ValidIdentifier: whether s is a single identifier token. */
export function validIdentifier(s: string): boolean {
  return identOnlyPattern.test(s);
}

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentContinue(c: number): boolean {
  return isAsciiIdentStart(c) || isDigit(c) || c === 45;
}

/** End index of an identifier starting at i (i itself if there is none); ASCII fast path. */
function identEnd(src: string, i: number): number {
  const c = src.charCodeAt(i);
  if (isAsciiIdentStart(c)) {
    let j = i + 1;
    while (j < src.length && isAsciiIdentContinue(src.charCodeAt(j))) j++;
    if (j >= src.length || src.charCodeAt(j) < 0x80) return j;
  } else if (c < 0x80) {
    return i;
  }
  identPattern.lastIndex = i;
  const m = identPattern.exec(src);
  return m ? i + m[0].length : i;
}

/** Multi-character operator at i, if any (checked by first character, longest first). */
function multiCharTokenAt(src: string, i: number): readonly [string, TokenType] | undefined {
  const c = src.charCodeAt(i);
  const next = src.charCodeAt(i + 1);
  switch (c) {
    case 46 /* . */:
      return next === 46 && src.charCodeAt(i + 2) === 46 ? ['...', 'TokenEllipsis'] : undefined;
    case 61 /* = */:
      if (next === 61) return ['==', 'TokenEqualOp'];
      return next === 62 ? ['=>', 'TokenFatArrow'] : undefined;
    case 33 /* ! */:
      return next === 61 ? ['!=', 'TokenNotEqual'] : undefined;
    case 62 /* > */:
      return next === 61 ? ['>=', 'TokenGreaterThanEq'] : undefined;
    case 60 /* < */:
      return next === 61 ? ['<=', 'TokenLessThanEq'] : undefined;
    case 38 /* & */:
      return next === 38 ? ['&&', 'TokenAnd'] : undefined;
    case 124 /* | */:
      return next === 124 ? ['||', 'TokenOr'] : undefined;
    case 58 /* : */:
      return next === 58 ? ['::', 'TokenDoubleColon'] : undefined;
    default:
      return undefined;
  }
}

/** Single-character token types indexed by character code. */
const singleCharByCode: (TokenType | undefined)[] = [];
for (const [ch, type] of Object.entries(singleCharTokens)) singleCharByCode[ch.charCodeAt(0)] = type;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function scanTokens(
  src: string,
  filename: string,
  start: Pos = initialPos,
  mode: ScanMode = 'normal',
): Token[] {
  let i = 0;
  let startPos = start;
  if (src.charCodeAt(0) === 0xfeff) {
    // A UTF-8 byte order mark is skipped: it counts in byte offsets but not in columns.
    i = 1;
    startPos = { line: start.line, column: start.column, byte: start.byte + 3 };
  }
  const n = src.length;
  const cursor = new SourceCursor(src, i, startPos);
  const tokens: Token[] = [];
  const modes: Mode[] = [mode === 'template' ? 'bare' : 'main'];
  let braces = 0;
  const retBraces: number[] = [];
  const heredocs: HeredocInProgress[] = [];

  const emit = (type: TokenType, s: number, e: number): void => {
    const text = src.slice(s, e);
    const startP = cursor.skipTo(s);
    const endP = cursor.advanceOver(text);
    tokens.push({ type, text, range: { filename, start: startP, end: endP } });
  };

  const beginSequence = (type: TokenType, s: number): number => {
    const len = src.charCodeAt(s + 2) === 126 /* ~ */ ? 3 : 2;
    emit(type, s, s + len);
    braces++;
    retBraces.push(braces);
    const top = heredocs[heredocs.length - 1];
    if (top) top.startOfLine = false;
    modes.push('main');
    return s + len;
  };

  const closeBrace = (s: number, len: number, eatsWhitespace: boolean): number => {
    if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
      emit('TokenTemplateSeqEnd', s, s + len);
      braces--;
      retBraces.pop();
      modes.pop();
    } else {
      // A stray "~}" still becomes a sequence end so the parser can report it.
      emit(eatsWhitespace ? 'TokenTemplateSeqEnd' : 'TokenCBrace', s, s + len);
      braces--;
    }
    return s + len;
  };

  /** Whether a template sequence (`${` or `%{`) starts at s. Escaped `$${` / `%%{` are handled by callers. */
  const sequenceAt = (s: number): TokenType | undefined => {
    const c = src.charCodeAt(s);
    if (src.charCodeAt(s + 1) !== 123 /* { */) return undefined;
    if (c === 36 /* $ */) return 'TokenTemplateInterp';
    if (c === 37 /* % */) return 'TokenTemplateControl';
    return undefined;
  };

  /**
   * End of a template literal token starting at s. As in HCL's scanner, a lone `$` or `%` is a token of
   * its own, as is an escape `$${` / `%%{`; other runs stop before those characters, before quotes and
   * newlines in quoted mode, and just after a newline in heredoc and bare templates.
   */
  const literalEnd = (s: number, quoted: boolean): number => {
    const c0 = src.charCodeAt(s);
    if (c0 === 36 || c0 === 37) {
      return src.charCodeAt(s + 1) === c0 && src.charCodeAt(s + 2) === 123 ? s + 3 : s + 1;
    }
    let j = s;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 36 || c === 37) break;
      if (quoted) {
        if (c === 34 || c === 10 || c === 13) break;
        if (c === 92 /* \ */) {
          const next = src.charCodeAt(j + 1);
          if (j + 1 >= n || next === 10 || next === 13) break;
          j += next >= 0xd800 && next <= 0xdbff ? 3 : 2;
          continue;
        }
        j++;
        continue;
      }
      j++;
      if (c === 10) break;
    }
    return j;
  };

  while (i < n) {
    const mode = modes[modes.length - 1];
    const c = src.charCodeAt(i);

    if (mode === 'quoted') {
      const seq = sequenceAt(i);
      if (seq) {
        i = beginSequence(seq, i);
      } else if (c === 34) {
        emit('TokenCQuote', i, i + 1);
        i++;
        modes.pop();
      } else if (c === 10 || c === 13) {
        let j = i;
        while (j < n && (src.charCodeAt(j) === 10 || src.charCodeAt(j) === 13)) j++;
        emit('TokenQuotedNewline', i, j);
        i = j;
      } else {
        const j = literalEnd(i, true);
        if (j === i) {
          // A backslash with nothing valid after it.
          emit('TokenInvalid', i, i + 1);
          i++;
        } else {
          emit('TokenQuotedLit', i, j);
          i = j;
        }
      }
      continue;
    }

    if (mode === 'heredoc' || mode === 'bare') {
      const seq = sequenceAt(i);
      if (seq) {
        i = beginSequence(seq, i);
        continue;
      }
      const j = literalEnd(i, false);
      const top = heredocs[heredocs.length - 1];
      if (mode === 'heredoc' && top) {
        if (src.charCodeAt(j - 1) === 10) {
          if (top.startOfLine && goTrimSpace(src.slice(i, j)) === top.marker) {
            // The closing marker and its newline are separate tokens, so the newline can end an attribute.
            const nl = src.charCodeAt(j - 2) === 13 ? j - 2 : j - 1;
            emit('TokenCHeredoc', i, nl);
            emit('TokenNewline', nl, j);
            heredocs.pop();
            modes.pop();
            i = j;
            continue;
          }
          top.startOfLine = true;
        } else {
          top.startOfLine = false;
        }
      }
      emit('TokenStringLit', i, j);
      i = j;
      continue;
    }

    // Expression ("main") mode.
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (isDigit(c)) {
      numberPattern.lastIndex = i;
      const m = numberPattern.exec(src) as RegExpExecArray;
      let e = i + m[0].length;
      while (src.charCodeAt(e - 1) === 46 /* . */) e--;
      emit('TokenNumberLit', i, e);
      i = e;
      continue;
    }
    if (c === 35 /* # */ || (c === 47 && src.charCodeAt(i + 1) === 47)) {
      const nl = src.indexOf('\n', i);
      const e = nl < 0 ? n : nl + 1;
      emit('TokenComment', i, e);
      i = e;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const close = src.indexOf('*/', i + 2);
      if (close >= 0) {
        emit('TokenComment', i, close + 2);
        i = close + 2;
        continue;
      }
      // An unterminated "/*" is just a slash and a star.
    }
    if (c === 10) {
      emit('TokenNewline', i, i + 1);
      i++;
      continue;
    }
    if (c === 13 && src.charCodeAt(i + 1) === 10) {
      emit('TokenNewline', i, i + 2);
      i += 2;
      continue;
    }
    if (c === 123) {
      emit('TokenOBrace', i, i + 1);
      braces++;
      i++;
      continue;
    }
    if (c === 125) {
      i = closeBrace(i, 1, false);
      continue;
    }
    if (c === 126 && src.charCodeAt(i + 1) === 125) {
      i = closeBrace(i, 2, true);
      continue;
    }
    if (c === 34) {
      emit('TokenOQuote', i, i + 1);
      modes.push('quoted');
      i++;
      continue;
    }
    if (c === 60 && src.charCodeAt(i + 1) === 60) {
      heredocPattern.lastIndex = i;
      const m = heredocPattern.exec(src);
      if (m) {
        const e = i + m[0].length;
        emit('TokenOHeredoc', i, e);
        heredocs.push({ marker: m[2] as string, startOfLine: true });
        modes.push('heredoc');
        i = e;
        continue;
      }
    }
    const idEnd = identEnd(src, i);
    if (idEnd > i) {
      emit('TokenIdent', i, idEnd);
      i = idEnd;
      continue;
    }
    const multi = multiCharTokenAt(src, i);
    if (multi) {
      emit(multi[1], i, i + multi[0].length);
      i += multi[0].length;
      continue;
    }
    const single = c < 128 ? singleCharByCode[c] : undefined;
    if (single) {
      emit(single, i, i + 1);
      i++;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    emit('TokenInvalid', i, i + width);
    i += width;
  }

  emit('TokenEOF', n, n);
  return tokens;
}
