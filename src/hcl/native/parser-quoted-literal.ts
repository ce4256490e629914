/** Quoted strings where templates are not allowed: block labels and traversal index keys. */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, rangeBetween } from '../pos.js';
import type { ParserState } from './parser-state.js';
import { parseStringLiteralToken } from './string-literal.js';

/** A quoted string that may not contain template sequences (block labels, traversal index keys). */
export function parseQuotedStringLiteral(
  p: ParserState,
  diags: Diagnostic[],
): { value: string; range: Range } {
  const oQuote = p.read();
  if (oQuote.type !== 'TokenOQuote') {
    diags.push(errorDiag('Invalid string literal', 'A quoted string is required here.', oQuote.range));
    return { value: '', range: oQuote.range };
  }
  const out: string[] = [];
  let endRange: Range;
  for (;;) {
    const tok = p.read();
    if (tok.type === 'TokenCQuote') {
      endRange = tok.range;
      break;
    }
    if (tok.type === 'TokenQuotedLit') {
      const { value, diags: sDiags } = parseStringLiteralToken(tok);
      diags.push(...sDiags);
      out.push(value);
      continue;
    }
    if (tok.type === 'TokenTemplateControl' || tok.type === 'TokenTemplateInterp') {
      const which = tok.type === 'TokenTemplateControl' ? '%' : '$';
      diags.push(
        errorDiag(
          'Invalid string literal',
          `Template sequences are not allowed in this string. To include a literal ${JSON.stringify(which)}, double it (as "${which}${which}") to escape it.`,
          tok.range,
          rangeBetween(oQuote.range, tok.range),
        ),
      );
      // A marker in the partial result shows something invalid was here.
      out.push(which, '{ ... }');
      p.recover('TokenTemplateSeqEnd');
      continue;
    }
    if (tok.type === 'TokenEOF') {
      diags.push(
        errorDiag(
          'Unterminated string literal',
          'Unable to find the closing quote mark before the end of the file.',
          tok.range,
          rangeBetween(oQuote.range, tok.range),
        ),
      );
      endRange = tok.range;
      break;
    }
    diags.push(
      errorDiag(
        'Invalid string literal',
        'This item is not valid in a string literal.',
        tok.range,
        rangeBetween(oQuote.range, tok.range),
      ),
    );
    p.recover('TokenCQuote');
    endRange = tok.range;
    break;
  }
  // Not NFC-normalised: HCL keeps block labels as written (string values made from them are normalised).
  return { value: out.join(''), range: rangeBetween(oQuote.range, endRange) };
}
