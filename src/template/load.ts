/**
 * loadTemplate: a Packer HCL2 template (a file or a directory) into the Template model, in Packer's
 * order: parse every file; check `required_version`; reject unknown top-level blocks; decode packer,
 * variable, data and local blocks; collect variable values (env, var files, -var); check them; then
 * evaluate locals and data sources in dependency order and hand source/build blocks to their decoders.
 * Every problem is a diagnostic; nothing here throws for bad input.
 */
import { resolve } from 'node:path';
import { type Diagnostic, hasErrors } from '../hcl/diagnostics.js';
import { packerFunctions } from '../hcl/functions/registry.js';
import type { HclBlock } from '../hcl/hcl.js';
import type { ParsedFile } from '../hcl/parse.js';
import type { SourceFile } from '../hcl/render.js';
import { finishVariables } from './finish-variables.js';
import { type LocalDecl, decodeLocalBlock, decodeLocalsBlock, dropDuplicateLocals } from './locals.js';
import { legacyTemplateText, loadLegacyJsonTemplate } from './legacy-json/index.js';
import type { Loaded, Template } from './model.js';
import { checkCoreVersion, decodePackerBlocks } from './packer-block.js';
import { packerVersion } from '../version.js';
import { localContext, templateContext, type TemplateScope, variableDefaultContext } from './contexts.js';
import { datasourceEvaluator } from './datasource-values.js';
import { type DatasourceDecls, decodeDataBlock } from './datasources.js';
import { evaluatePrereqs } from './prereqs.js';
import { decodeTopLevel, emptyTemplate } from './top-level.js';
import { collectVariableValues, type CliVar, parseVarArgument, type VarFile } from './var-values.js';
import { decodeLegacyVariable, decodeVariableBlock, type VariableDecls } from './variables.js';
import { findTemplateFiles, readConfigFile } from './template-files.js';
import { readVarFile } from './var-files.js';

export type VarArg =
  | { readonly kind: 'var'; readonly text: string }
  | { readonly kind: 'var'; readonly name: string; readonly value: string }
  | { readonly kind: 'var-file'; readonly path: string };

export interface LoadOptions {
  /** The directory relative paths are resolved against, and `path.cwd`. */
  readonly cwd: string;
  /** Read for PKR_VAR_<name> values and by env() in variable defaults. */
  readonly env: NodeJS.ProcessEnv;
  /** `-var` values: raw `name=value` arguments in order, or already split (last one wins either way). */
  readonly vars?: readonly string[] | ReadonlyMap<string, string>;
  /** `-var-file` paths in command-line order. */
  readonly varFiles?: readonly string[];
  /** `-var` / `-var-file` arguments in command-line order (an alternative to vars/varFiles). */
  readonly varArgs?: readonly VarArg[];
  /** Parse only: syntax diagnostics, no decoding. */
  readonly syntaxOnly?: boolean;
  /** The command loading the template; it sets the defaults of the two options below. */
  readonly command?: 'validate' | 'build' | 'inspect' | 'console';
  /**
   * Warn about var-file values for undeclared variables. Packer's validate does (unless
   * -no-warn-undeclared-var); the other commands stay silent unless -warn-on-undeclared-var.
   */
  readonly warnOnUndeclaredVar?: boolean;
  /**
   * Execute data sources. Packer's validate leaves their outputs unknown (unless
   * -evaluate-datasources); build, inspect and console execute them. Without a command: false.
   */
  readonly evaluateDatasources?: boolean;
  /** The plugin registry, passed through to the build planner. */
  readonly registry?: unknown;
}

/**
 * Packer reads every var file (in order) before any -var argument, whatever their relative order on
 * the command line: -var always wins over -var-file.
 */
function splitVarArgs(opts: LoadOptions): { varFiles: string[]; cliVars: CliVar[]; diags: Diagnostic[] } {
  const varFiles: string[] = [...(opts.varFiles ?? [])];
  const cliVars: CliVar[] = [];
  const diags: Diagnostic[] = [];
  const addText = (text: string) => {
    const r = parseVarArgument(text);
    diags.push(...r.diags);
    if (r.var) cliVars.push(r.var);
  };
  for (const arg of opts.varArgs ?? []) {
    if (arg.kind === 'var-file') varFiles.push(arg.path);
    else if ('text' in arg) addText(arg.text);
    else cliVars.push({ name: arg.name, text: arg.value });
  }
  const vars = opts.vars ?? [];
  if (vars instanceof Map) for (const [name, text] of vars) cliVars.push({ name, text });
  else for (const text of vars as readonly string[]) addText(text);
  return { varFiles, cliVars, diags };
}

