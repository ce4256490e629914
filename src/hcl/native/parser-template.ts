/**
 * Templates (quoted strings, heredocs, template files). Tokens are first raised to template "atoms"
 * (literals with `~` trimming applied, interpolations, directive markers), flush heredocs are
 * un-indented, adjacent literals merged, and then the atoms are built into a tree: `%{if}` becomes a
 * ConditionalExpr part, `%{for}` a TemplateJoinExpr around a ForExpr.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, formatRange, rangeBetween } from '../pos.js';
import { nameSuggestion } from '../did-you-mean.js';
import type { Value } from '../value.js';
import { isKeyword } from './keywords.js';
import { dynamicValue, stringValue } from './literal-values.js';
import { parseExpression } from './parser-expressions.js';
import type { ParserState } from './parser-state.js';
import { trimLeftGoSpace, trimRightGoSpace } from './scanner.js';
import { graphemeCount, graphemes, isAscii, utf8Length } from './source-cursor.js';
import { parseStringLiteralToken } from './string-literal.js';
import type { TokenType } from './tokens.js';

type EndCtrl = 'if' | 'else' | 'endif' | 'endfor';

interface LiteralAtom {
  t: 'literal';
  val: string;
  range: Range;
}
type Atom =
  | LiteralAtom
  | { t: 'interp'; expr: ast.Expr; range: Range }
  | { t: 'if'; cond: ast.Expr; range: Range }
  | { t: 'for'; keyVar: string; valVar: string; coll: ast.Expr; range: Range }
  | { t: 'endCtrl'; which: Exclude<EndCtrl, 'if'>; range: Range }
  | { t: 'end'; range: Range };

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

function parseTemplateAtoms(
  p: ParserState,
  end: TokenType,
  diags: Diagnostic[],
): { atoms: Atom[]; range: Range } {
  const atoms: Atom[] = [];
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
        if (p.peek().type !== 'TokenIdent') {
          badForDirective(p, "For directive requires variable name after 'for'.", diags);
          continue;
        }
        let keyVar = '';
        let valVar = p.read().text;
        if (p.peek().type === 'TokenComma') {
          keyVar = valVar;
          p.read();
          if (p.peek().type !== 'TokenIdent') {
            badForDirective(p, 'For directive requires value variable name after comma.', diags);
            continue;
          }
          valVar = p.read().text;
        }
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

    if (!p.recovery) {
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

/**
 * Flush heredocs (`<<-`): the smallest count of leading whitespace characters over all lines (lines of
 * only whitespace excepted) is removed from the start of every line. It looks at the literal text only,
 * so interpolated values cannot change the indentation chosen.
 */
