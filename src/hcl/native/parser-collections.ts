/** Tuple and object constructors, and the `for` expressions that can stand in their brackets. */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { rangeBetween } from '../pos.js';
import { errorsSince } from './diag-utils.js';
import { isKeyword } from './keywords.js';
import { dynamicValue, syntaxErrorPlaceholders } from './literal-values.js';
import { parseExpression } from './parser-expressions.js';
import { type ParserState, oppositeBracket, readForNames } from './parser-state.js';
import type { Token, TokenType } from './tokens.js';

const unterminatedTuple =
  'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.';
const unterminatedObject =
  'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

export function parseTupleCons(p: ParserState, diags: Diagnostic[]): ast.Expr {
  const open = p.read();
  p.pushIncludeNewlines(false);
  try {
    if (isKeyword(p.peek(), 'for')) return finishParsingForExpr(p, open, diags);

    const exprs: ast.Expr[] = [];
    let close: Token;
    for (;;) {
      if (p.peek().type === 'TokenCBrack') {
        close = p.read();
        break;
      }
      const mark = diags.length;
      exprs.push(parseExpression(p, diags));
      if (p.recovery && errorsSince(diags, mark)) {
        close = p.recover('TokenCBrack');
        break;
      }
      const next = p.peek();
      if (next.type === 'TokenCBrack') {
        close = p.read();
        break;
      }
      if (next.type !== 'TokenComma') {
        if (!p.recovery) {
          if (next.type === 'TokenEOF') {
            diags.push(errorDiag('Unterminated tuple constructor expression', unterminatedTuple, open.range));
          } else {
            diags.push(
              errorDiag(
                'Missing item separator',
                'Expected a comma to mark the beginning of the next item.',
                next.range,
                rangeBetween(open.range, next.range),
              ),
            );
          }
        }
        close = p.recover('TokenCBrack');
        break;
      }
      p.read(); // comma
    }
    return { kind: 'tupleCons', exprs, openRange: open.range, range: rangeBetween(open.range, close.range) };
  } finally {
    p.popIncludeNewlines();
  }
}

export function parseObjectCons(p: ParserState, diags: Diagnostic[]): ast.Expr {
  const open = p.read();

  // "for" expressions are not newline-sensitive, even though object constructors are.
  p.pushIncludeNewlines(false);
  const isFor = isKeyword(p.peek(), 'for');
  p.popIncludeNewlines();
  if (isFor) return finishParsingForExpr(p, open, diags);

  p.pushIncludeNewlines(true);
  try {
    const items: ast.ObjectConsItem[] = [];
    let close: Token;
    for (;;) {
      let next = p.peek();
      if (next.type === 'TokenNewline') {
        p.read();
        continue;
      }
      if (next.type === 'TokenCBrace') {
        close = p.read();
        break;
      }

      // Parentheses force a key to be an expression rather than a bare name.
      const forceNonLiteral = next.type === 'TokenOParen';
      let mark = diags.length;
      const wrapped = parseExpression(p, diags);
      if (p.recovery && errorsSince(diags, mark)) {
        close = p.recover('TokenCBrace');
        break;
      }
      const keyExpr: ast.ObjectConsKeyExpr = {
        kind: 'objectConsKey',
        wrapped,
        forceNonLiteral,
        range: wrapped.range,
      };

      next = p.peek();
      if (next.type !== 'TokenEqual' && next.type !== 'TokenColon') {
        if (!p.recovery) {
          switch (next.type) {
            case 'TokenNewline':
            case 'TokenComma':
              diags.push(
                errorDiag(
                  'Missing attribute value',
                  'Expected an attribute value, introduced by an equals sign ("=").',
                  next.range,
                  rangeBetween(open.range, next.range),
                ),
              );
              break;
            case 'TokenIdent':
              diags.push(
                errorDiag(
                  'Missing key/value separator',
                  'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
                  next.range,
                  rangeBetween(open.range, next.range),
                ),
              );
              break;
            case 'TokenEOF':
              diags.push(
                errorDiag('Unterminated object constructor expression', unterminatedObject, open.range),
              );
              break;
            default:
              diags.push(
                errorDiag(
                  'Missing key/value separator',
                  'Expected an equals sign ("=") to mark the beginning of the attribute value.',
                  next.range,
                  rangeBetween(open.range, next.range),
                ),
              );
          }
        }
        close = p.recover('TokenCBrace');
        break;
      }
      p.read(); // equals or colon

      mark = diags.length;
      const valueExpr = parseExpression(p, diags);
      if (p.recovery && errorsSince(diags, mark)) {
        // An item whose value is a recognisable syntax error is kept for partial-AST consumers.
        if (syntaxErrorPlaceholders.has(valueExpr)) items.push({ keyExpr, valueExpr });
        close = p.recover('TokenCBrace');
        break;
      }
      items.push({ keyExpr, valueExpr });

      next = p.peek();
      if (next.type === 'TokenCBrace') {
        close = p.read();
        break;
      }
      if (next.type !== 'TokenComma' && next.type !== 'TokenNewline') {
        if (!p.recovery) {
          if (next.type === 'TokenEOF') {
            diags.push(
              errorDiag('Unterminated object constructor expression', unterminatedObject, open.range),
            );
          } else {
            diags.push(
              errorDiag(
                'Missing attribute separator',
                'Expected a newline or comma to mark the beginning of the next attribute.',
                next.range,
                rangeBetween(open.range, next.range),
              ),
            );
          }
        }
        close = p.recover('TokenCBrace');
        break;
      }
      p.read(); // comma or newline
    }
    return { kind: 'objectCons', items, openRange: open.range, range: rangeBetween(open.range, close.range) };
  } finally {
    p.popIncludeNewlines();
  }
}

