/** Display width as hclwrite measures it: one column per space and per grapheme cluster of token text. */
import type { FmtToken } from './tokens.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const printableAscii = /^[\x20-\x7e]*$/;

export function graphemeCount(text: string): number {
  if (printableAscii.test(text)) return text.length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

export function columns(tokens: readonly FmtToken[]): number {
  let n = 0;
  for (const t of tokens) n += t.spacesBefore + graphemeCount(t.text);
  return n;
}