function flushHeredocAtoms(atoms: Atom[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: LiteralAtom[] = [];
  for (const atom of atoms) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (atom.t === 'literal') {
        const trimmed = trimLeftGoSpace(atom.val);
        if (trimmed.length === 0 && atom.val.endsWith('\n')) {
          spaces = Number.MAX_SAFE_INTEGER; // a blank line does not count
        } else {
          spaces = graphemeCount(atom.val.slice(0, atom.val.length - trimmed.length));
          adjust.push(atom);
        }
      } else if (atom.t === 'end') {
        break;
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (atom.t === 'literal' && atom.val.endsWith('\n')) newline = true;
  }

  for (const lit of adjust) {
    const cut = prefixOfGraphemes(lit.val, minSpaces);
    lit.val = lit.val.slice(cut.length);
    lit.range = {
      filename: lit.range.filename,
      start: {
        line: lit.range.start.line,
        column: lit.range.start.column + minSpaces,
        byte: lit.range.start.byte + utf8Length(cut),
      },
      end: lit.range.end,
    };
  }
}

/** The first n grapheme clusters of s (all of s if it has fewer). */
function prefixOfGraphemes(s: string, n: number): string {
  if (n <= 0) return '';
  const head = s.slice(0, n + 1);
  if (isAscii(head)) {
    // ASCII: one character per cluster, except "\r\n".
    let i = 0;
    let count = 0;
    while (i < s.length && count < n) {
      i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
      count++;
    }
    return s.slice(0, i);
  }
  let out = '';
  let count = 0;
  for (const g of graphemes(s)) {
    if (count >= n) break;
    out += g;
    count++;
  }
  return out;
}

function meldConsecutiveLiterals(atoms: Atom[]): void {
  // One pass, compacting in place (splicing per merge would be quadratic on big templates).
  let out = 0;
  for (let i = 0; i < atoms.length; i++) {
    const cur = atoms[i] as Atom;
    const prev = out > 0 ? (atoms[out - 1] as Atom) : undefined;
    if (prev?.t === 'literal' && cur.t === 'literal') {
      prev.val += cur.val;
      prev.range = { filename: prev.range.filename, start: prev.range.start, end: cur.range.end };
      continue;
    }
    atoms[out++] = cur;
  }
  atoms.length = out;
}

function placeholder(range: Range): ast.Expr {
  return { kind: 'literal', value: dynamicValue, range };
}

function emptyString(range: Range, atEnd: boolean): ast.Expr {
  const pos = atEnd ? range.end : range.start;
  return {
    kind: 'literal',
    value: stringValue(''),
    range: { filename: range.filename, start: pos, end: pos },
  };
}

function templateOf(parts: ast.Expr[]): ast.TemplateExpr {
  const first = parts[0] as ast.Expr;
  const last = parts[parts.length - 1] as ast.Expr;
  return { kind: 'template', parts, range: rangeBetween(first.range, last.range) };
}

/** Builds expressions from template atoms, matching directive openers with their end markers. */
class TemplateTreeBuilder {
  private pos = 0;

  constructor(private readonly atoms: readonly Atom[]) {}

  private peek(): Atom {
    return this.atoms[this.pos] as Atom;
  }

  private read(): Atom {
    const a = this.peek();
    if (a.t !== 'end') this.pos++;
    return a;
  }

  parseRoot(diags: Diagnostic[]): ast.Expr[] {
    const exprs: ast.Expr[] = [];
    while (this.peek().t !== 'end') exprs.push(this.parseExpr(diags));
    return exprs;
  }

  private parseExpr(diags: Diagnostic[]): ast.Expr {
    const a = this.peek();
    switch (a.t) {
      case 'literal':
        this.read();
        return { kind: 'literal', value: stringValue(a.val), range: a.range };
      case 'interp':
        this.read();
        return a.expr;
      case 'if':
        return this.parseIf(diags);
      case 'for':
        return this.parseFor(diags);
      case 'end':
        this.read();
        diags.push(
          errorDiag(
            'Unexpected end of template',
            'The control directives within this template are unbalanced.',
            a.range,
          ),
        );
        return placeholder(a.range);
      case 'endCtrl':
        this.read();
        diags.push(
          errorDiag(
            `Unexpected ${a.which} directive`,
            'The control directives within this template are unbalanced.',
            a.range,
          ),
        );
        return placeholder(a.range);
    }
  }

  private parseIf(diags: Diagnostic[]): ast.Expr {
    const open = this.read() as Extract<Atom, { t: 'if' }>;
    const ifExprs: ast.Expr[] = [];
    const elseExprs: ast.Expr[] = [];
    let current = ifExprs;
    let endifRange: Range;
    for (;;) {
      const next = this.peek();
      if (next.t === 'end') {
        diags.push(
          errorDiag(
            'Unexpected end of template',
            `The if directive at ${formatRange(open.range)} is missing its corresponding endif directive.`,
            next.range,
          ),
        );
        return placeholder(next.range);
      }
      if (next.t === 'endCtrl') {
        this.read();
        if (next.which === 'else' && current === ifExprs) {
          current = elseExprs;
          continue;
        }
        if (next.which === 'endif') {
          endifRange = next.range;
          break;
        }
        if (next.which === 'else') {
          diags.push(
            errorDiag(
              'Unexpected else directive',
              `Already in the else clause for the if started at ${formatRange(open.range)}.`,
              next.range,
            ),
          );
        } else {
          diags.push(
            errorDiag(
              `Unexpected ${next.which} directive`,
              `Expecting an endif directive for the if started at ${formatRange(open.range)}.`,
              next.range,
            ),
          );
        }
        return placeholder(next.range);
      }
      current.push(this.parseExpr(diags));
    }
    if (ifExprs.length === 0) ifExprs.push(emptyString(open.range, true));
    if (elseExprs.length === 0) elseExprs.push(emptyString(endifRange, false));
    return {
      kind: 'conditional',
      condition: open.cond,
      trueResult: templateOf(ifExprs),
      falseResult: templateOf(elseExprs),
      range: rangeBetween(open.range, endifRange),
    };
  }

  private parseFor(diags: Diagnostic[]): ast.Expr {
    const open = this.read() as Extract<Atom, { t: 'for' }>;
    const content: ast.Expr[] = [];
    let endforRange: Range;
    for (;;) {
      const next = this.peek();
      if (next.t === 'end') {
        diags.push(
          errorDiag(
            'Unexpected end of template',
            `The for directive at ${formatRange(open.range)} is missing its corresponding endfor directive.`,
            next.range,
          ),
        );
        return placeholder(next.range);
      }
      if (next.t === 'endCtrl') {
        this.read();
        if (next.which === 'endfor') {
          endforRange = next.range;
          break;
        }
        if (next.which === 'else') {
          diags.push(
            errorDiag(
              'Unexpected else directive',
              'An else clause is not expected for a for directive.',
              next.range,
            ),
          );
        } else {
          diags.push(
            errorDiag(
              `Unexpected ${next.which} directive`,
              `Expecting an endfor directive corresponding to the for directive at ${formatRange(open.range)}.`,
              next.range,
            ),
          );
        }
        return placeholder(next.range);
      }
      content.push(this.parseExpr(diags));
    }
    if (content.length === 0) content.push(emptyString(open.range, true));
    const forExpr: ast.ForExpr = {
      kind: 'for',
      keyVar: open.keyVar,
      valVar: open.valVar,
      collExpr: open.coll,
      valExpr: templateOf(content),
      group: false,
      openRange: open.range,
      closeRange: endforRange,
      range: rangeBetween(open.range, endforRange),
    };
    return { kind: 'templateJoin', tuple: forExpr, range: forExpr.range };
  }
}
