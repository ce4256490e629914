/**
 * Small helpers shared by the function implementations: Go string semantics (grapheme clusters, Unicode
 * whitespace, case mapping) and gocty-style number extraction.
 */
import { isGoSpace } from '../native/go-space.js';
import type { BigFloat } from '../number.js';
import type { Value } from '../value.js';
import { asBigFloat } from '../values.js';

export { goTrimSpace } from '../native/go-space.js';
export { graphemeCount, graphemes, utf8Length } from '../unicode.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** gocty.FromCtyValue into a Go `int`: a whole number in int64 range, or this error message. */
export function toGoInt(v: Value): number {
  const bf = asBigFloat(v);
  if (!bf.isInfinite() && bf.isInteger()) {
    const b = bf.toBigInt();
    if (b >= INT64_MIN && b <= INT64_MAX) return Number(b);
  }
  throw new Error(`value must be a whole number, between ${INT64_MIN} and ${INT64_MAX}`);
}

/** gocty.FromCtyValue into a Go float64 (precision may be lost; infinities are an error). */
export function toGoFloat(bf: BigFloat): number {
  if (bf.isInfinite()) return bf.sign() < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const f = bf.toNumber();
  if (!Number.isFinite(f)) {
    const max = `${BigInt(Number.MAX_VALUE)}.000000`;
    throw new Error(`value must be between -${max} and ${max} inclusive`);
  }
  return f;
}

/** Go's strings.Trim: strips code points found in cutset from both ends. */
export function goTrim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set([...cutset]);
  const cps = [...s];
  let start = 0;
  let end = cps.length;
  while (start < end && cut.has(cps[start]!)) start++;
  while (end > start && cut.has(cps[end - 1]!)) end--;
  return cps.slice(start, end).join('');
}

/** Per-code-point case mapping, like Go's unicode.ToUpper/ToLower (no multi-character expansions). */
function mapCase(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

export function goToUpper(s: string): string {
  return mapCase(s, (c) => c.toUpperCase());
}

/** Go's simple lower-case mappings where JavaScript's full mapping differs. */
const LOWER_EXCEPTIONS: Record<string, string> = { '\u0130': 'i' };

export function goToLower(s: string): string {
  return mapCase(s, (c) => LOWER_EXCEPTIONS[c] ?? c.toLowerCase());
}

/** Title case differs from upper case only for the Latin digraphs (Go's unicode.ToTitle). */
const TITLE_EXCEPTIONS: Record<string, string> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

function goToTitle(c: string): string {
  return TITLE_EXCEPTIONS[c] ?? goToUpper(c);
}

/** Go's (deprecated) strings.Title: upper-cases the first letter of each word. */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isTitleSeparator(prev) ? goToTitle(c) : c;
    prev = c;
  }
  return out;
}

function isTitleSeparator(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp <= 0x7f) {
    if (/[0-9a-zA-Z_]/.test(c)) return false;
    return true;
  }
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return isGoSpace(cp);
}

/** An Error's message, or the thrown thing as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
