/**
 * Unicode text measures HCL needs: grapheme clusters (columns, length(), substr()) and UTF-8 lengths
 * (byte offsets). One place for them, because V8's Intl.Segmenter iterator gets slower with the length
 * of the string it walks (120,000 characters take seconds): long strings are segmented in pieces cut
 * where a cluster boundary is certain.
 */
/** Made on first use: creating a segmenter loads ICU data, which costs start-up time for ASCII-only runs. */
let segmenter: Intl.Segmenter | undefined;
function segment(piece: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return segmenter.segment(piece);
}

/** Pieces of at most about this many UTF-16 units are handed to the segmenter. */
const pieceLength = 512;

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * A cluster boundary is certain between two ASCII characters other than CR LF: no ASCII character
 * extends, joins or prepends to a cluster (Unicode's GB3 and GB999 rules).
 */
function certainBoundaryAt(s: string, i: number): boolean {
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return a < 0x80 && b < 0x80 && !(a === 0x0d && b === 0x0a);
}

/** Calls `visit` with each piece of `s`, cut only at certain cluster boundaries. */
function forEachPiece(s: string, visit: (piece: string) => void): void {
  let start = 0;
  while (s.length - start > pieceLength) {
    let cut = start + pieceLength;
    while (cut < s.length && !certainBoundaryAt(s, cut)) cut++;
    if (cut >= s.length) break;
    visit(s.slice(start, cut));
    start = cut;
  }
  visit(s.slice(start));
}

/** The extended grapheme clusters of `s`, in order. */
export function graphemes(s: string): string[] {
  const out: string[] = [];
  forEachPiece(s, (piece) => {
    for (const { segment: cluster } of segment(piece)) out.push(cluster);
  });
  return out;
}

export function graphemeCount(s: string): number {
  if (isAscii(s)) return s.length - countCrlf(s);
  let n = 0;
  forEachPiece(s, (piece) => {
    for (const _ of segment(piece)) n++;
  });
  return n;
}

function countCrlf(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\r\n'); i >= 0; i = s.indexOf('\r\n', i + 2)) n++;
  return n;
}

/** The length of `s` encoded as UTF-8 (a lone surrogate counts 3, as its replacement character). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
