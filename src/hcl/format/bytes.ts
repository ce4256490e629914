/**
 * Formatting files that are not entirely valid UTF-8. HCL lexes bytes: invalid UTF-8 inside a comment is
 * just comment text (packer formats such a file, keeping the bytes), anywhere else it is an "Invalid
 * character encoding" error. Each invalid byte is carried through the string-based formatter as one
 * private-use character (U+10FF00 + byte) and turned back into that byte on output.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { lexConfig } from '../native/lex.js';
import { formatHcl } from './format.js';

const escapeBase = 0x10ff00;
const escapedByte = /[\u{10ff80}-\u{10ffff}]/u;

function continuation(b: number | undefined, lo = 0x80, hi = 0xbf): boolean {
  return b !== undefined && b >= lo && b <= hi;
}

/** Length of the valid UTF-8 sequence at i (strict: no overlongs, surrogates or values above U+10FFFF), or 0. */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i]!;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return continuation(buf[i + 1]) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return continuation(buf[i + 1], lo, hi) && continuation(buf[i + 2]) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return continuation(buf[i + 1], lo, hi) && continuation(buf[i + 2]) && continuation(buf[i + 3]) ? 4 : 0;
  }
  return 0;
}

/** The text, with each invalid byte as an escape character; `escaped` says whether there were any. */
export function decodeLossless(buf: Uint8Array): { text: string; escaped: boolean } {
  const plain = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  if (Buffer.byteLength(plain) === buf.byteLength && !plain.includes('\ufffd'))
    return { text: plain, escaped: false };
  let text = '';
  let escaped = false;
  let i = 0;
  const decoder = new TextDecoder();
  while (i < buf.length) {
    const n = sequenceLength(buf, i);
    if (n === 0) {
      text += String.fromCodePoint(escapeBase + buf[i]!);
      escaped = true;
      i++;
    } else {
      text += decoder.decode(buf.subarray(i, i + n));
      i += n;
    }
  }
  return { text, escaped };
}

export function encodeLossless(text: string, escaped: boolean): Buffer {
  if (!escaped) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= escapeBase + 0x80 && cp <= escapeBase + 0xff) {
      parts.push(Buffer.from(run, 'utf8'), Buffer.from([cp - escapeBase]));
      run = '';
    } else run += ch;
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** HCL's error for invalid UTF-8 outside comments. */
function encodingDiags(text: string, filename: string): Diagnostic[] {
  return lexConfig(text, filename)
    .filter((t) => t.type !== 'TokenComment' && escapedByte.test(t.text))
    .map((t) =>
      errorDiag(
        'Invalid character encoding',
        'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.',
        t.range,
      ),
    );
}

/** formatHcl over a file's bytes. */
export function formatHclBytes(
  buf: Uint8Array,
  filename = '<input>',
): { output: Buffer; diags: Diagnostic[] } {
  const { text, escaped } = decodeLossless(buf);
  const { output, diags } = formatHcl(text, filename);
  return {
    output: encodeLossless(output, escaped),
    diags: escaped ? [...encodingDiags(text, filename), ...diags] : diags,
  };
}
