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
import { parseJson } from '../../hcl/json/index.js';
import type { JsonBody } from '../../hcl/json/index.js';
import type { SourceFile } from '../../hcl/render.js';
import { StringType } from '../../hcl/types.js';
import { SensitiveMark, type Value } from '../../hcl/value.js';
import { markValue, objectVal, stringVal, unknownVal } from '../../hcl/values.js';
import type {
  Build,
  BuildSource,
  Loaded,
  PostProcessorBlock,
  ProvisionerBlock,
  SourceBlock,
  Template,
  Variable,
} from '../model.js';
import { packerCoreVersion } from '../packer-block.js';
import type { GoTemplateContext } from './go-template.js';
import type { Located, ObjectNode } from './json-nodes.js';
import { LegacyBody, LegacyExpression } from './legacy-body.js';
import {
  builderMetaKeys,
  postProcessorMetaKeys,
  provisionerMetaKeys,
  type RawProvisioner,
  type RawTemplate,
  readLegacyTemplate,
} from './read.js';
import { validateLegacyTemplate } from './validate.js';
import { type GivenValue, resolveLegacyVariables } from './variables.js';

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
  const packerVersion = opts.packerVersion ?? packerCoreVersion;
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

  const parsed = parseJson(text, path);
  const diags: Diagnostic[] = parsed.diags.filter((d) => d.summary !== 'Root value must be object');
  if (hasErrors(diags)) return { value: empty(), diags };
  const { raw, diags: readDiags } = readLegacyTemplate((parsed.body as JsonBody).node);
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

/** -var-file then -var values; a later file overrides an earlier one, and -var overrides files. */
function givenValues(
  opts: LegacyLoadOptions,
  files: Map<string, SourceFile>,
  diags: Diagnostic[],
): Map<string, GivenValue> {
  const fromFiles = new Map<string, GivenValue>();
  const fromCli = new Map<string, GivenValue>();
  const setCli = (text: string) => {
    const eq = text.indexOf('=');
    if (eq < 0) {
      diags.push(errorDiag(`No '=' value in arg: ${text}`, 'A -var option is written -var name=value.'));
      return;
    }
    fromCli.set(text.slice(0, eq), { value: text.slice(eq + 1), source: 'cli' });
  };
  const varFiles = [...(opts.varFiles ?? [])];
  for (const arg of opts.varArgs ?? []) {
    if (arg.kind === 'var-file') varFiles.push(arg.path);
    else if ('text' in arg) setCli(arg.text);
    else fromCli.set(arg.name, { value: arg.value, source: 'cli' });
  }
  const vars = opts.vars ?? [];
  if (vars instanceof Map) for (const [name, value] of vars) fromCli.set(name, { value, source: 'cli' });
  else for (const text of vars as readonly string[]) setCli(text);

  for (const path of varFiles) readVarFile(path, opts.cwd, files, fromFiles, diags);
  return new Map([...fromFiles, ...fromCli]);
}

/** A legacy var file: a JSON object of strings (Packer decodes it into a map of strings). */
function readVarFile(
  path: string,
  cwd: string,
  files: Map<string, SourceFile>,
  into: Map<string, GivenValue>,
  diags: Diagnostic[],
): void {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    diags.push(errorDiag(`open ${path}: no such file or directory`, (e as Error).message));
    return;
  }
  files.set(path, { text });
  const parsed = parseJson(text, path);
  const node = (parsed.body as JsonBody).node;
  diags.push(...parsed.diags);
  if (hasErrors(parsed.diags)) return;
  if (node.kind !== 'object') {
    diags.push(
      errorDiag(
        `Error reading variables in '${path}': json: cannot unmarshal array into Go value of type map[string]string`,
        undefined,
        node.range,
      ),
    );
    return;
  }
  for (const p of node.properties) {
    if (p.value.kind !== 'string') {
      diags.push(
        errorDiag(
          `Error reading variables in '${path}': json: cannot unmarshal ${p.value.kind} into Go value of type string`,
          'Values in a variables file for a legacy JSON template are strings.',
          p.value.range,
        ),
      );
      continue;
    }
    into.set(p.name, { value: p.value.value, source: 'varfile', range: p.value.range });
  }
}

function buildTemplate(
  path: string,
  files: Map<string, SourceFile>,
  raw: RawTemplate,
  ctx: GoTemplateContext,
  variables: Map<string, Variable>,
): Template {
  // Builder names may use templates ("{{user `x`}}-vm"); only/except and overrides use the raw names.
  const renderedName = new Map<string, { ref: string; name: string }>();
  const sources = new Map<string, SourceBlock>();
  const buildSources: BuildSource[] = [];
  for (const b of raw.builders) {
    const name = new LegacyExpression({ kind: 'string', value: b.name, range: b.declRange }, ctx).value()
      .value;
    const text = name.state === 'known' ? (name.v as string) : b.name;
    renderedName.set(b.name, { ref: `${b.type}.${text}`, name: text });
    sources.set(`${b.type}.${text}`, {
      type: b.type,
      name: text,
      body: LegacyBody.of(b.node, builderMetaKeys, ctx),
      declRange: b.declRange,
    });
    buildSources.push({ type: b.type, sourceName: text, name: text, range: b.declRange });
  }
  const refs = (names: readonly Located<string>[]) =>
    names.map((n) => renderedName.get(n.value)?.ref ?? n.value);

  const provisioner = (p: RawProvisioner): ProvisionerBlock => ({
    type: p.type,
    only: refs(p.only),
    except: refs(p.except),
    pauseBefore: p.pauseBefore,
    maxRetries: p.maxRetries,
    timeout: p.timeout,
    override: p.override ? overrideValue(p.override.node, ctx, renderedName) : undefined,
    body: LegacyBody.of(p.node, provisionerMetaKeys, ctx),
    declRange: p.declRange,
  });
  const chains = raw.postProcessors.map((chain) =>
    chain.map(
      (pp): PostProcessorBlock => ({
        type: pp.type,
        name: pp.name,
        only: refs(pp.only),
        except: refs(pp.except),
        keepInputArtifact: pp.keepInputArtifact,
        body: LegacyBody.of(pp.node, postProcessorMetaKeys, ctx),
        declRange: pp.declRange,
      }),
    ),
  );
  const build: Build = {
    description: raw.description,
    sources: buildSources,
    provisioners: raw.provisioners.map(provisioner),
    errorCleanupProvisioner: raw.cleanupProvisioner ? provisioner(raw.cleanupProvisioner) : undefined,
    postProcessorChains: chains,
    declRange: raw.buildersRange ?? raw.root.openRange,
  };
  const varValues = new Map<string, Value>();
  for (const [name, v] of variables) varValues.set(name, v.value);
  return {
    path,
    rootDir: dirname(path),
    files,
    packer: {
      requiredVersion: raw.minVersion
        ? { constraint: `>= ${raw.minVersion.value}`, range: raw.minVersion.range }
        : undefined,
      requiredPlugins: [],
    },
    variables,
    locals: new Map(),
    datasources: new Map(),
    sources,
    builds: [build],
    evalContext: rootContext({ var: objectVal(varValues) }),
    legacyJson: true,
  };
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

/** `override` keyed by builder names as written; the model keys it by the (rendered) source name. */
function overrideValue(
  node: ObjectNode,
  ctx: GoTemplateContext,
  renderedName: ReadonlyMap<string, { name: string }>,
): Value {
  const attrs = new Map<string, Value>();
  for (const p of node.properties) {
    attrs.set(renderedName.get(p.name)?.name ?? p.name, new LegacyExpression(p.value, ctx).value().value);
  }
  return objectVal(attrs);
}
