/**
 * Postfix operators after a term: attribute access (`.name`, legacy `.0`), indexing (`[key]`), and the
 * attribute-only (`.*`) and full (`[*]`) splat operators. Steps with a constant key extend a traversal;
 * other keys make an IndexExpr.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, rangeBetween } from '../pos.js';
import type { Traverser } from '../traversal.js';
import type { Value } from '../value.js';
import { errorsSince } from './diag-utils.js';
import { dynamicValue, syntaxErrorPlaceholders } from './literal-values.js';
import { numberLitValue, parseExpression } from './parser-expressions.js';
import type { ParserState } from './parser-state.js';
import { templateStringLiteralValue } from './parser-template.js';
import type { Token } from './tokens.js';

/** Appends a step to a traversal expression, or starts a relative traversal from any other expression. */
function makeRelativeTraversal(expr: ast.Expr, step: Traverser, rng: Range): ast.Expr {
  if (expr.kind === 'scopeTraversal' || expr.kind === 'relativeTraversal') {
    return { ...expr, traversal: [...expr.traversal, step], range: rangeBetween(expr.range, rng) };
  }
  return { kind: 'relativeTraversal', source: expr, traversal: [step], range: rangeBetween(expr.range, rng) };
}

function legacyIndexChainDiag(numTok: Token, subject: Range, withSplat: boolean): Diagnostic {
  const [first, second] = numTok.text.split('.', 2);
  const how = withSplat
    ? 'the proper index syntax with a full splat expression [*] instead'
    : 'the proper index syntax instead';
  return errorDiag(
    'Invalid legacy index syntax',
    `When using the legacy index syntax, chaining two indexes together is not permitted. Use ${how}, like [${first}][${second}].`,
    subject,
  );
}

export function parseExpressionTraversals(p: ParserState, from: ast.Expr, diags: Diagnostic[]): ast.Expr {
  let ret = from;
  for (;;) {
    const next = p.peek();
    if (next.type === 'TokenDot') {
      const dot = p.read();
      const attrTok = p.peek();
      if (attrTok.type === 'TokenIdent') {
        p.read();
        const rng = rangeBetween(dot.range, attrTok.range);
        ret = makeRelativeTraversal(ret, { type: 'attr', name: attrTok.text, range: rng }, rng);
      } else if (attrTok.type === 'TokenNumberLit') {
        // Legacy HIL-style index: foo.0 means foo[0].
        const numTok = p.read();
        const rng = rangeBetween(dot.range, numTok.range);
        let key: Value = dynamicValue;
        if (numTok.text.includes('.')) {
          // foo.0.1 scans as the number 0.1: rejected rather than misread.
          diags.push(legacyIndexChainDiag(numTok, numTok.range, false));
        } else {
          key = numberLitValue(numTok, diags);
        }
        ret = makeRelativeTraversal(ret, { type: 'index', key, range: rng }, rng);
      } else if (attrTok.type === 'TokenStar') {
        ret = finishAttrSplat(p, from, ret, dot, diags);
      } else {
        diags.push(
          errorDiag('Invalid attribute name', 'An attribute name is required after a dot.', attrTok.range),
        );
        // The peeker is left somewhere unhelpful; later items will likely be misparsed until re-sync.
        ret = { kind: 'literal', value: dynamicValue, range: rangeBetween(from.range, dot.range) };
        syntaxErrorPlaceholders.add(ret);
        p.setRecovery();
      }
      continue;
    }

    if (next.type === 'TokenOBrack') {
      const open = p.read();
      if (p.peek().type === 'TokenStar') {
        // Full splat: the rest of the traversal applies to each element.
        p.read();
        let close = p.read();
        if (close.type !== 'TokenCBrack' && !p.recovery) {
          diags.push(
            errorDiag(
              'Missing close bracket on splat index',
              'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
              close.range,
            ),
          );
          close = p.recover('TokenCBrack');
        }
        const markerRange = rangeBetween(open.range, close.range);
        const item: ast.AnonSymbolExpr = { kind: 'anonSymbol', range: markerRange };
        const each = parseExpressionTraversals(p, item, diags);
        ret = {
          kind: 'splat',
          source: ret,
          each,
          item,
          markerRange,
          range: rangeBetween(from.range, each.range),
        };
        continue;
      }

      let close: Token;
      p.pushIncludeNewlines(false); // newlines are allowed inside brackets
      const mark = diags.length;
      const keyExpr = parseExpression(p, diags);
      if (p.recovery && errorsSince(diags, mark)) {
        close = p.recover('TokenCBrack');
      } else {
        close = p.read();
        if (close.type !== 'TokenCBrack' && !p.recovery) {
          diags.push(
            errorDiag(
              'Missing close bracket on index',
              'The index operator must end with a closing bracket ("]").',
              close.range,
            ),
          );
          close = p.recover('TokenCBrack');
        }
      }
      p.popIncludeNewlines();

      const rng = rangeBetween(open.range, close.range);
      const constKey =
        keyExpr.kind === 'literal'
          ? keyExpr.value
          : keyExpr.kind === 'template'
            ? templateStringLiteralValue(keyExpr)
            : undefined;
      if (constKey !== undefined) {
        ret = makeRelativeTraversal(ret, { type: 'index', key: constKey, range: rng }, rng);
      } else {
        ret = {
          kind: 'index',
          collection: ret,
          key: keyExpr,
          bracketRange: rng,
          range: rangeBetween(from.range, rng),
        };
      }
      continue;
    }
    return ret;
  }
}

