/**
 * Expressions: the conditional operator, binary operators by precedence, unary operators and terms
 * (literals, variables, function calls, parentheses, templates, tuples, objects).
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, rangeBetween } from '../pos.js';
import { errorsSince } from './diag-utils.js';
import {
  dynamicValue,
  falseValue,
  nullValue,
  syntaxErrorPlaceholders,
  numberValue,
  trueValue,
  unknownNumber,
} from './literal-values.js';
import { parseObjectCons, parseTupleCons } from './parser-collections.js';
import { parseExpressionTraversals } from './parser-postfix.js';
import type { ParserState } from './parser-state.js';
import { parseTemplateInner } from './parser-template.js';
import type { Token, TokenType } from './tokens.js';
import type { Value } from '../value.js';

/** Binary operators by precedence, loosest first. */
const binaryOps: ReadonlyArray<Partial<Record<TokenType, ast.BinaryOperator>>> = [
  { TokenOr: '||' },
  { TokenAnd: '&&' },
  { TokenEqualOp: '==', TokenNotEqual: '!=' },
  { TokenGreaterThan: '>', TokenGreaterThanEq: '>=', TokenLessThan: '<', TokenLessThanEq: '<=' },
  { TokenPlus: '+', TokenMinus: '-' },
  { TokenStar: '*', TokenSlash: '/', TokenPercent: '%' },
];

export function parseExpression(p: ParserState, diags: Diagnostic[]): ast.Expr {
  return parseTernaryConditional(p, diags);
}

function parseTernaryConditional(p: ParserState, diags: Diagnostic[]): ast.Expr {
  const startRange = p.nextRange();
  let mark = diags.length;
  const condExpr = parseBinaryOps(p, 0, diags);
  if (p.recovery && errorsSince(diags, mark)) return condExpr;

  if (p.peek().type !== 'TokenQuestion') return condExpr;
  p.read();

  mark = diags.length;
  const trueResult = parseExpression(p, diags);
  if (p.recovery && errorsSince(diags, mark)) return condExpr;

  const colon = p.peek();
  if (colon.type !== 'TokenColon') {
    diags.push(
      errorDiag(
        'Missing false expression in conditional',
        'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
        colon.range,
        rangeBetween(startRange, colon.range),
      ),
    );
    return condExpr;
  }
  p.read();

  mark = diags.length;
  const falseResult = parseExpression(p, diags);
  if (p.recovery && errorsSince(diags, mark)) return condExpr;

  return {
    kind: 'conditional',
    condition: condExpr,
    trueResult,
    falseResult,
    range: rangeBetween(startRange, falseResult.range),
  };
}

/** The precedence level (index into binaryOps) and operator of a token, if it is a binary operator. */
function binaryOperator(type: TokenType): [number, ast.BinaryOperator] | undefined {
  for (let level = 0; level < binaryOps.length; level++) {
    const op = (binaryOps[level] as Partial<Record<TokenType, ast.BinaryOperator>>)[type];
    if (op !== undefined) return [level, op];
  }
  return undefined;
}

/**
 * Binary operators by precedence climbing: the same left-associative trees (and the same partial trees
 * after an error in recovery mode) as hclsyntax's one-recursion-per-level parser, with much less stack
 * per operand, so deeply nested expressions do not exhaust the JS stack.
 */
function parseBinaryOps(p: ParserState, level: number, diags: Diagnostic[]): ast.Expr {
  const mark = diags.length;
  const first = parseExpressionWithTraversals(p, diags);
  if (p.recovery && errorsSince(diags, mark)) return first;
  return climbBinaryOps(p, first, level, diags).expr;
}

function climbBinaryOps(
  p: ParserState,
  lhsIn: ast.Expr,
  minLevel: number,
  diags: Diagnostic[],
): { expr: ast.Expr; failed: boolean } {
  let lhs = lhsIn;
  for (;;) {
    const found = binaryOperator(p.peek().type);
    if (found === undefined || found[0] < minLevel) return { expr: lhs, failed: false };
    const [level, op] = found;
    p.read();
    const mark = diags.length;
    let rhs = parseExpressionWithTraversals(p, diags);
    if (p.recovery && errorsSince(diags, mark)) return { expr: lhs, failed: true };
    // Tighter-binding operators after the right operand take it as their left operand.
    for (;;) {
      const nextOp = binaryOperator(p.peek().type);
      if (nextOp === undefined || nextOp[0] <= level) break;
      const inner = climbBinaryOps(p, rhs, level + 1, diags);
      if (inner.failed) return { expr: lhs, failed: true };
      rhs = inner.expr;
    }
    lhs = { kind: 'binaryOp', lhs, op, rhs, range: rangeBetween(lhs.range, rhs.range) };
  }
}

