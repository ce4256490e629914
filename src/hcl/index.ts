/**
 * The HCL2 engine's public surface: parse either syntax, decode bodies against schemas, evaluate
 * expressions with Packer's functions, convert values to type constraints, render diagnostics, format.
 */
export type * as ast from './ast.js';
export { convert, type ConvertResult, unifyTypes } from './convert.js';
export {
  type Diagnostic,
  DiagnosticsError,
  errorDiag,
  hasErrors,
  type Severity,
  warningDiag,
} from './diagnostics.js';
export { didYouMean, nameSuggestion } from './did-you-mean.js';
export {
  dynamicBlockVariables,
  type ExpandOptions,
  expandDynamicBlocks,
  type ForEachCheck,
  isUnknownBody,
  walkExpandVariables,
  walkVariables,
} from './dynblock.js';
export { equals, rawEquals } from './equality.js';
export { childContext, rootContext } from './eval-context.js';
export { formatHcl } from './format/format.js';
export {
  packerFunctions,
  type PackerFunctionOptions,
  variableDefaultFunctions,
} from './functions/registry.js';
export type * from './hcl.js';
export { FunctionArgError, FunctionError } from './hcl.js';
export { parseJson, parseJsonExpression } from './json/index.js';
export { nativeBody } from './native/body.js';
export { nativeExpression } from './native/expression.js';
export { parseConfig, parseExpression, parseTemplate, parseTraversalAbs } from './native/parser.js';
export { BigFloat } from './number.js';
export { isJsonFilename, type ParsedFile, parseHclFile } from './parse.js';
export type { Pos, Range } from './pos.js';
export {
  type RenderOptions,
  renderDiagnostic,
  renderDiagnostics,
  type SourceFile,
  type SourceFiles,
} from './render.js';
export type { Traversal, Traverser } from './traversal.js';
export { applyTypeDefaults, typeConstraint, typeExprString } from './typeexpr.js';
export * from './types.js';
export type { Mark, Value } from './value.js';
export { SensitiveMark } from './value.js';
export { displayValue } from './value-display.js';
export * from './values.js';
// Types the exported functions mention, so the API reference documents them.
export type { WalkVariablesChild, WalkVariablesNode } from './dynblock/variables.js';
export type { NameTable } from './eval-context.js';
export type { FormatResult } from './format/format.js';
export type { ContextualServices } from './functions/contextual.js';
export type { GoTime } from './functions/gotime.js';
export type { JsonExpression } from './json/expression.js';
export type { JsonNode, JsonProperty } from './json/nodes.js';
export type { NativeBody } from './native/body.js';
export type { NativeExpression } from './native/expression.js';
export type { Form } from './number.js';
export type { TypeDefaults, TypeOptions, TypeResult } from './typeexpr.js';
export type { KnownPayload, ValueBase } from './value.js';
export type { Path, PathStep } from './value-path.js';