/** After `source.` with the peeker at `*`: an attribute-only splat, taking only `.name` / `.0` steps. */
function finishAttrSplat(
  p: ParserState,
  from: ast.Expr,
  source: ast.Expr,
  dot: Token,
  diags: Diagnostic[],
): ast.Expr {
  const marker = p.read();
  const trav: Traverser[] = [];
  const firstRange = p.nextRange();
  let lastRange = marker.range;
  while (p.peek().type === 'TokenDot') {
    const stepDot = p.read();
    if (p.peek().type === 'TokenNumberLit') {
      // Numbers as attribute names index into lists here too: foo.*.baz.0
      const numTok = p.read();
      const rng = rangeBetween(stepDot.range, numTok.range);
      if (numTok.text.includes('.')) {
        // HCL reports this at the star token's range.
        diags.push(legacyIndexChainDiag(numTok, marker.range, true));
        trav.push({ type: 'index', key: dynamicValue, range: rng });
      } else {
        trav.push({ type: 'index', key: numberLitValue(numTok, diags), range: rng });
      }
      lastRange = numTok.range;
      continue;
    }
    if (p.peek().type !== 'TokenIdent') {
      if (!p.recovery) {
        if (p.peek().type === 'TokenStar') {
          diags.push(
            errorDiag(
              'Nested splat expression not allowed',
              'A splat expression (*) cannot be used inside another attribute-only splat expression.',
              p.peek().range,
            ),
          );
        } else {
          diags.push(
            errorDiag('Invalid attribute name', 'An attribute name is required after a dot.', marker.range),
          );
        }
      }
      p.setRecovery();
      // HCL abandons this splat and carries on with the traversal loop.
      return source;
    }
    const attrTok = p.read();
    trav.push({ type: 'attr', name: attrTok.text, range: rangeBetween(stepDot.range, attrTok.range) });
    lastRange = attrTok.range;
  }

  const markerRange = rangeBetween(dot.range, marker.range);
  const item: ast.AnonSymbolExpr = { kind: 'anonSymbol', range: markerRange };
  const each: ast.Expr =
    trav.length === 0
      ? item
      : {
          kind: 'relativeTraversal',
          source: item,
          traversal: trav,
          range: rangeBetween(firstRange, lastRange),
        };
  return { kind: 'splat', source, each, item, markerRange, range: rangeBetween(from.range, lastRange) };
}
