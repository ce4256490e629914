/**
 * Go's text conventions that cty, HCL and Packer messages rely on: strconv.Quote / QuoteRune (the `%q`
 * verb) and Go's string ordering (UTF-8 byte order, which is code point order).
 */

/** Go's string ordering: UTF-8 byte order, which is code point order (JS compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Surrogates encode code points above U+FFFF, so they sort after U+E000..U+FFFF.
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
      cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    }
    return ca < cb ? -1 : 1;
  }
  return a.length - b.length;
}

/** Go's strconv.Quote (`%q` of a string): printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  return `"${escapeRunes(s, '"')}"`;
}

/** Go's strconv.QuoteRune (`%q` of a rune), e.g. for "invalid character 'x'" messages. */
export function goQuoteRune(c: string): string {
  return `'${escapeRunes(c, "'")}'`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** The body of a Go quoted literal delimited by `quote` (strconv's appendQuotedWith). */
function escapeRunes(s: string, quote: '"' | "'"): string {
  let out = '';
  for (const ch of s) {
    if (ch === quote || ch === '\\') {
      out += `\\${ch}`;
      continue;
    }
    if (PRINTABLE.test(ch)) {
      out += ch;
      continue;
    }
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) {
      out += named;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff)
      out += '\ufffd'; // a lone surrogate becomes U+FFFD, as invalid UTF-8 does
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
