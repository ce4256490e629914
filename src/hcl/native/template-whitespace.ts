/**
 * Whitespace handling on template atoms that depends on the atoms around each literal: flush-heredoc
 * un-indentation, and merging adjacent literals once all trimming is done.
 */
import { trimLeftGoSpace } from './go-space.js';
import { graphemeCount, graphemes, isAscii, utf8Length } from '../unicode.js';
import type { Atom, LiteralAtom } from './template-atoms.js';

/**
 * Flush heredocs (`<<-`): the smallest count of leading whitespace characters over all lines (lines of
 * only whitespace excepted) is removed from the start of every line. It looks at the literal text only,
 * so interpolated values cannot change the indentation chosen.
 */
export function flushHeredocAtoms(atoms: Atom[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: LiteralAtom[] = [];
  for (const atom of atoms) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (atom.t === 'literal') {
        const trimmed = trimLeftGoSpace(atom.val);
        if (trimmed.length === 0 && atom.val.endsWith('\n')) {
          spaces = Number.MAX_SAFE_INTEGER; // a blank line does not count
        } else {
          spaces = graphemeCount(atom.val.slice(0, atom.val.length - trimmed.length));
          adjust.push(atom);
        }
      } else if (atom.t === 'end') {
        break;
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (atom.t === 'literal' && atom.val.endsWith('\n')) newline = true;
  }

  for (const lit of adjust) {
    const cut = prefixOfGraphemes(lit.val, minSpaces);
    lit.val = lit.val.slice(cut.length);
    lit.range = {
      filename: lit.range.filename,
      start: {
        line: lit.range.start.line,
        column: lit.range.start.column + minSpaces,
        byte: lit.range.start.byte + utf8Length(cut),
      },
      end: lit.range.end,
    };
  }
}

/** The first n grapheme clusters of s (all of s if it has fewer). */
function prefixOfGraphemes(s: string, n: number): string {
  if (n <= 0) return '';
  const head = s.slice(0, n + 1);
  if (isAscii(head)) {
    // ASCII: one character per cluster, except "\r\n".
    let i = 0;
    let count = 0;
    while (i < s.length && count < n) {
      i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
      count++;
    }
    return s.slice(0, i);
  }
  let out = '';
  let count = 0;
  for (const g of graphemes(s)) {
    if (count >= n) break;
    out += g;
    count++;
  }
  return out;
}

export function meldConsecutiveLiterals(atoms: Atom[]): void {
  // One pass, compacting in place (splicing per merge would be quadratic on big templates).
  let out = 0;
  for (let i = 0; i < atoms.length; i++) {
    const cur = atoms[i] as Atom;
    const prev = out > 0 ? (atoms[out - 1] as Atom) : undefined;
    if (prev?.t === 'literal' && cur.t === 'literal') {
      prev.val += cur.val;
      prev.range = { filename: prev.range.filename, start: prev.range.start, end: cur.range.end };
      continue;
    }
    atoms[out++] = cur;
  }
  atoms.length = out;
}
