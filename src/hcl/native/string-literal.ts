/**
 * Resolving a template literal token to its string (hclsyntax's ParseStringLiteralToken): backslash
 * escapes in quoted strings, `$${` and `%%{` in every template, with diagnostics for invalid escapes.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { goQuote } from '../go-strings.js';
import type { Pos, Range } from '../pos.js';
import { advancePos } from './source-cursor.js';
import type { Token } from './tokens.js';

const hexDigit = /[0-9a-fA-F]/;

/** The string value of a TokenQuotedLit (escapes allowed) or TokenStringLit (no backslash escapes). */
export function parseStringLiteralToken(tok: Token): { value: string; diags: Diagnostic[] } {
  const quoted = tok.type === 'TokenQuotedLit';
  const text = tok.text;
  if (!needsUnescaping(text, quoted)) return { value: text, diags: [] };
  return resolveEscapes(tok, text, quoted);
}

function needsUnescaping(text: string, quoted: boolean): boolean {
  if (quoted && text.includes('\\')) return true;
  return text.includes('$${') || text.includes('%%{');
}

function resolveEscapes(tok: Token, text: string, quoted: boolean): { value: string; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const out: string[] = [];
  let litStart = 0;
  let i = 0;

  // Diagnostic ranges are computed only when needed, walking from the token start.
  const posAt = (idx: number): Pos => advancePos(tok.range.start, text.slice(0, idx));
  const rangeOf = (s: number, e: number): Range => ({
    filename: tok.range.filename,
    start: posAt(s),
    end: posAt(e),
  });
  const flush = (): void => {
    if (litStart < i) out.push(text.slice(litStart, i));
  };

  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (quoted && c === 92 /* \ */) {
      flush();
      if (i + 1 >= text.length) {
        diags.push(
          errorDiag(
            'Invalid escape sequence',
            'Backslash must be followed by an escape sequence selector character.',
            rangeOf(i, i + 1),
          ),
        );
        out.push('\\');
        i++;
        litStart = i;
        continue;
      }
      const sel = text[i + 1] as string;
      const simple = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[sel];
      if (simple !== undefined) {
        out.push(simple);
        i += 2;
      } else if (sel === 'u' || sel === 'U') {
        const want = sel === 'u' ? 4 : 8;
        let j = i + 2;
        while (j < text.length && j - (i + 2) < want && hexDigit.test(text[j] as string)) j++;
        const slice = text.slice(i, j);
        if (j - (i + 2) !== want) {
          const detail =
            sel === 'u'
              ? 'The \\u escape sequence must be followed by four hexadecimal digits.'
              : 'The \\U escape sequence must be followed by eight hexadecimal digits.';
          diags.push(errorDiag('Invalid escape sequence', detail, rangeOf(i, j)));
          out.push(slice);
        } else {
          const cp = Number.parseInt(slice.slice(2), 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            diags.push(
              errorDiag(
                'Invalid escape sequence',
                `Cannot encode character U+${cp.toString(16).padStart(4, '0')} in UTF-8.`,
                rangeOf(i, j),
              ),
            );
            out.push(slice);
          } else {
            out.push(String.fromCodePoint(cp));
          }
        }
        i = j;
      } else {
        const cp = text.codePointAt(i + 1) as number;
        const selText = String.fromCodePoint(cp);
        const j = i + 1 + selText.length;
        diags.push(
          errorDiag(
            'Invalid escape sequence',
            `The symbol ${goQuote(selText)} is not a valid escape sequence selector.`,
            rangeOf(i, j),
          ),
        );
        out.push(selText);
        i = j;
      }
      litStart = i;
      continue;
    }
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
      // "$${" and "%%{" stand for a literal "${" and "%{".
      flush();
      out.push(c === 36 ? '${' : '%{');
      i += 3;
      litStart = i;
      continue;
    }
    i++;
  }
  flush();
  return { value: out.join(''), diags };
}
