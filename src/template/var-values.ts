/**
 * Values for declared variables, in Packer's precedence (each later one wins): the default,
 * PKR_VAR_<name> environment variables, var files (the template directory's *.auto.pkrvars.* in
 * lexical order, then each -var-file in command-line order), then -var arguments in order.
 * Var-file values are evaluated without any context; env and -var values are plain strings for
 * string/number/untyped variables and HCL expressions otherwise.
 */
import { type Diagnostic, errorDiag, warningDiag } from '../hcl/diagnostics.js';
import type { Expression, HclFile } from '../hcl/hcl.js';
import { nativeExpression } from '../hcl/native/expression.js';
import { parseExpression } from '../hcl/native/parser.js';
import type { SourceFile } from '../hcl/render.js';
import { DynamicVal, stringVal } from '../hcl/values.js';
import type { VariableValueSource } from './model.js';
import { conformToType, type VariableDecl, type VariableDecls } from './variables.js';

export const varEnvPrefix = 'PKR_VAR_';

export interface VarFile {
  readonly file: HclFile;
  readonly auto: boolean;
}

export interface CliVar {
  readonly name: string;
  readonly text: string;
}

export interface CollectInput {
  readonly env: NodeJS.ProcessEnv;
  readonly varFiles: readonly VarFile[];
  readonly cliVars: readonly CliVar[];
  /** Warn about var-file values for undeclared variables (Packer's validate does). */
  readonly warnOnUndeclaredVar: boolean;
  /** Where to register the pseudo-files of env and -var values, for rendering diagnostics. */
  readonly sources: Map<string, SourceFile>;
}

/** Splits a `-var` argument at its first `=`. */
export function parseVarArgument(text: string): { var?: CliVar; diags: Diagnostic[] } {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    return {
      diags: [
        errorDiag(
          'Invalid -var option',
          `The given -var option ${JSON.stringify(text)} is not correctly specified. It must be a variable name and value separated by an equals sign, like -var key=value.`,
        ),
      ],
    };
  }
  return { var: { name: text.slice(0, eq), text: text.slice(eq + 1) }, diags: [] };
}

/** A string for string/number/untyped variables, else the text parsed as an HCL expression. */
function expressionFor(
  decl: VariableDecl,
  text: string,
  filename: string,
  sources: Map<string, SourceFile>,
): { expr?: Expression; diags: Diagnostic[] } {
  const k = decl.type.kind;
  if (k === 'string' || k === 'number' || k === 'dynamic') return { diags: [] };
  // Diagnostics quote their source line: never a sensitive value's.
  if (!decl.sensitive) sources.set(filename, { text });
  const { expr, diags } = parseExpression(text, filename);
  return { expr: nativeExpression(expr), diags };
}

function assignText(
  decl: VariableDecl,
  text: string,
  from: VariableValueSource,
  filename: string,
  input: CollectInput,
  mismatch: (message: string) => Diagnostic,
): Diagnostic[] {
  const { expr, diags } = expressionFor(decl, text, filename, input.sources);
  if (diags.some((d) => d.severity === 'error')) {
    // Set, though unusably: the syntax error is the one thing to say about it.
    decl.assignments.push({ from, value: DynamicVal });
    return diags;
  }
  let value = stringVal(text);
  if (expr) {
    const r = expr.value(undefined);
    diags.push(...r.diags);
    value = r.value;
  }
  const conformed = conformToType(decl, value);
  if (conformed.ok) value = conformed.value;
  else {
    diags.push({ ...mismatch(conformed.message), subject: expr?.range });
    value = DynamicVal;
  }
  decl.assignments.push({ from, value, expr, range: expr?.range });
  return diags;
}

function collectEnv(decls: VariableDecls, input: CollectInput): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [key, text] of Object.entries(input.env)) {
    if (!key.startsWith(varEnvPrefix) || text === undefined) continue;
    const name = key.slice(varEnvPrefix.length);
    const decl = decls.get(name);
    if (!decl) continue;
    diags.push(
      ...assignText(decl, text, 'env', `<value for var.${name} from env>`, input, (message) =>
        errorDiag(
          'Invalid value for variable',
          `The value for ${name} is not compatible with the variable's type constraint: ${message}.`,
        ),
      ),
    );
  }
  return diags;
}