function invalidFor(p: ParserState, open: Token, detail: string, diags: Diagnostic[]): void {
  if (!p.recovery) {
    const at = p.peek().range;
    diags.push(errorDiag("Invalid 'for' expression", detail, at, rangeBetween(open.range, at)));
  }
}

function forPlaceholder(p: ParserState, open: Token, closeType: TokenType): ast.Expr {
  const close = p.recover(closeType);
  return { kind: 'literal', value: dynamicValue, range: rangeBetween(open.range, close.range) };
}

function finishParsingForExpr(p: ParserState, open: Token, diags: Diagnostic[]): ast.Expr {
  p.pushIncludeNewlines(false);
  try {
    p.read(); // "for"
    const makeObj = open.type === 'TokenOBrace';
    const closeType: TokenType = makeObj ? 'TokenCBrace' : 'TokenCBrack';

    const names = readForNames(p);
    if ('missing' in names) {
      const detail =
        names.missing === 'name'
          ? "For expression requires variable name after 'for'."
          : 'For expression requires value variable name after comma.';
      invalidFor(p, open, detail, diags);
      return forPlaceholder(p, open, closeType);
    }
    const { keyVar, valVar } = names;
    if (!isKeyword(p.peek(), 'in')) {
      invalidFor(p, open, "For expression requires the 'in' keyword after its name declarations.", diags);
      return forPlaceholder(p, open, closeType);
    }
    p.read();

    let mark = diags.length;
    const collExpr = parseExpression(p, diags);
    if (p.recovery && errorsSince(diags, mark)) return forPlaceholder(p, open, closeType);

    if (p.peek().type !== 'TokenColon') {
      invalidFor(p, open, 'For expression requires a colon after the collection expression.', diags);
      return forPlaceholder(p, open, closeType);
    }
    p.read();

    mark = diags.length;
    let keyExpr: ast.Expr | undefined;
    let valExpr = parseExpression(p, diags);
    if (p.peek().type === 'TokenFatArrow') {
      // What we parsed was the key expression.
      p.read();
      keyExpr = valExpr;
      valExpr = parseExpression(p, diags);
    }
    if (p.recovery && errorsSince(diags, mark)) return forPlaceholder(p, open, closeType);

    let group = false;
    let ellipsis: Token | undefined;
    if (p.peek().type === 'TokenEllipsis') {
      ellipsis = p.read();
      group = true;
    }

    let condExpr: ast.Expr | undefined;
    if (isKeyword(p.peek(), 'if')) {
      p.read();
      mark = diags.length;
      condExpr = parseExpression(p, diags);
      if (p.recovery && errorsSince(diags, mark)) return forPlaceholder(p, open, oppositeBracket(open.type));
    }

    let close: Token;
    if (p.peek().type === closeType) {
      close = p.read();
    } else {
      invalidFor(p, open, "Extra characters after the end of the 'for' expression.", diags);
      close = p.recover(closeType);
    }
    const whole = rangeBetween(open.range, close.range);

    if (!makeObj) {
      if (keyExpr) {
        diags.push(
          errorDiag(
            "Invalid 'for' expression",
            'Key expression is not valid when building a tuple.',
            keyExpr.range,
            whole,
          ),
        );
      }
      if (group && ellipsis) {
        diags.push(
          errorDiag(
            "Invalid 'for' expression",
            'Grouping ellipsis (...) cannot be used when building a tuple.',
            ellipsis.range,
            whole,
          ),
        );
      }
    } else if (!keyExpr) {
      diags.push(
        errorDiag(
          "Invalid 'for' expression",
          'Key expression is required when building an object.',
          valExpr.range,
          whole,
        ),
      );
    }

    const forExpr: ast.ForExpr = {
      kind: 'for',
      keyVar,
      valVar,
      collExpr,
      valExpr,
      group,
      openRange: open.range,
      closeRange: close.range,
      range: whole,
      ...(keyExpr ? { keyExpr } : {}),
      ...(condExpr ? { condExpr } : {}),
    };
    return forExpr;
  } finally {
    p.popIncludeNewlines();
  }
}
