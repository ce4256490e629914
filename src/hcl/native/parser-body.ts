/**
 * Bodies: attributes (`name = expr`, ending at a newline) and blocks (`type "label" ident {`), including
 * HCL's single-line block form `a { b = 1 }` with its exact errors, and block labels as quoted
 * strings without template sequences.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, formatRange, rangeBetween } from '../pos.js';
import { errorsSince } from './diag-utils.js';
import { parseExpression } from './parser-expressions.js';
import { parseQuotedStringLiteral } from './parser-quoted-literal.js';
import type { ParserState } from './parser-state.js';
import type { Token, TokenType } from './tokens.js';

const argumentRequired = 'An argument or block definition is required here.';
const useEquals =
  'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.';
const unclosedBlock =
  'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

type BodyItem = ast.Attribute | ast.Block;

function endRangeOf(r: Range): Range {
  return { filename: r.filename, start: r.end, end: r.end };
}

export function parseBody(p: ParserState, end: TokenType, diags: Diagnostic[]): ast.Body {
  const attributes: ast.Attribute[] = [];
  const byName = new Map<string, ast.Attribute>();
  const blocks: ast.Block[] = [];
  const startRange = p.prevRange();
  let endRange: Range;

  for (;;) {
    const next = p.peek();
    if (next.type === end) {
      endRange = p.nextRange();
      p.read();
      break;
    }
    if (next.type === 'TokenNewline') {
      p.read();
      continue;
    }
    if (next.type === 'TokenIdent') {
      const item = parseBodyItem(p, diags);
      if (item?.kind === 'block') {
        blocks.push(item);
      } else if (item?.kind === 'attribute') {
        const existing = byName.get(item.name);
        if (existing) {
          diags.push(
            errorDiag(
              'Attribute redefined',
              `The argument ${JSON.stringify(item.name)} was already set at ${formatRange(existing.nameRange)}. Each argument may be set only once.`,
              item.nameRange,
            ),
          );
        } else {
          byName.set(item.name, item);
          attributes.push(item);
        }
      }
      continue;
    }

    const bad = p.read();
    if (!p.recovery) {
      if (bad.type === 'TokenOQuote') {
        diags.push(errorDiag('Invalid argument name', 'Argument names must not be quoted.', bad.range));
      } else if (bad.type === 'TokenEOF') {
        if (end === 'TokenCBrace') {
          diags.push(errorDiag('Unclosed configuration block', unclosedBlock, startRange));
        } else {
          diags.push(
            errorDiag(
              'Unclosed configuration body',
              'Found end of file before the end of this configuration body.',
              startRange,
            ),
          );
        }
      } else {
        diags.push(errorDiag('Argument or block definition required', argumentRequired, bad.range));
      }
    }
    endRange = p.prevRange(); // somewhere inside the body gives better diagnostics
    p.recover(end);
    break;
  }

  return {
    kind: 'body',
    attributes,
    blocks,
    range: rangeBetween(startRange, endRange),
    endRange: endRangeOf(endRange),
  };
}

function parseBodyItem(p: ParserState, diags: Diagnostic[]): BodyItem | undefined {
  const ident = p.read();
  const next = p.peek();
  switch (next.type) {
    case 'TokenEqual':
      return finishParsingBodyAttribute(p, ident, false, diags);
    case 'TokenOQuote':
    case 'TokenOBrace':
    case 'TokenIdent':
      return finishParsingBodyBlock(p, ident, diags);
    default:
      p.recoverAfterBodyItem();
      diags.push(errorDiag('Argument or block definition required', useEquals, ident.range));
      return undefined;
  }
}

/** The body of a one-line block `a { b = 1 }`: exactly one attribute, then the closing brace. */
function parseSingleAttrBody(p: ParserState, diags: Diagnostic[]): ast.Body | undefined {
  const ident = p.read();
  if (ident.type !== 'TokenIdent') {
    p.recoverAfterBodyItem();
    diags.push(errorDiag('Argument or block definition required', argumentRequired, ident.range));
    return undefined;
  }
  const next = p.peek();
  switch (next.type) {
    case 'TokenEqual': {
      const attr = finishParsingBodyAttribute(p, ident, true, diags);
      return {
        kind: 'body',
        attributes: [attr],
        blocks: [],
        range: attr.range,
        endRange: endRangeOf(attr.range),
      };
    }
    case 'TokenOQuote':
    case 'TokenOBrace':
    case 'TokenIdent':
      p.recoverAfterBodyItem();
      diags.push(
        errorDiag(
          'Argument definition required',
          `A single-line block definition can contain only a single argument. If you meant to define argument ${JSON.stringify(ident.text)}, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
          rangeBetween(ident.range, next.range),
        ),
      );
      return undefined;
    default:
      p.recoverAfterBodyItem();
      diags.push(errorDiag('Argument or block definition required', useEquals, ident.range));
      return undefined;
  }
}

function finishParsingBodyAttribute(
  p: ParserState,
  ident: Token,
  singleLine: boolean,
  diags: Diagnostic[],
): ast.Attribute {
  const eqTok = p.read();
  const mark = diags.length;
  const expr = parseExpression(p, diags);
  let endRange: Range;
  if (p.recovery && errorsSince(diags, mark)) {
    // Recovery inside expressions is unreliable: reset to the start of the next body item.
    endRange = p.prevRange();
    p.recoverAfterBodyItem();
  } else {
    endRange = p.prevRange();
    if (!singleLine) {
      const end = p.peek();
      if (end.type !== 'TokenNewline' && end.type !== 'TokenEOF') {
        if (!p.recovery) {
          const comma = end.type === 'TokenComma';
          diags.push(
            errorDiag(
              comma ? 'Unexpected comma after argument' : 'Missing newline after argument',
              comma
                ? 'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.'
                : 'An argument definition must end with a newline.',
              end.range,
              rangeBetween(ident.range, end.range),
            ),
          );
        }
        endRange = p.prevRange();
        p.recoverAfterBodyItem();
      } else {
        endRange = p.prevRange();
        p.read(); // newline
      }
    }
  }
  return {
    kind: 'attribute',
    name: ident.text,
    expr,
    range: rangeBetween(ident.range, endRange),
    nameRange: ident.range,
    equalsRange: eqTok.range,
  };
}

function finishParsingBodyBlock(p: ParserState, ident: Token, diags: Diagnostic[]): ast.Block {
  const labels: string[] = [];
  const labelRanges: Range[] = [];
  let oBrace: Token;

  for (;;) {
    const tok = p.peek();
    if (tok.type === 'TokenOBrace') {
      oBrace = p.read();
      break;
    }
    if (tok.type === 'TokenOQuote') {
      // Recovers up to the closing quote on problems, so we can go on looking for labels.
      const label = parseQuotedStringLiteral(p, diags);
      labels.push(label.value);
      labelRanges.push(label.range);
      continue;
    }
    if (tok.type === 'TokenIdent') {
      p.read();
      labels.push(tok.text);
      labelRanges.push(tok.range);
      continue;
    }
    const context = rangeBetween(ident.range, tok.range);
    if (tok.type === 'TokenEqual') {
      diags.push(
        errorDiag(
          'Invalid block definition',
          'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
          tok.range,
          context,
        ),
      );
    } else if (tok.type === 'TokenNewline') {
      diags.push(
        errorDiag(
          'Invalid block definition',
          'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
          tok.range,
          context,
        ),
      );
    } else if (!p.recovery) {
      diags.push(
        errorDiag(
          'Invalid block definition',
          'Either a quoted string block label or an opening brace ("{") is expected here.',
          tok.range,
          context,
        ),
      );
    }
    p.recoverAfterBodyItem();
    return {
      kind: 'block',
      type: ident.text,
      labels,
      labelRanges,
      body: { kind: 'body', attributes: [], blocks: [], range: ident.range, endRange: ident.range },
      typeRange: ident.range,
      openBraceRange: ident.range, // placeholder
      closeBraceRange: ident.range, // placeholder
      range: rangeBetween(ident.range, ident.range),
    };
  }

  let body: ast.Body | undefined;
  const bodyDiags: Diagnostic[] = [];
  const t = p.peek().type;
  if (t === 'TokenNewline' || t === 'TokenEOF' || t === 'TokenCBrace') {
    body = parseBody(p, 'TokenCBrace', bodyDiags);
  } else {
    // The one-line, single-attribute block form.
    body = parseSingleAttrBody(p, bodyDiags);
    const after = p.peek();
    switch (after.type) {
      case 'TokenCBrace':
        p.read();
        break;
      case 'TokenComma':
        diags.push(
          errorDiag(
            'Invalid single-argument block definition',
            'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
            after.range,
          ),
        );
        p.recover('TokenCBrace');
        break;
      case 'TokenNewline':
        diags.push(
          errorDiag(
            'Invalid single-argument block definition',
            "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
            after.range,
          ),
        );
        p.recover('TokenCBrace');
        break;
      default:
        if (!p.recovery) {
          if (after.type === 'TokenEOF') {
            diags.push(
              errorDiag(
                'Unclosed configuration block',
                unclosedBlock,
                oBrace.range,
                rangeBetween(ident.range, oBrace.range),
              ),
            );
          } else {
            diags.push(
              errorDiag(
                'Invalid single-argument block definition',
                'A single-line block definition must end with a closing brace immediately after its single argument definition.',
                after.range,
              ),
            );
          }
        }
        p.recover('TokenCBrace');
    }
  }
  diags.push(...bodyDiags);
  const cBraceRange = p.prevRange();

  const eol = p.peek();
  if (eol.type === 'TokenNewline' || eol.type === 'TokenEOF') {
    p.read();
  } else {
    if (!p.recovery) {
      diags.push(
        errorDiag(
          'Missing newline after block definition',
          'A block definition must end with a newline.',
          eol.range,
          rangeBetween(ident.range, eol.range),
        ),
      );
    }
    p.recoverAfterBodyItem();
  }

  // Never a missing body: callers may analyse a partial result.
  const finalBody: ast.Body = body ?? {
    kind: 'body',
    attributes: [],
    blocks: [],
    range: rangeBetween(oBrace.range, cBraceRange),
    endRange: cBraceRange,
  };
  return {
    kind: 'block',
    type: ident.text,
    labels,
    labelRanges,
    body: finalBody,
    typeRange: ident.range,
    openBraceRange: oBrace.range,
    closeBraceRange: cBraceRange,
    range: rangeBetween(ident.range, cBraceRange),
  };
}
