/**
 * Display width as hclwrite measures it: one column per space and per grapheme cluster of token text.
 * HCL v2.6.0 segments with Unicode 12 rules (go-textseg v12); Intl.Segmenter follows a newer Unicode, whose
 * rule GB9c (Unicode 15.1) keeps Indic conjuncts such as "क्ष" in one cluster. Unicode 12 breaks before a
 * letter that follows a virama, so such joins are counted back as breaks.
 */
import { graphemes } from '../unicode.js';
import type { FmtToken } from './tokens.js';

const printableAscii = /^[\x20-\x7e]*$/;
const virama =
  /[\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca\u1039\u17d2\u1a60\u1b44\u1bab]/u;
const letter = /\p{L}/u;

/** Breaks Unicode 12 has inside one newer-Unicode cluster: before each letter after a virama. */
function conjunctBreaks(cluster: string): number {
  let breaks = 0;
  let afterVirama = false;
  let first = true;
  for (const ch of cluster) {
    if (!first && afterVirama && letter.test(ch)) breaks++;
    if (virama.test(ch)) afterVirama = true;
    else if (letter.test(ch)) afterVirama = false;
    first = false;
  }
  return breaks;
}

export function graphemeCount(text: string): number {
  if (printableAscii.test(text)) return text.length;
  let n = 0;
  for (const segment of graphemes(text)) {
    n += 1;
    if (segment.length > 1) n += conjunctBreaks(segment);
  }
  return n;
}

export function columns(tokens: readonly FmtToken[]): number {
  let n = 0;
  for (const t of tokens) n += t.spacesBefore + graphemeCount(t.text);
  return n;
}
