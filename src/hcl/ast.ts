/**
 * The native-syntax AST (HCL's hclsyntax). Every node carries its source range. Nodes are plain
 * data, discriminated by `kind`; evaluation lives in eval/, static analysis in static.ts.
 */
import type { Range } from './pos.js';
import type { Traversal } from './traversal.js';
import type { Value } from './value.js';

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type UnaryOperator = '!' | '-';

interface NodeBase {
  readonly range: Range;
}

export type Expr =
  | LiteralValueExpr
  | TemplateExpr
  | TemplateWrapExpr
  | TemplateJoinExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | FunctionCallExpr
  | ConditionalExpr
  | IndexExpr
  | TupleConsExpr
  | ObjectConsExpr
  | ObjectConsKeyExpr
  | ForExpr
  | SplatExpr
  | AnonSymbolExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | ParenthesesExpr;

export interface LiteralValueExpr extends NodeBase {
  readonly kind: 'literal';
  readonly value: Value;
}

/** A quoted string or heredoc with interpolations/directives; parts are concatenated as strings. */
export interface TemplateExpr extends NodeBase {
  readonly kind: 'template';
  readonly parts: readonly Expr[];
  /** True for a heredoc template (affects formatting and some diagnostics). */
  readonly heredoc?: boolean;
}

/** A template consisting of exactly one interpolation, `"${x}"`: yields x's value unconverted. */
export interface TemplateWrapExpr extends NodeBase {
  readonly kind: 'templateWrap';
  readonly wrapped: Expr;
}

/** The result of a `%{for}` directive: a for-expression producing a tuple of strings to join. */
export interface TemplateJoinExpr extends NodeBase {
  readonly kind: 'templateJoin';
  readonly tuple: Expr;
}

export interface ScopeTraversalExpr extends NodeBase {
  readonly kind: 'scopeTraversal';
  readonly traversal: Traversal;
}

/** A traversal applied to the result of another expression, e.g. `foo()[0].a`. */
export interface RelativeTraversalExpr extends NodeBase {
  readonly kind: 'relativeTraversal';
  readonly source: Expr;
  /** Steps are 'attr' or 'index' only. */
  readonly traversal: Traversal;
}

export interface FunctionCallExpr extends NodeBase {
  readonly kind: 'functionCall';
  readonly name: string;
  readonly args: readonly Expr[];
  /** True if the final argument was followed by `...`. */
  readonly expandFinal: boolean;
  readonly nameRange: Range;
  readonly openParenRange: Range;
  readonly closeParenRange: Range;
}

export interface ConditionalExpr extends NodeBase {
  readonly kind: 'conditional';
  readonly condition: Expr;
  readonly trueResult: Expr;
  readonly falseResult: Expr;
}

export interface IndexExpr extends NodeBase {
  readonly kind: 'index';
  readonly collection: Expr;
  readonly key: Expr;
  readonly bracketRange: Range;
}

export interface TupleConsExpr extends NodeBase {
  readonly kind: 'tupleCons';
  readonly exprs: readonly Expr[];
  readonly openRange: Range;
}

export interface ObjectConsItem {
  readonly keyExpr: Expr;
  readonly valueExpr: Expr;
}

export interface ObjectConsExpr extends NodeBase {
  readonly kind: 'objectCons';
  readonly items: readonly ObjectConsItem[];
  readonly openRange: Range;
}

/**
 * An object key. A bare identifier key (`foo = 1`) is parsed as a one-step traversal but evaluates
 * to the string "foo" unless `forceNonLiteral` (the key was parenthesised: `(foo) = 1`).
 */
export interface ObjectConsKeyExpr extends NodeBase {
  readonly kind: 'objectConsKey';
  readonly wrapped: Expr;
  readonly forceNonLiteral: boolean;
}

export interface ForExpr extends NodeBase {
  readonly kind: 'for';
  /** Empty string when only a value variable was given. */
  readonly keyVar: string;
  readonly valVar: string;
  readonly collExpr: Expr;
  /** Present for object for-expressions (`{for k, v in x : k => v}`). */
  readonly keyExpr?: Expr;
  readonly valExpr: Expr;
  readonly condExpr?: Expr;
  /** True if the value expression was followed by `...` (grouping mode). */
  readonly group: boolean;
  readonly openRange: Range;
  readonly closeRange: Range;
}

/** `source[*].each` or `source.*.each`; `each` is evaluated with `item` bound to each element. */
export interface SplatExpr extends NodeBase {
  readonly kind: 'splat';
  readonly source: Expr;
  readonly each: Expr;
  readonly item: AnonSymbolExpr;
  readonly markerRange: Range;
}

/** The placeholder for the current element inside a splat's `each`. */
export interface AnonSymbolExpr extends NodeBase {
  readonly kind: 'anonSymbol';
}

export interface BinaryOpExpr extends NodeBase {
  readonly kind: 'binaryOp';
  readonly lhs: Expr;
  readonly op: BinaryOperator;
  readonly rhs: Expr;
}

export interface UnaryOpExpr extends NodeBase {
  readonly kind: 'unaryOp';
  readonly op: UnaryOperator;
  readonly val: Expr;
  readonly symbolRange: Range;
}

export interface ParenthesesExpr extends NodeBase {
  readonly kind: 'parentheses';
  readonly expression: Expr;
}

export interface Attribute extends NodeBase {
  readonly kind: 'attribute';
  readonly name: string;
  readonly expr: Expr;
  readonly nameRange: Range;
  readonly equalsRange: Range;
}

export interface Block extends NodeBase {
  readonly kind: 'block';
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
  readonly typeRange: Range;
  readonly labelRanges: readonly Range[];
  readonly openBraceRange: Range;
  readonly closeBraceRange: Range;
}

/** A body: attributes and blocks, each list in source order. */
export interface Body extends NodeBase {
  readonly kind: 'body';
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
  /** Zero-length range at the end of the body (before the closing brace, or EOF). */
  readonly endRange: Range;
}