function variableBlocksIn(file: HclFile): Diagnostic[] {
  const { content } = file.body.partialContent({ blocks: [{ type: 'variable', labelNames: ['name'] }] });
  return content.blocks.map((block) => {
    const name = block.labels[0]!;
    return errorDiag(
      'Variable declaration in a .pkrvar file',
      `A .pkrvar file is used to assign values to variables that have already been declared in .pkr files, not to declare new variables. To declare variable ${JSON.stringify(name)}, place this block in one of your .pkr files, such as variables.pkr.hcl\n\nTo set a value for this variable in ${block.typeRange.filename}, use the definition syntax instead:\n    ${name} = <value>`,
      block.typeRange,
    );
  });
}

function collectVarFile(decls: VariableDecls, varFile: VarFile, input: CollectInput): Diagnostic[] {
  const { attributes, diags } = varFile.file.body.justAttributes();
  for (const attr of attributes.values()) {
    const decl = decls.get(attr.name);
    if (!decl) {
      if (input.warnOnUndeclaredVar) {
        diags.push(
          warningDiag(
            'Undefined variable',
            `The variable ${JSON.stringify(attr.name)} was set but was not declared as an input variable.\nTo declare variable ${JSON.stringify(attr.name)} place this block in one of your .pkr.hcl files, such as variables.pkr.hcl\n\nvariable ${JSON.stringify(attr.name)} {\n  type    = string\n  default = null\n}`,
            attr.nameRange,
            attr.range,
          ),
        );
      }
      continue;
    }
    const r = attr.expr.value(undefined);
    diags.push(...r.diags);
    let value = r.value;
    const conformed = conformToType(decl, value);
    if (conformed.ok) value = conformed.value;
    else {
      diags.push(
        errorDiag(
          'Invalid value for variable',
          `The value for ${attr.name} is not compatible with the variable's type constraint: ${conformed.message}.`,
          attr.expr.range,
        ),
      );
      value = DynamicVal;
    }
    decl.assignments.push({
      from: varFile.auto ? 'auto-varfile' : 'varfile',
      value,
      expr: attr.expr,
      range: attr.expr.range,
    });
  }
  return diags;
}

function collectCli(decls: VariableDecls, input: CollectInput): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const { name, text } of input.cliVars) {
    const decl = decls.get(name);
    if (!decl) {
      diags.push(
        errorDiag(
          'Undefined -var variable',
          `A ${JSON.stringify(name)} variable was passed in the command line but was not found in known variables. To declare variable ${JSON.stringify(name)}, place this block in one of your .pkr files, such as variables.pkr.hcl`,
        ),
      );
      continue;
    }
    diags.push(
      ...assignText(decl, text, 'cli', `<value for var.${name} from arguments>`, input, (message) =>
        errorDiag(
          'Invalid argument value for -var variable',
          `The received arg value for ${name} is not compatible with the variable's type constraint: ${message}.`,
        ),
      ),
    );
  }
  return diags;
}

/** Appends every collected value to its variable's assignments, in precedence order. */
export function collectVariableValues(decls: VariableDecls, input: CollectInput): Diagnostic[] {
  const diags = collectEnv(decls, input);
  for (const varFile of input.varFiles) {
    const declared = variableBlocksIn(varFile.file);
    diags.push(...declared);
    // Packer stops here: the attribute pass would only repeat the problem less clearly.
    if (declared.length > 0) return diags;
    diags.push(...collectVarFile(decls, varFile, input));
  }
  diags.push(...collectCli(decls, input));
  return diags;
}

/**
 * Every -var / -var-file of LoadOptions as `{kind:'var', text:'name=value'}` / `{kind:'var-file', path}`,
 * varArgs first (in order), then varFiles, then vars: for loaders that take only that shape.
 */
export function textVarArgs(opts: {
  readonly vars?: readonly string[] | ReadonlyMap<string, string>;
  readonly varFiles?: readonly string[];
  readonly varArgs?: readonly (
    | { readonly kind: 'var'; readonly text: string }
    | { readonly kind: 'var'; readonly name: string; readonly value: string }
    | { readonly kind: 'var-file'; readonly path: string }
  )[];
}): ({ kind: 'var'; text: string } | { kind: 'var-file'; path: string })[] {
  const out: ({ kind: 'var'; text: string } | { kind: 'var-file'; path: string })[] = [];
  for (const a of opts.varArgs ?? []) {
    if (a.kind === 'var-file') out.push({ kind: 'var-file', path: a.path });
    else out.push({ kind: 'var', text: 'text' in a ? a.text : `${a.name}=${a.value}` });
  }
  for (const path of opts.varFiles ?? []) out.push({ kind: 'var-file', path });
  const vars = opts.vars ?? [];
  if (vars instanceof Map)
    for (const [name, value] of vars) out.push({ kind: 'var', text: `${name}=${value}` });
  else for (const text of vars as readonly string[]) out.push({ kind: 'var', text });
  return out;
}