export async function loadTemplate(path: string, opts: LoadOptions): Promise<Loaded<Template>> {
  // Packer reads any file not named *.pkr.hcl / *.pkr.json as a legacy JSON template.
  const legacyText = legacyTemplateText(path, opts.cwd);
  if (legacyText !== undefined) return loadLegacyJsonTemplate(path, legacyText, opts);
  const files = new Map<string, SourceFile>();
  const found = findTemplateFiles(path, opts.cwd);
  const diags: Diagnostic[] = [...found.diags];
  const scopeBase = {
    path: { cwd: opts.cwd, root: found.baseDir },
    packerVersion,
    functions: packerFunctions({ baseDir: resolve(opts.cwd, found.baseDir), contextual: { env: opts.env } }),
  };
  const empty = () =>
    emptyTemplate(
      path,
      found.baseDir,
      files,
      templateContext({ ...scopeBase, vars: new Map(), locals: new Map(), data: new Map() }),
    );
  // No template at all (`console` without one): the bare context, as Packer gives it.
  if (path === '') return { value: empty(), diags: [] };
  if (hasErrors(diags)) return { value: empty(), diags };

  const parsed: ParsedFile[] = [];
  for (const name of found.templates) {
    const r = readConfigFile(name, opts.cwd);
    diags.push(...r.diags);
    if (!r.parsed) continue;
    files.set(name, r.parsed.source);
    parsed.push(r.parsed);
  }
  if (hasErrors(diags) || opts.syntaxOnly) return { value: empty(), diags };
  const bodies = parsed.map((p) => p.file.body);

  // The version check comes first, so a template for another Packer fails with a version message.
  const version = checkCoreVersion(bodies);
  diags.push(...version.diags);
  if (version.unsupported) return { value: empty(), diags };

  const top = decodeTopLevel(bodies);
  diags.push(...top.diags);
  const packer = decodePackerBlocks(top.blocks('packer'), version.requirement);
  diags.push(...packer.diags);

  const decls: VariableDecls = new Map();
  const defaultCtx = variableDefaultContext(opts.env);
  for (const block of top.all) {
    if (block.type === 'variable') diags.push(...decodeVariableBlock(block, decls, defaultCtx));
    else if (block.type === 'variables') {
      const { attributes, diags: attrDiags } = block.body.justAttributes();
      diags.push(...attrDiags);
      for (const attr of attributes.values()) diags.push(...decodeLegacyVariable(attr, decls, defaultCtx));
    }
  }
  const datasources: DatasourceDecls = new Map();
  for (const block of top.blocks('data')) diags.push(...decodeDataBlock(block, datasources));
  const localDecls = decodeAllLocals(top.all, diags);

  // Values: env, then auto var files and -var-file files in order, then -var arguments.
  const split = splitVarArgs(opts);
  diags.push(...split.diags);
  const varFiles: VarFile[] = [];
  const varFileNames = [
    ...found.autoVarFiles.map((name) => ({ name, auto: true })),
    ...split.varFiles.map((name) => ({ name, auto: false })),
  ];
  for (const { name, auto } of varFileNames) {
    const r = readVarFile(name, opts.cwd);
    diags.push(...r.diags);
    if (!r.parsed) continue;
    files.set(name, r.parsed.source);
    varFiles.push({ file: r.parsed.file, auto });
  }
  diags.push(
    ...collectVariableValues(decls, {
      env: opts.env,
      varFiles,
      cliVars: split.cliVars,
      warnOnUndeclaredVar: opts.warnOnUndeclaredVar ?? opts.command === 'validate',
      sources: files,
    }),
  );
  const finished = finishVariables(decls, scopeBase.functions);
  diags.push(...finished.diags);

  const prereqs = await evaluatePrereqs(localDecls, [...datasources.values()], {
    datasourceValue: datasourceEvaluator(
      opts.registry,
      opts.evaluateDatasources ?? (opts.command !== undefined && opts.command !== 'validate'),
    ),
    context: (results) =>
      localContext({ ...scopeBase, vars: finished.values, locals: results.locals, data: results.data }),
  });
  diags.push(...prereqs.diags);
  const scope: TemplateScope = {
    ...scopeBase,
    vars: finished.values,
    locals: prereqs.locals,
    data: prereqs.data,
  };
  const evalContext = templateContext(scope);

  const decoded = top.decodeSourcesAndBuilds(evalContext);
  diags.push(...decoded.diags);

  const template: Template = {
    path,
    rootDir: found.baseDir,
    files,
    packer: packer.packer,
    variables: finished.variables,
    locals: new Map(
      localDecls.map((l) => [
        l.name,
        {
          name: l.name,
          expr: l.expr,
          sensitive: l.sensitive,
          value: prereqs.locals.get(l.name)!,
          declRange: l.declRange,
        },
      ]),
    ),
    datasources,
    sources: decoded.sources,
    builds: decoded.builds,
    evalContext,
  };
  return { value: template, diags };
}

function decodeAllLocals(blocks: readonly HclBlock[], diags: Diagnostic[]): LocalDecl[] {
  const all: LocalDecl[] = [];
  for (const block of blocks) {
    if (block.type === 'local') {
      const r = decodeLocalBlock(block);
      diags.push(...r.diags);
      if (r.local) all.push(r.local);
    } else if (block.type === 'locals') {
      const r = decodeLocalsBlock(block);
      diags.push(...r.diags);
      all.push(...r.locals);
    }
  }
  const { locals, diags: dupDiags } = dropDuplicateLocals(all);
  diags.push(...dupDiags);
  return locals;
}
