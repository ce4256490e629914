/**
 * Walks a source string forward, keeping HCL positions: 1-based line, 1-based column counted in grapheme
 * clusters, 0-based UTF-8 byte offset. ASCII text takes a fast path; text with other characters is
 * segmented into grapheme clusters.
 */
import type { Pos } from '../pos.js';
import { graphemes, utf8Length } from '../unicode.js';

/** The position reached after walking over `text` from `from` (a newline grapheme starts a new line). */
export function advancePos(from: Pos, text: string): Pos {
  let { line, column } = from;
  // ASCII fast path: one column per character, except that "\r\n" is a single (line-ending) cluster.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return advancePosSegmented(from, text);
    if (c === 10) {
      line++;
      column = 1;
    } else if (c !== 13 || text.charCodeAt(i + 1) !== 10) {
      column++;
    }
  }
  return { line, column, byte: from.byte + text.length };
}

function advancePosSegmented(from: Pos, text: string): Pos {
  let { line, column, byte } = from;
  for (const g of graphemes(text)) {
    if (g === '\n' || g === '\r\n') {
      line++;
      column = 1;
    } else column++;
    byte += utf8Length(g);
  }
  return { line, column, byte };
}

/** A forward-only cursor over a source string that hands out positions for string indices. */
export class SourceCursor {
  private idx: number;
  private pos: Pos;

  constructor(
    private readonly src: string,
    startIdx: number,
    startPos: Pos,
  ) {
    this.idx = startIdx;
    this.pos = startPos;
  }

  /** Position of index `to` (>= the current index), treating the gap as single-column ASCII (spaces). */
  skipTo(to: number): Pos {
    if (to > this.idx) {
      const n = to - this.idx;
      this.pos = { line: this.pos.line, column: this.pos.column + n, byte: this.pos.byte + n };
      this.idx = to;
    }
    return this.pos;
  }

  /** Position of index `to`, walking over real text (newlines and graphemes counted). */
  advanceTo(to: number): Pos {
    if (to > this.idx) return this.advanceOver(this.src.slice(this.idx, to));
    return this.pos;
  }

  /** Walks over `text`, which must be the source text from the current index on. */
  advanceOver(text: string): Pos {
    this.pos = advancePos(this.pos, text);
    this.idx += text.length;
    return this.pos;
  }
}
