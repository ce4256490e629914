/** The atoms a template's tokens are raised to before its expression tree is built. */
import type * as ast from '../ast.js';
import type { Range } from '../pos.js';

export type EndCtrl = 'if' | 'else' | 'endif' | 'endfor';

export interface LiteralAtom {
  t: 'literal';
  val: string;
  range: Range;
}
export type Atom =
  | LiteralAtom
  | { t: 'interp'; expr: ast.Expr; range: Range }
  | { t: 'if'; cond: ast.Expr; range: Range }
  | { t: 'for'; keyVar: string; valVar: string; coll: ast.Expr; range: Range }
  | { t: 'endCtrl'; which: Exclude<EndCtrl, 'if'>; range: Range }
  | { t: 'end'; range: Range };
