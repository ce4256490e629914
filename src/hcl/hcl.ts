/**
 * HCL's syntax-agnostic information model (HCL's `hcl` package): bodies decoded against schemas,
 * expressions evaluated in a context. Both the native syntax (native/) and the JSON syntax (json/)
 * implement these interfaces, so the template model never knows which syntax it reads.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Range } from './pos.js';
import type { Traversal } from './traversal.js';
import type { Type } from './types.js';
import type { Value } from './value.js';

export interface ValueResult {
  readonly value: Value;
  readonly diags: Diagnostic[];
}

/** Variables and functions visible to an expression; child scopes shadow their parents. */
export interface EvalContext {
  readonly variables?: ReadonlyMap<string, Value>;
  readonly functions?: ReadonlyMap<string, HclFunction>;
  readonly parent?: EvalContext;
}

export interface Expression {
  readonly range: Range;
  /** The range of the start of the expression, used as a diagnostic subject for long expressions. */
  readonly startRange: Range;
  value(ctx: EvalContext | undefined): ValueResult;
  /** Every variable reference (absolute traversal) the expression makes, in source order. */
  variables(): Traversal[];
  // Static analysis, as HCL's hcl.ExprList / ExprMap / AbsTraversalForExpr / ExprCall / ExprAsKeyword.
  // Each returns undefined when the expression does not have that shape.
  staticList(): Expression[] | undefined;
  staticMap(): { key: Expression; value: Expression }[] | undefined;
  staticTraversal(): Traversal | undefined;
  staticCall(): StaticCall | undefined;
  staticKeyword(): string | undefined;
}

export interface StaticCall {
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  readonly argsRange: Range;
}

export interface AttributeSchema {
  readonly name: string;
  readonly required?: boolean;
}

export interface BlockHeaderSchema {
  readonly type: string;
  readonly labelNames?: readonly string[];
}

export interface BodySchema {
  readonly attributes?: readonly AttributeSchema[];
  readonly blocks?: readonly BlockHeaderSchema[];
}

export interface HclAttribute {
  readonly name: string;
  readonly expr: Expression;
  readonly range: Range;
  readonly nameRange: Range;
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  readonly defRange: Range;
  readonly typeRange: Range;
  readonly labelRanges: readonly Range[];
}

export interface BodyContent {
  readonly attributes: ReadonlyMap<string, HclAttribute>;
  /** Blocks in source order (the order of provisioners matters). */
  readonly blocks: readonly HclBlock[];
  readonly missingItemRange: Range;
}

export interface HclBody {
  /** Decode against a schema; anything not in the schema is an error ("Unsupported argument" …). */
  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] };
  /** Like content(), but returns what the schema did not consume as a remaining body. */
  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] };
  /** Interpret the body as attributes only (blocks are an error), e.g. `locals {}`. */
  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] };
  /** Where to point a "missing required argument" diagnostic. */
  missingItemRange(): Range;
}

export interface HclFile {
  readonly body: HclBody;
  /** The source text, for rendering diagnostics. */
  readonly bytes: string;
  readonly filename: string;
}

/** A parameter of a function, as cty's function.Parameter. */
export interface FunctionParam {
  readonly name: string;
  readonly type: Type;
  readonly allowNull?: boolean;
  readonly allowUnknown?: boolean;
  readonly allowDynamicType?: boolean;
  readonly allowMarked?: boolean;
}

/** A function callable from expressions, as cty's function.Spec. */
export interface HclFunction {
  readonly description?: string;
  readonly params: readonly FunctionParam[];
  readonly varParam?: FunctionParam;
  /** The result type for these (already converted) arguments; may throw FunctionArgError. */
  returnType(args: readonly Value[]): Type;
  /** The result; may throw FunctionArgError or FunctionError. */
  impl(args: readonly Value[], returnType: Type): Value;
  /**
   * For functions that need their argument *expressions* (try, can, convert's type argument):
   * when present the evaluator calls this instead of evaluating the arguments itself.
   */
  readonly rawArgs?: (
    args: readonly Expression[],
    ctx: EvalContext | undefined,
    callRange: Range,
  ) => ValueResult;
}

/** An error about one argument of a function call; the evaluator points at that argument. */
export class FunctionArgError extends Error {
  constructor(
    readonly argIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionArgError';
  }
}

/** A function failure not tied to one argument. */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}
