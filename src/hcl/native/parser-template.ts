/**
 * Templates (quoted strings, heredocs, template files). Tokens are first raised to template "atoms"
 * (literals with `~` trimming applied, interpolations, directive markers); then flush heredocs are
 * un-indented and adjacent literals merged (template-whitespace.ts), and the atoms are built into an
 * expression tree (template-tree.ts).
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, rangeBetween } from '../pos.js';
import { nameSuggestion } from '../did-you-mean.js';
import type { Value } from '../value.js';
import { isKeyword } from './keywords.js';
import { parseExpression } from './parser-expressions.js';
import { type ParserState, readForNames } from './parser-state.js';
import { trimLeftGoSpace, trimRightGoSpace } from './go-space.js';
import { parseStringLiteralToken } from './string-literal.js';
import type { Atom } from './template-atoms.js';
import { TemplateTreeBuilder } from './template-tree.js';
import { flushHeredocAtoms, meldConsecutiveLiterals } from './template-whitespace.js';
import type { TokenType } from './tokens.js';

/** The constant string of a template that is a single literal part (HCL's IsStringLiteral), if it is one. */
export function templateStringLiteralValue(e: ast.TemplateExpr): Value | undefined {
  if (e.parts.length !== 1) return undefined;
  const only = e.parts[0] as ast.Expr;
  return only.kind === 'literal' ? only.value : undefined;
}

/** A whole template file, up to EOF (templatefile()). */
export function parseTemplateRoot(p: ParserState, diags: Diagnostic[]): ast.Expr {
  const { exprs, passthru, range } = parseTemplateInner(p, 'TokenEOF', false, diags);
  if (passthru) return { kind: 'templateWrap', wrapped: exprs[0] as ast.Expr, range };
  return { kind: 'template', parts: exprs, range };
}

export function parseTemplateInner(
  p: ParserState,
  end: TokenType,
  flushHeredoc: boolean,
  diags: Diagnostic[],
): { exprs: ast.Expr[]; passthru: boolean; range: Range } {
  const { atoms, range } = parseTemplateAtoms(p, end, diags);
  if (flushHeredoc) flushHeredocAtoms(atoms);
  meldConsecutiveLiterals(atoms);
  const tp = new TemplateTreeBuilder(atoms);
  const exprs = tp.parseRoot(diags);
  const passthru = atoms.length === 2 && (atoms[0] as Atom).t === 'interp';
  return { exprs, passthru, range };
}

/** "${~" / "%{~" trims trailing whitespace from the literal just before the sequence. */
function trimPreviousLiteral(atoms: Atom[], opener: string, canTrimPrev: boolean): void {
  if (canTrimPrev && opener.length === 3 && opener[2] === '~' && atoms.length > 0) {
    const prev = atoms[atoms.length - 1] as Atom;
    if (prev.t === 'literal') prev.val = trimRightGoSpace(prev.val);
  }
}

/** Reads a sequence's closing brace; true if it is "~}", which trims the literal that follows. */
function readSequenceEnd(p: ParserState): boolean {
  const close = p.read();
  return close.text.length === 2 && close.text[0] === '~';
}

function badForDirective(p: ParserState, detail: string, diags: Diagnostic[]): void {
  if (!p.recovery) diags.push(errorDiag("Invalid 'for' directive", detail, p.peek().range));
  p.recover('TokenTemplateSeqEnd');
  p.popIncludeNewlines();
}

/**
 * A quoted string that reaches the end of its line. HCL reports this at every line end the string then
 * swallows (often the rest of the file) and again where the closing quote was expected; we report it
 * once, under the string's first line, opening quote included.
 */
function brokenQuotedString(openRange: Range, newline: Range): Diagnostic {
  return errorDiag(
    'Unterminated template string',
    'No closing quote mark was found for this string on its line. Quoted strings may not be split over multiple lines: to produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
    { filename: openRange.filename, start: openRange.start, end: newline.start },
  );
}

