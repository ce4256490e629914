/**
 * Builds expressions from template atoms, matching directive openers with their end markers: `%{if}`
 * becomes a ConditionalExpr, `%{for}` a TemplateJoinExpr around a ForExpr.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { type Range, formatRange, rangeBetween } from '../pos.js';
import { dynamicValue, stringValue } from './literal-values.js';
import type { Atom } from './template-atoms.js';

/** How a directive's clause ends: at an end-of-control directive or at the end of the template. */
type ClauseEnd = Extract<Atom, { t: 'endCtrl' | 'end' }>;

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
export class TemplateTreeBuilder {
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

  /**
   * Parses template parts into `parts` up to the next end-of-control directive, which is consumed and
   * returned. If the template ends first, reports the `name` directive opened at `open` as unclosed.
   */
  private parseClause(parts: ast.Expr[], name: 'if' | 'for', open: Range, diags: Diagnostic[]): ClauseEnd {
    for (;;) {
      const next = this.peek();
      if (next.t === 'end') {
        diags.push(
          errorDiag(
            'Unexpected end of template',
            `The ${name} directive at ${formatRange(open)} is missing its corresponding end${name} directive.`,
            next.range,
          ),
        );
        return next;
      }
      if (next.t === 'endCtrl') {
        this.read();
        return next;
      }
      parts.push(this.parseExpr(diags));
    }
  }

  private parseIf(diags: Diagnostic[]): ast.Expr {
    const open = this.read() as Extract<Atom, { t: 'if' }>;
    const ifExprs: ast.Expr[] = [];
    const elseExprs: ast.Expr[] = [];
    let close = this.parseClause(ifExprs, 'if', open.range, diags);
    if (close.t === 'endCtrl' && close.which === 'else')
      close = this.parseClause(elseExprs, 'if', open.range, diags);
    if (close.t === 'end') return placeholder(close.range);
    if (close.which !== 'endif') {
      diags.push(
        close.which === 'else'
          ? errorDiag(
              'Unexpected else directive',
              `Already in the else clause for the if started at ${formatRange(open.range)}.`,
              close.range,
            )
          : errorDiag(
              `Unexpected ${close.which} directive`,
              `Expecting an endif directive for the if started at ${formatRange(open.range)}.`,
              close.range,
            ),
      );
      return placeholder(close.range);
    }
    const endifRange = close.range;
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
    const close = this.parseClause(content, 'for', open.range, diags);
    if (close.t === 'end') return placeholder(close.range);
    if (close.which !== 'endfor') {
      diags.push(
        close.which === 'else'
          ? errorDiag(
              'Unexpected else directive',
              'An else clause is not expected for a for directive.',
              close.range,
            )
          : errorDiag(
              `Unexpected ${close.which} directive`,
              `Expecting an endfor directive corresponding to the for directive at ${formatRange(open.range)}.`,
              close.range,
            ),
      );
      return placeholder(close.range);
    }
    const endforRange = close.range;
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
