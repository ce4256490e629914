/**
 * One line of `packer console`: `exit`, `help`, `variables`, an empty line, or an HCL expression
 * evaluated in the template's context (source and build are unknown outside a build).
 */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { hasErrors } from '../../hcl/diagnostics.js';
import { childContext, lookupVariable } from '../../hcl/eval-context.js';
import type { EvalContext } from '../../hcl/hcl.js';
import { nativeExpression } from '../../hcl/native/expression.js';
import { parseExpression } from '../../hcl/native/parser.js';
import type { SourceFiles } from '../../hcl/render.js';
import { DynamicVal } from '../../hcl/values.js';
import type { Template } from '../../template/model.js';
import { printableValue } from './sensitive.js';
import { variablesText } from './template-text.js';

export const consoleInputName = '<console-input>';

export const consoleHelpText = `Packer console HCL2 Mode.
The Packer console allows you to experiment with Packer interpolations.
You may access variables and functions in the Packer config you called the
console with.

Type in the interpolation to test and hit <enter> to see the result.

"upper(var.foo.id)" would evaluate to the ID of "foo" and uppercase is, if it
exists in your config file.

"variables" will dump all available variables and their values.

To exit the console, type "exit" and hit <enter>, or use Control-C.

/!\\ It is not possible to use go templating interpolation like "{{timestamp}}"
with in HCL2 mode.`;

export interface LineResult {
  readonly out: string;
  readonly exit: boolean;
  readonly diags: Diagnostic[];
  /** The files diagnostics point into: the template's plus the line itself. */
  readonly files: SourceFiles;
}

/** The template's context with `source` and `build` unknown, as outside any build. */
export function consoleContext(base: EvalContext): EvalContext {
  const missing = ['source', 'build'].filter((n) => lookupVariable(base, n).found === undefined);
  if (missing.length === 0) return base;
  return childContext(base, Object.fromEntries(missing.map((n) => [n, DynamicVal])));
}

export function evaluateLine(
  line: string,
  ctx: EvalContext,
  template: Pick<Template, 'variables' | 'locals'>,
  templateFiles: SourceFiles,
): LineResult {
  const none = { diags: [], files: templateFiles };
  if (line === '') return { out: '', exit: false, ...none };
  if (line === 'exit') return { out: '', exit: true, ...none };
  if (line === 'help') return { out: consoleHelpText, exit: false, ...none };
  if (line === 'variables') return { out: variablesText(template), exit: false, ...none };
  const files = new Map(templateFiles);
  files.set(consoleInputName, { text: line });
  const parsed = parseExpression(line, consoleInputName);
  if (hasErrors(parsed.diags)) return { out: '', exit: false, diags: parsed.diags, files };
  const { value, diags } = nativeExpression(parsed.expr).value(ctx);
  const all = [...parsed.diags, ...diags];
  if (hasErrors(diags)) return { out: '', exit: false, diags: all, files };
  return { out: printableValue(value), exit: false, diags: all, files };
}