export function parseExpressionWithTraversals(p: ParserState, diags: Diagnostic[]): ast.Expr {
  const term = parseExpressionTerm(p, diags);
  return parseExpressionTraversals(p, term, diags);
}

function literal(value: Value, tok: Token): ast.LiteralValueExpr {
  return { kind: 'literal', value, range: tok.range };
}

function parseExpressionTerm(p: ParserState, diags: Diagnostic[]): ast.Expr {
  const start = p.peek();
  switch (start.type) {
    case 'TokenOParen': {
      const oParen = p.read();
      p.pushIncludeNewlines(false);
      const mark = diags.length;
      const expr = parseExpression(p, diags);
      if (errorsSince(diags, mark)) {
        // Try to land after the closing paren so the next parser has a chance.
        p.recover('TokenCParen');
        p.popIncludeNewlines();
        return expr;
      }
      const close = p.peek();
      if (close.type !== 'TokenCParen') {
        diags.push(
          errorDiag(
            'Unbalanced parentheses',
            'Expected a closing parenthesis to terminate the expression.',
            close.range,
            rangeBetween(start.range, close.range),
          ),
        );
        p.setRecovery();
      }
      const cParen = p.read();
      p.popIncludeNewlines();
      return { kind: 'parentheses', expression: expr, range: rangeBetween(oParen.range, cParen.range) };
    }

    case 'TokenNumberLit': {
      const tok = p.read();
      return literal(numberLitValue(tok, diags), tok);
    }

    case 'TokenIdent': {
      const tok = p.read();
      const next = p.peek().type;
      if (next === 'TokenOParen' || next === 'TokenDoubleColon')
        return finishParsingFunctionCall(p, tok, diags);
      switch (tok.text) {
        case 'true':
          return literal(trueValue, tok);
        case 'false':
          return literal(falseValue, tok);
        case 'null':
          return literal(nullValue, tok);
        default:
          return {
            kind: 'scopeTraversal',
            traversal: [{ type: 'root', name: tok.text, range: tok.range }],
            range: tok.range,
          };
      }
    }

    case 'TokenOQuote':
    case 'TokenOHeredoc': {
      const open = p.read();
      const closer: TokenType = open.type === 'TokenOQuote' ? 'TokenCQuote' : 'TokenCHeredoc';
      const flush = open.type === 'TokenOHeredoc' && open.text.startsWith('<<-');
      const { exprs, passthru } = parseTemplateInner(p, closer, flush, diags);
      const range = rangeBetween(open.range, p.prevRange());
      if (passthru) return { kind: 'templateWrap', wrapped: exprs[0] as ast.Expr, range };
      return open.type === 'TokenOHeredoc'
        ? { kind: 'template', parts: exprs, range, heredoc: true }
        : { kind: 'template', parts: exprs, range };
    }

    case 'TokenMinus':
    case 'TokenBang': {
      const tok = p.read();
      // Only a term with its traversals: -46+5 is (-46)+5, not -(46+5).
      const operand = parseExpressionWithTraversals(p, diags);
      return {
        kind: 'unaryOp',
        op: tok.type === 'TokenMinus' ? '-' : '!',
        val: operand,
        range: rangeBetween(tok.range, operand.range),
        symbolRange: tok.range,
      };
    }

    case 'TokenOBrack':
      return parseTupleCons(p, diags);

    case 'TokenOBrace':
      return parseObjectCons(p, diags);

    default:
      if (!p.recovery) {
        if (start.type === 'TokenEOF') {
          diags.push(
            errorDiag(
              'Missing expression',
              'Expected the start of an expression, but found the end of the file.',
              start.range,
            ),
          );
        } else {
          diags.push(
            errorDiag(
              'Invalid expression',
              'Expected the start of an expression, but found an invalid expression token.',
              start.range,
            ),
          );
        }
      }
      p.setRecovery();
      // A placeholder keeps the AST structurally sound.
      return { kind: 'literal', value: dynamicValue, range: start.range };
  }
}

