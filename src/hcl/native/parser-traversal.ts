/**
 * Absolute traversals given as text (`var.a.b[0]["k"]`), hclsyntax's ParseTraversalAbs: a root name
 * followed by attribute and constant-index steps only.
 */
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import { rangeBetween } from '../pos.js';
import type { Traverser } from '../traversal.js';
import { stringValue } from './literal-values.js';
import { parseQuotedStringLiteral } from './parser-quoted-literal.js';
import { numberLitValue } from './parser-expressions.js';
import type { ParserState } from './parser-state.js';

const unclosedIndex = 'Index key must be followed by a closing bracket.';

export function parseTraversal(p: ParserState, allowSplats: boolean, diags: Diagnostic[]): Traverser[] {
  const ret: Traverser[] = [];
  const varTok = p.read();
  if (varTok.type !== 'TokenIdent') {
    diags.push(errorDiag('Variable name required', 'Must begin with a variable name.', varTok.range));
    return ret;
  }
  ret.push({ type: 'root', name: varTok.text, range: varTok.range });

  for (;;) {
    const next = p.peek();
    if (next.type === 'TokenEOF') return ret;

    if (next.type === 'TokenDot') {
      const dot = p.read();
      const nameTok = p.read();
      if (nameTok.type !== 'TokenIdent') {
        diags.push(
          errorDiag(
            'Attribute name required',
            nameTok.type === 'TokenStar'
              ? 'Splat expressions (.*) may not be used here.'
              : 'Dot must be followed by attribute name.',
            nameTok.range,
            rangeBetween(varTok.range, nameTok.range),
          ),
        );
        return ret;
      }
      ret.push({ type: 'attr', name: nameTok.text, range: rangeBetween(dot.range, nameTok.range) });
      continue;
    }

    if (next.type === 'TokenOBrack') {
      const open = p.read();
      const keyTok = p.peek();
      const closeOrDiag = (): ReturnType<typeof p.read> => {
        const close = p.read();
        if (close.type !== 'TokenCBrack') {
          diags.push(
            errorDiag(
              'Unclosed index brackets',
              unclosedIndex,
              close.range,
              rangeBetween(open.range, close.range),
            ),
          );
        }
        return close;
      };
      if (keyTok.type === 'TokenNumberLit') {
        p.read();
        const key = numberLitValue(keyTok, diags);
        const close = closeOrDiag();
        ret.push({ type: 'index', key, range: rangeBetween(open.range, close.range) });
        if (hasErrors(diags)) return ret;
        continue;
      }
      if (keyTok.type === 'TokenOQuote') {
        const str = parseQuotedStringLiteral(p, diags);
        const close = closeOrDiag();
        ret.push({
          type: 'index',
          key: stringValue(str.value),
          range: rangeBetween(open.range, close.range),
        });
        if (hasErrors(diags)) return ret;
        continue;
      }
      if (keyTok.type === 'TokenStar' && allowSplats) {
        p.read();
        const close = closeOrDiag();
        ret.push({ type: 'splat', range: rangeBetween(open.range, close.range) });
        if (hasErrors(diags)) return ret;
        continue;
      }
      diags.push(
        keyTok.type === 'TokenStar'
          ? errorDiag(
              'Attribute name required',
              'Splat expressions ([*]) may not be used here.',
              keyTok.range,
              rangeBetween(varTok.range, keyTok.range),
            )
          : errorDiag(
              'Index value required',
              'Index brackets must contain either a literal number or a literal string.',
              keyTok.range,
              rangeBetween(varTok.range, keyTok.range),
            ),
      );
      return ret;
    }

    diags.push(
      errorDiag(
        'Invalid character',
        'Expected an attribute access or an index operator.',
        next.range,
        rangeBetween(varTok.range, next.range),
      ),
    );
    return ret;
  }
}
