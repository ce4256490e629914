/** Compact, readable renderings of native AST nodes for test expectations. */
import type * as ast from '../../../src/hcl/ast.js';
import type { Range } from '../../../src/hcl/pos.js';
import type { Traversal } from '../../../src/hcl/traversal.js';
import type { Value } from '../../../src/hcl/value.js';

export function showValue(v: Value): string {
  if (v.state === 'unknown') return v.type.kind === 'dynamic' ? '<dynamic>' : `<unknown ${v.type.kind}>`;
  if (v.state === 'null') return 'null';
  if (v.type.kind === 'string') return JSON.stringify(v.v);
  return String(v.v);
}

export function showTraversal(t: Traversal, showKey: (key: Value) => string = showValue): string {
  return t
    .map((s) => {
      switch (s.type) {
        case 'root':
          return s.name;
        case 'attr':
          return `.${s.name}`;
        case 'index':
          return `[${showKey(s.key)}]`;
        default:
          return '[*]';
      }
    })
    .join('');
}

/** A Lisp-like rendering that shows the tree shape. */
export function show(e: ast.Expr): string {
  switch (e.kind) {
    case 'literal':
      return showValue(e.value);
    case 'template':
      return `(template ${e.parts.map(show).join(' ')})`;
    case 'templateWrap':
      return `(wrap ${show(e.wrapped)})`;
    case 'templateJoin':
      return `(join ${show(e.tuple)})`;
    case 'scopeTraversal':
      return showTraversal(e.traversal);
    case 'relativeTraversal':
      return `(rel ${show(e.source)} ${showTraversal([{ type: 'root', name: '', range: e.range }, ...e.traversal])})`;
    case 'functionCall':
      return `(${e.name}(${e.args.map(show).join(' ')}${e.expandFinal ? '...' : ''}))`;
    case 'conditional':
      return `(? ${show(e.condition)} ${show(e.trueResult)} ${show(e.falseResult)})`;
    case 'index':
      return `(index ${show(e.collection)} ${show(e.key)})`;
    case 'tupleCons':
      return `[${e.exprs.map(show).join(' ')}]`;
    case 'objectCons':
      return `{${e.items.map((i) => `${show(i.keyExpr)}=${show(i.valueExpr)}`).join(' ')}}`;
    case 'objectConsKey':
      return e.forceNonLiteral ? `(key ${show(e.wrapped)})` : show(e.wrapped);
    case 'for': {
      const vars = e.keyVar ? `${e.keyVar},${e.valVar}` : e.valVar;
      const body = e.keyExpr ? `${show(e.keyExpr)} => ${show(e.valExpr)}` : show(e.valExpr);
      return `(for ${vars} in ${show(e.collExpr)} : ${body}${e.group ? '...' : ''}${e.condExpr ? ` if ${show(e.condExpr)}` : ''})`;
    }
    case 'splat':
      return `(splat ${show(e.source)} ${show(e.each)})`;
    case 'anonSymbol':
      return '@';
    case 'binaryOp':
      return `(${e.op} ${show(e.lhs)} ${show(e.rhs)})`;
    case 'unaryOp':
      return `(${e.op} ${show(e.val)})`;
    case 'parentheses':
      return `(paren ${show(e.expression)})`;
  }
}

/** "line:col-line:col@byte-byte" */
export function showRange(r: Range | undefined): string {
  if (!r) return '<none>';
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}@${r.start.byte}-${r.end.byte}`;
}
