/**
 * Decoding of one JSON string token. Errors report the byte offset where a strict JSON scanner stops,
 * counted as Go's encoding/json does (one past the offending byte, or the token length when the token
 * ends early), because HCL derives the diagnostic position from that offset.
 */
import { utf8Length } from '../unicode.js';

export type JsonStringResult = { ok: true; value: string } | { ok: false; offset: number };

/** What each one-character escape after a backslash stands for in a JSON string. */
export const JSON_SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/** `token` includes its quotes (the closing one may be missing). */
export function decodeJsonString(token: string): JsonStringResult {
  const cps = [...token];
  let bytes = 0;
  // Offsets are reported one past the offending byte; for a multi-byte character, its first byte.
  const failAt = (index: number): JsonStringResult => {
    let b = 0;
    for (let k = 0; k < index; k++) b += utf8Length(cps[k]!);
    return { ok: false, offset: b + 1 };
  };
  for (const c of cps) bytes += utf8Length(c);
  const atEnd: JsonStringResult = { ok: false, offset: bytes };
  if (cps[0] !== '"') return failAt(0);

  let out = '';
  let i = 1;
  for (;;) {
    if (i >= cps.length) return atEnd;
    const c = cps[i]!;
    if (c === '"') {
      // Anything after the closing quote would be extraneous; the scanner never produces that.
      if (i !== cps.length - 1) return failAt(i + 1);
      return { ok: true, value: out };
    }
    if (c.codePointAt(0)! < 0x20) return failAt(i);
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = cps[i + 1];
    if (e === undefined) return atEnd;
    const simple = JSON_SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (e !== 'u') return failAt(i + 1);
    for (let k = 0; k < 4; k++) {
      const h = cps[i + 2 + k];
      if (h === undefined) return atEnd;
      if (!isHex(h)) return failAt(i + 2 + k);
    }
    const unit = Number.parseInt(cps.slice(i + 2, i + 6).join(''), 16);
    i += 6;
    if (unit >= 0xd800 && unit < 0xdc00) {
      // A high surrogate only counts when a low-surrogate escape follows; otherwise it is U+FFFD.
      if (cps[i] === '\\' && cps[i + 1] === 'u' && [2, 3, 4, 5].every((k) => isHex(cps[i + k]))) {
        const low = Number.parseInt(cps.slice(i + 2, i + 6).join(''), 16);
        if (low >= 0xdc00 && low < 0xe000) {
          out += String.fromCodePoint(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
          i += 6;
          continue;
        }
      }
      out += '\ufffd';
    } else if (unit >= 0xdc00 && unit < 0xe000) {
      out += '\ufffd';
    } else {
      out += String.fromCharCode(unit);
    }
  }
}
