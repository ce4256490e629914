/** A position in a source file: 1-based line and column (in grapheme clusters), 0-based byte offset (UTF-8). */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
}

/** A half-open source range [start, end) within one file, as in HCL's `hcl.Range`. */
export interface Range {
  readonly filename: string;
  readonly start: Pos;
  readonly end: Pos;
}

export const initialPos: Pos = { line: 1, column: 1, byte: 0 };

export function makeRange(filename: string, start: Pos, end: Pos): Range {
  return { filename, start, end };
}

/** The smallest range covering both a and b (which must be in the same file). */
export function rangeBetween(a: Range, b: Range): Range {
  const start = a.start.byte <= b.start.byte ? a.start : b.start;
  const end = a.end.byte >= b.end.byte ? a.end : b.end;
  return { filename: a.filename, start, end };
}

/** A zero-length range at the start of r. */
export function rangeStart(r: Range): Range {
  return { filename: r.filename, start: r.start, end: r.start };
}

/** A zero-length range at the end of r. */
export function rangeEnd(r: Range): Range {
  return { filename: r.filename, start: r.end, end: r.end };
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return outer.start.byte <= inner.start.byte && inner.end.byte <= outer.end.byte;
}

export function formatRange(r: Range): string {
  const s = `${r.filename}:${r.start.line},${r.start.column}`;
  if (r.start.line === r.end.line) return `${s}-${r.end.column}`;
  return `${s}-${r.end.line},${r.end.column}`;
}