export function numberLitValue(tok: Token, diags: Diagnostic[]): Value {
  const v = numberValue(tok.text);
  if (v !== undefined) return v;
  diags.push(
    errorDiag('Invalid number literal', 'Failed to recognize the value of this number literal.', tok.range),
  );
  return unknownNumber;
}

function syntaxError(range: Range): ast.Expr {
  const e: ast.Expr = { kind: 'literal', value: dynamicValue, range };
  syntaxErrorPlaceholders.add(e);
  return e;
}

function finishParsingFunctionCall(p: ParserState, name: Token, diags: Diagnostic[]): ast.Expr {
  let openTok = p.read();
  let nameStr = name.text;
  let nameEnd = name.range.end;
  while (openTok.type === 'TokenDoubleColon') {
    const nextName = p.read();
    if (nextName.type !== 'TokenIdent') {
      diags.push(
        errorDiag(
          'Missing function name',
          'Function scope resolution symbol :: must be followed by a function name in this scope.',
          nextName.range,
          rangeBetween(name.range, nextName.range),
        ),
      );
      p.recoverOver('TokenOParen');
      return syntaxError(rangeBetween(name.range, nextName.range));
    }
    // Namespaced functions are kept as names with "::" separators in them.
    nameStr = `${nameStr}::${nextName.text}`;
    nameEnd = nextName.range.end;
    openTok = p.read();
  }
  const nameRange = { filename: name.range.filename, start: name.range.start, end: nameEnd };

  if (openTok.type !== 'TokenOParen') {
    diags.push(
      errorDiag(
        'Missing open parenthesis',
        'Function selector must be followed by an open parenthesis to begin the function call.',
        openTok.range,
        rangeBetween(name.range, openTok.range),
      ),
    );
    p.recoverOver('TokenOParen');
    return syntaxError(rangeBetween(name.range, openTok.range));
  }

  const args: ast.Expr[] = [];
  let expandFinal = false;
  let closeTok: Token | undefined;

  // Arbitrary newlines are allowed inside the parentheses.
  p.pushIncludeNewlines(false);
  for (;;) {
    if (p.peek().type === 'TokenCParen') {
      closeTok = p.read();
      break;
    }
    const mark = diags.length;
    const arg = parseExpression(p, diags);
    args.push(arg);
    if (p.recovery && errorsSince(diags, mark)) {
      // A broken argument leaves us somewhere odd: bail out with the arguments so far.
      const recovered = p.recover('TokenCParen');
      if (recovered.type === 'TokenCParen') closeTok = recovered;
      break;
    }

    const sep = p.read();
    if (sep.type === 'TokenCParen') {
      closeTok = sep;
      break;
    }
    if (sep.type === 'TokenEllipsis') {
      expandFinal = true;
      if (p.peek().type !== 'TokenCParen') {
        if (!p.recovery) {
          diags.push(
            errorDiag(
              'Missing closing parenthesis',
              'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
              sep.range,
              rangeBetween(name.range, sep.range),
            ),
          );
        }
        closeTok = p.recover('TokenCParen');
      } else {
        closeTok = p.read();
      }
      break;
    }
    if (sep.type !== 'TokenComma') {
      if (sep.type === 'TokenEOF') {
        diags.push(
          errorDiag(
            'Unterminated function call',
            'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
            rangeBetween(name.range, openTok.range),
          ),
        );
      } else {
        diags.push(
          errorDiag(
            'Missing argument separator',
            'A comma is required to separate each function argument from the next.',
            sep.range,
            rangeBetween(name.range, sep.range),
          ),
        );
      }
      closeTok = p.recover('TokenCParen');
      break;
    }
    if (p.peek().type === 'TokenCParen') {
      // A trailing comma after the last argument.
      closeTok = p.read();
      break;
    }
  }
  p.popIncludeNewlines();

  // Without a closing paren (recovery hit EOF) HCL leaves an empty range; we use the name's end.
  const closeParenRange = closeTok?.range ?? { filename: name.range.filename, start: nameEnd, end: nameEnd };
  return {
    kind: 'functionCall',
    name: nameStr,
    args,
    expandFinal,
    nameRange,
    openParenRange: openTok.range,
    closeParenRange,
    range: rangeBetween(name.range, closeParenRange),
  };
}
