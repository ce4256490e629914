/**
 * loadLegacyJsonTemplate: a legacy (pre-HCL) JSON template into the same Template model as HCL
 * templates: user variables, one source per builder (named by its `name`, else its type), and one
 * unnamed build using them all, with the provisioners and post-processor chains. Plugin bodies are
 * HCL bodies over the JSON (legacy-body.ts), decoded against each plugin's schema like any other.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Diagnostic, errorDiag, hasErrors } from '../../hcl/diagnostics.js';
import { rootContext } from '../../hcl/eval-context.js';
import { runStartTime } from '../../hcl/functions/datetime.js';
import type { GoTime } from '../../hcl/functions/gotime.js';
import { parseJsonValue } from '../../hcl/json/parser.js';
import type { SourceFile } from '../../hcl/render.js';
import { StringType } from '../../hcl/types.js';
import { SensitiveMark, type Value } from '../../hcl/value.js';
import { markValue, stringVal, unknownVal } from '../../hcl/values.js';
import type { Loaded, Template, Variable } from '../model.js';
import { packerVersion as currentPackerVersion } from '../../version.js';
import type { GoTemplateContext } from './go-template.js';
import { readLegacyTemplate } from './read.js';
import { buildTemplate } from './template-model.js';
import { validateLegacyTemplate } from './validate.js';
import { givenValues } from './var-files.js';
import { resolveLegacyVariables } from './variables.js';

export interface LegacyLoadOptions {
  /** The directory relative paths are resolved against ({{pwd}}). */
  readonly cwd: string;
  /** For `{{env}}` in variable values. */
  readonly env: NodeJS.ProcessEnv;
  /** `-var` values: raw `name=value` arguments in order, or already split (the last one wins). */
  readonly vars?: readonly string[] | ReadonlyMap<string, string>;
  /** `-var-file` paths (JSON objects of strings), in command-line order. */
  readonly varFiles?: readonly string[];
  /** `-var` / `-var-file` arguments in command-line order (an alternative to vars/varFiles). */
  readonly varArgs?: readonly (
    | { readonly kind: 'var'; readonly text: string }
    | { readonly kind: 'var'; readonly name: string; readonly value: string }
    | { readonly kind: 'var-file'; readonly path: string }
  )[];
  /** Parse only (Packer's template.Parse): no validation and no variable checks. */
  readonly syntaxOnly?: boolean;
  /** The run's time for {{timestamp}} / {{isotime}}. */
  readonly startTime?: GoTime;
  /** The Packer version min_packer_version is checked against. */
  readonly packerVersion?: string;
}

/** True for paths Packer reads as legacy JSON: files that are not *.pkr.hcl / *.pkr.json. */
export function isLegacyTemplatePath(path: string): boolean {
  return !path.endsWith('.pkr.hcl') && !path.endsWith('.pkr.json');
}

export function loadLegacyJsonTemplate(
  path: string,
  text: string,
  opts: LegacyLoadOptions,
): Loaded<Template> {
  const files = new Map<string, SourceFile>([[path, { text }]]);
  const templateDir = dirname(resolve(opts.cwd, path));
  const packerVersion = opts.packerVersion ?? currentPackerVersion;
  const base = {
    startTime: opts.startTime ?? runStartTime,
    templateDir,
    cwd: resolve(opts.cwd),
    packerVersion,
  };
  const empty = (): Template => ({
    path,
    rootDir: dirname(path),
    files,
    packer: { requiredPlugins: [] },
    variables: new Map(),
    locals: new Map(),
    datasources: new Map(),
    sources: new Map(),
    builds: [],
    evalContext: rootContext({}),
    legacyJson: true,
  });

  const parsed = parseJsonValue(text, path);
  const diags: Diagnostic[] = [];
  if (hasErrors(parsed.diags)) {
    const hint = errorDiag(
      'Failed to parse file as legacy JSON template',
      'If you are using an HCL template, check your file extensions; they should be either *.pkr.hcl or *.pkr.json; see the docs for more details: https://www.packer.io/docs/templates/hcl_templates.',
      parsed.diags.find((d) => d.subject)?.subject,
    );
    return { value: empty(), diags: [hint, ...parsed.diags] };
  }
  diags.push(...parsed.diags);
  const { raw, diags: readDiags } = readLegacyTemplate(parsed.node);
  diags.push(...readDiags);
  if (!raw || hasErrors(diags)) return { value: empty(), diags };

  const given = givenValues(opts, files, diags);
  const resolved = resolveLegacyVariables(raw.variables, raw.sensitive, given, { ...base, env: opts.env });
  if (!opts.syntaxOnly) {
    diags.push(...validateLegacyTemplate(raw, (name) => given.has(name), packerVersion));
    if (!hasErrors(diags)) diags.push(...resolved.diags);
  }

  const values = resolved.values;
  const ctx: GoTemplateContext = {
    ...base,
    user: (name) => {
      const v = values.get(name);
      return { value: v?.value, sensitive: v?.sensitive };
    },
  };
  const variables = new Map<string, Variable>();
  for (const v of raw.variables) {
    const r = values.get(v.name);
    const sensitive = raw.sensitive.has(v.name);
    const mark = (x: Value) => (sensitive || r?.sensitive ? markValue(x, SensitiveMark) : x);
    variables.set(v.name, {
      name: v.name,
      type: StringType,
      sensitive,
      default: v.default ? mark(stringVal(v.default.value)) : undefined,
      validations: [],
      value: r ? mark(stringVal(r.value)) : unknownVal(StringType),
      valueSource: r?.source,
      declRange: v.nameRange,
    });
  }

  return { value: buildTemplate(path, files, raw, ctx, variables), diags };
}

/**
 * The text of `path` when Packer would read it as a legacy JSON template: an existing file whose
 * name does not end in .pkr.hcl / .pkr.json. Undefined otherwise (directories, HCL files, and files
 * that cannot be read, which the HCL loader then reports).
 */
export function legacyTemplateText(path: string, cwd: string): string | undefined {
  if (!isLegacyTemplatePath(path) || path === '-') return undefined;
  try {
    const full = resolve(cwd, path);
    if (!statSync(full).isFile()) return undefined;
    return readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}