function parseTemplateAtoms(
  p: ParserState,
  end: TokenType,
  diags: Diagnostic[],
): { atoms: Atom[]; range: Range } {
  const atoms: Atom[] = [];
  const openRange = p.prevRange();
  const startRange = p.nextRange();
  let ltrimNext = false;
  let nextCanTrimPrev = false;
  let endRange: Range;

  for (;;) {
    const next = p.read();
    if (next.type === end) {
      endRange = next.range;
      break;
    }
    const ltrim = ltrimNext;
    ltrimNext = false;
    const canTrimPrev = nextCanTrimPrev;
    nextCanTrimPrev = false;

    if (next.type === 'TokenStringLit' || next.type === 'TokenQuotedLit') {
      const { value, diags: strDiags } = parseStringLiteralToken(next);
      diags.push(...strDiags);
      atoms.push({ t: 'literal', val: ltrim ? trimLeftGoSpace(value) : value, range: next.range });
      nextCanTrimPrev = true;
      continue;
    }

    if (next.type === 'TokenTemplateInterp') {
      trimPreviousLiteral(atoms, next.text, canTrimPrev);
      p.pushIncludeNewlines(false);
      const expr = parseExpression(p, diags);
      const close = p.peek();
      if (close.type !== 'TokenTemplateSeqEnd') {
        if (!p.recovery) {
          if (close.type === 'TokenEOF') {
            diags.push(
              errorDiag(
                'Unclosed template interpolation sequence',
                'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
                startRange,
              ),
            );
          } else if (close.type === 'TokenColon') {
            diags.push(
              errorDiag(
                'Extra characters after interpolation expression',
                'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
                close.range,
                rangeBetween(startRange, close.range),
              ),
            );
          } else if (
            (close.type === 'TokenCQuote' || close.type === 'TokenOQuote') &&
            end === 'TokenCQuote'
          ) {
            // An errant quote inside the sequence suggests the sequence is missing its terminator.
            diags.push(
              errorDiag(
                'Unclosed template interpolation sequence',
                'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
                startRange,
              ),
            );
          } else {
            diags.push(
              errorDiag(
                'Extra characters after interpolation expression',
                'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
                close.range,
                rangeBetween(startRange, close.range),
              ),
            );
          }
        }
        p.recover('TokenTemplateSeqEnd');
      } else {
        ltrimNext = readSequenceEnd(p);
      }
      p.popIncludeNewlines();
      atoms.push({ t: 'interp', expr, range: rangeBetween(next.range, close.range) });
      continue;
    }

    if (next.type === 'TokenTemplateControl') {
      trimPreviousLiteral(atoms, next.text, canTrimPrev);
      p.pushIncludeNewlines(false);
      const kw = p.peek();
      if (kw.type !== 'TokenIdent') {
        if (!p.recovery) {
          diags.push(
            errorDiag(
              'Invalid template directive',
              'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
              kw.range,
              rangeBetween(next.range, kw.range),
            ),
          );
        }
        p.recover('TokenTemplateSeqEnd');
        p.popIncludeNewlines();
        continue;
      }
      p.read();

      if (isKeyword(kw, 'if')) {
        const cond = parseExpression(p, diags);
        atoms.push({ t: 'if', cond, range: rangeBetween(next.range, p.nextRange()) });
      } else if (isKeyword(kw, 'else')) {
        atoms.push({ t: 'endCtrl', which: 'else', range: rangeBetween(next.range, p.nextRange()) });
      } else if (isKeyword(kw, 'endif')) {
        atoms.push({ t: 'endCtrl', which: 'endif', range: rangeBetween(next.range, p.nextRange()) });
      } else if (isKeyword(kw, 'endfor')) {
        atoms.push({ t: 'endCtrl', which: 'endfor', range: rangeBetween(next.range, p.nextRange()) });
      } else if (isKeyword(kw, 'for')) {
        const names = readForNames(p);
        if ('missing' in names) {
          const detail =
            names.missing === 'name'
              ? "For directive requires variable name after 'for'."
              : 'For directive requires value variable name after comma.';
          badForDirective(p, detail, diags);
          continue;
        }
        const { keyVar, valVar } = names;
        if (!isKeyword(p.peek(), 'in')) {
          badForDirective(p, "For directive requires 'in' keyword after names.", diags);
          continue;
        }
        p.read();
        const coll = parseExpression(p, diags);
        atoms.push({ t: 'for', keyVar, valVar, coll, range: rangeBetween(next.range, p.nextRange()) });
      } else {
        if (!p.recovery) {
          const suggestion = nameSuggestion(kw.text, ['if', 'for', 'else', 'endif', 'endfor']);
          const hint = suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : '';
          diags.push(
            errorDiag(
              'Invalid template control keyword',
              `${JSON.stringify(kw.text)} is not a valid template control keyword.${hint}`,
              kw.range,
              rangeBetween(next.range, kw.range),
            ),
          );
        }
        p.recover('TokenTemplateSeqEnd');
        p.popIncludeNewlines();
        continue;
      }

      const close = p.peek();
      if (close.type !== 'TokenTemplateSeqEnd') {
        if (!p.recovery) {
          diags.push(
            errorDiag(
              `Extra characters in ${kw.text} marker`,
              'Expected a closing brace to end the sequence, but found extra characters.',
              close.range,
              rangeBetween(startRange, close.range),
            ),
          );
        }
        p.recover('TokenTemplateSeqEnd');
      } else {
        ltrimNext = readSequenceEnd(p);
      }
      p.popIncludeNewlines();
      continue;
    }

    if (next.type === 'TokenQuotedNewline' && end === 'TokenCQuote' && !p.recovery) {
      diags.push(brokenQuotedString(openRange, next.range));
      p.brokenStringAt = openRange.start.byte;
    } else if (!p.recovery) {
      diags.push(
        errorDiag(
          'Unterminated template string',
          'No closing marker was found for the string.',
          next.range,
          rangeBetween(startRange, next.range),
        ),
      );
    }
    endRange = p.recover(end).range;
    break;
  }

  if (atoms.length === 0) {
    // An empty template is an empty string (HCL places it at the end of the token after the opener).
    atoms.push({
      t: 'literal',
      val: '',
      range: { filename: startRange.filename, start: startRange.end, end: startRange.end },
    });
  }
  atoms.push({ t: 'end', range: endRange });
  return { atoms, range: rangeBetween(startRange, endRange) };
}
