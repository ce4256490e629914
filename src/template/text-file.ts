/**
 * Template and var files must be UTF-8 text. A binary file (or UTF-16 text) would otherwise reach the
 * parser and give an error per odd byte plus the syntax errors they cause; one diagnostic naming the
 * file, and where its first bad byte is, says it better.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { graphemeCount } from '../hcl/unicode.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text (without a UTF-8 byte order mark), or the one diagnostic saying why it is not UTF-8 text. */
export function decodeTextFile(name: string, bytes: Uint8Array): { text: string } | { diag: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      diag: notText(
        `${name} is UTF-16 encoded text (it starts with a UTF-16 byte order mark). All input files must be UTF-8 encoded: save it as UTF-8.`,
      ),
    };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // The native decoder is fast but does not say where: only a bad file is scanned byte by byte.
    const bad = firstInvalidUtf8(bytes) ?? 0;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      diag: notText(
        `${name} is not UTF-8 encoded text: the byte 0x${byte} at ${where(bytes, bad)} is not valid UTF-8. All input files must be UTF-8 encoded; is it a binary file?`,
      ),
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      diag: notText(
        `${name} is not a text file: it has a NUL byte at ${where(bytes, nul)}. All input files must be UTF-8 encoded text; is it a binary file?`,
      ),
    };
  }
  return { text };
}

function notText(detail: string): Diagnostic {
  return errorDiag('Invalid character encoding', detail);
}

/** "line L, column C" of a byte offset, columns counted in characters as HCL counts them. */
function where(bytes: Uint8Array, offset: number): string {
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // The bytes before `offset` are valid UTF-8 (the first invalid one is at `offset`, or none is).
  const before = strictUtf8.decode(bytes.subarray(lineStart, offset));
  return `line ${line}, column ${graphemeCount(before) + 1}`;
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Sequence length and the range allowed for the second byte (no overlongs, surrogates or > U+10FFFF).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n;
  }
  return undefined;
}
