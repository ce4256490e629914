/**
 * Go's base64.StdEncoding.DecodeString, including where it reports corrupt input (a byte offset) and
 * its tolerance of CR/LF anywhere in the input. Node's decoder is lenient, so it cannot be used as is.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export type Base64Result = { ok: true; bytes: Buffer } | { ok: false; offset: number };

export function goBase64Decode(s: string): Base64Result {
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let si = 0;
  const isNl = (b: number | undefined) => b === 0x0a || b === 0x0d;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let trailingError: number | undefined;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { ok: true, bytes: Buffer.from(out) };
        return { ok: false, offset: si - j };
      }
      const b = src[si]!;
      si++;
      const d = DECODE[b]!;
      if (d >= 0) {
        dbuf[j] = d;
        continue;
      }
      if (isNl(b)) {
        j--;
        continue;
      }
      if (b !== 0x3d) return { ok: false, offset: si - 1 };
      // Padding: only valid after two or three symbols.
      if (j === 0 || j === 1) return { ok: false, offset: si - 1 };
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) return { ok: false, offset: src.length };
        if (src[si] !== 0x3d) return { ok: false, offset: si - 1 };
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      if (si < src.length) trailingError = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailingError !== undefined) return { ok: false, offset: trailingError };
    if (dlen < 4) break;
  }
  return { ok: true, bytes: Buffer.from(out) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as a string if they are valid UTF-8. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
