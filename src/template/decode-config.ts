/**
 * Decoding a plugin's configuration bodies against its schema, as Packer's HCL2 spec decoding does,
 * with every diagnostic at the attribute concerned:
 *  1. each body is decoded against the body schema derived from the JSON Schema ("Unsupported
 *     argument … Did you mean"); the first body is the top-level source, later ones build-level fills,
 *     which may only set what earlier bodies left unset (HCL's merged-body "Duplicate argument");
 *  2. each argument is evaluated and converted with cty's rules to its type; values unknown until
 *     build time are kept out of the data (and out of every type check);
 *  3. the data is checked (and defaults filled) with the JSON Schema, and `x-format: duration`
 *     strings with Go's duration syntax;
 *  4. the plugin's prepare() runs when everything before succeeded, as Packer only prepares a
 *     builder whose configuration decoded.
 */
import { convert } from '../hcl/convert.js';
import { parseGoDuration } from '../hcl/functions/gotime.js';
import { type Diagnostic, errorDiag, hasErrors, warningDiag } from '../hcl/diagnostics.js';
import type { EvalContext, HclAttribute, HclBlock, HclBody } from '../hcl/hcl.js';
import { formatRange, type Range } from '../hcl/pos.js';
import { SensitiveMark } from '../hcl/value.js';
import { hasMarkDeep, isNull, isWhollyKnown, unmarkDeep, valueToJs } from '../hcl/values.js';
import type { PluginDefinition, PrepareContext } from '../sdk/plugin.js';
import type { ObjectSchema } from '../sdk/schema.js';
import { RangeTable } from './config-ranges.js';
import { elementRange, pathInMessage, pathSteps } from './conversion-path.js';
import { type BlockProperty, hclType, schemaLayout } from './schema-hcl.js';
import { validateConfig } from './schema-validate.js';
import { collectSecrets, maskSecrets } from './sensitive-mask.js';
import { weaklyTyped } from './weak-decode.js';

export { SENSITIVE_TEXT } from './sensitive-mask.js';

export interface DecodeConfigOptions {
  /** The block's header (`source "qemu" "x"`): where block-level problems point. */
  readonly declRange?: Range;
  /** Decode as Packer decodes legacy JSON templates: weakly typed (see weak-decode.ts). */
  readonly weaklyTyped?: boolean;
}

export interface DecodedConfig<C> {
  readonly config: C;
  readonly ranges: RangeTable;
  readonly diags: Diagnostic[];
  /** Dotted paths of arguments whose values are unknown until build time (absent from `config`). */
  readonly unknown: ReadonlySet<string>;
  /** Dotted paths of arguments whose values are marked sensitive. */
  readonly sensitive: ReadonlySet<string>;
}

interface DecodeState {
  readonly ctx: EvalContext;
  readonly weaklyTyped: boolean;
  readonly ranges: RangeTable;
  readonly diags: Diagnostic[];
  readonly unknown: Set<string>;
  readonly sensitive: Set<string>;
  /** Paths of objects whose required arguments were checked during decoding. */
  readonly structural: Set<string>;
  /** Sensitive string values, to mask in prepare() messages. */
  readonly secrets: Set<string>;
}

export function decodePluginConfig<C>(
  def: PluginDefinition<C>,
  bodies: readonly HclBody[],
  ctx: EvalContext,
  opts: DecodeConfigOptions = {},
): DecodedConfig<C> {
  const block = opts.declRange ?? bodies[0]?.missingItemRange() ?? emptyRange();
  const state: DecodeState = {
    ctx,
    weaklyTyped: opts.weaklyTyped === true,
    ranges: new RangeTable(block),
    diags: [],
    unknown: new Set(),
    sensitive: new Set(),
    structural: new Set(),
    secrets: new Set(),
  };
  const data = decodeObject(def.schema, bodies, '', bodies[0]?.missingItemRange() ?? block, state);
  state.diags.push(...validateConfig(def.schema, data, state.ranges, state.structural));
  removeUnknown(data, state.unknown);
  let config = data as C;
  if (!hasErrors(state.diags) && def.prepare) {
    const prepared = runPrepare(def, config, state);
    config = prepared.config;
    state.diags.push(...prepared.diagnostics);
  }
  return {
    config,
    ranges: state.ranges,
    diags: state.diags.map((d) => maskSecrets(d, state.secrets)),
    unknown: state.unknown,
    sensitive: state.sensitive,
  };
}

function decodeObject(
  schema: ObjectSchema,
  bodies: readonly HclBody[],
  prefix: string,
  missingRange: Range,
  state: DecodeState,
): Record<string, unknown> {
  const layout = schemaLayout(schema);
  const attrs = new Map<string, HclAttribute>();
  const blocks: HclBlock[] = [];
  for (const body of bodies) {
    const { content, diags } = body.content(layout.bodySchema);
    state.diags.push(...diags);
    for (const [name, attr] of content.attributes) {
      const earlier = attrs.get(name);
      if (earlier) {
        state.diags.push(
          errorDiag(
            'Duplicate argument',
            `Argument "${name}" was already set at ${formatRange(earlier.nameRange)}`,
            attr.nameRange,
          ),
        );
        continue;
      }
      attrs.set(name, attr);
    }
    blocks.push(...content.blocks);
  }
  state.structural.add(prefix.replace(/\.$/, ''));

  const out: Record<string, unknown> = {};
  for (const [name, attr] of attrs) {
    const value = decodeAttribute(name, attr, layout.attributes.get(name) ?? {}, prefix, state);
    if (value !== undefined) out[name] = value;
  }
  for (const name of layout.required) {
    if (layout.blocks.has(name) || attrs.has(name)) continue;
    state.diags.push(
      errorDiag(
        'Missing required argument',
        `The argument "${name}" is required, but no definition was found.`,
        missingRange,
      ),
    );
  }
  for (const prop of layout.blocks.values()) {
    const found = blocks.filter((b) => b.type === prop.name);
    const decoded = decodeBlocks(prop, found, prefix, state);
    if (decoded !== undefined) out[prop.name] = decoded;
    else if (layout.required.has(prop.name)) {
      state.diags.push(
        errorDiag(
          `Missing ${prop.name} block`,
          `A block of type "${prop.name}" is required here.`,
          missingRange,
        ),
      );
    }
  }
  return out;
}

function decodeAttribute(
  name: string,
  attr: HclAttribute,
  prop: ObjectSchema | Record<string, unknown>,
  prefix: string,
  state: DecodeState,
): unknown {
  const path = prefix + name;
  state.ranges.set(path, {
    attribute: attr.range,
    value: attr.expr.range,
    nameRange: attr.nameRange,
    expr: attr.expr,
  });
  const deprecated = prop['x-deprecated'];
  if (typeof deprecated === 'string') {
    state.diags.push(warningDiag('Deprecated argument', deprecated, attr.nameRange, attr.range));
  }
  const { value, diags } = attr.expr.value(state.ctx);
  state.diags.push(...diags);
  if (hasErrors(diags)) return undefined;
  const [plain] = unmarkDeep(value);
  const sensitive = hasMarkDeep(value, SensitiveMark) || prop['x-sensitive'] === true;
  if (sensitive) state.sensitive.add(path);
  const type = hclType(prop);
  const converted = convert(state.weaklyTyped ? weaklyTyped(plain, type) : plain, type);
  if (!converted.ok) {
    state.diags.push(
      errorDiag(
        'Incorrect attribute value type',
        `Inappropriate value for attribute "${name}": ${converted.message}.`,
        elementRange(
          { value: attr.expr.range, expr: attr.expr },
          converted.path.length > 0 ? pathSteps(converted.path) : pathInMessage(converted.message),
        ),
        attr.range,
      ),
    );
    return undefined;
  }
  if (!isWhollyKnown(converted.value)) {
    state.unknown.add(path);
    return undefined;
  }
  if (isNull(converted.value)) return undefined;
  const js = valueToJs(converted.value);
  if (sensitive) collectSecrets(js, state.secrets);
  if (prop['x-format'] === 'duration' && !validDuration(js)) {
    state.diags.push(
      errorDiag(
        `error decoding '${name}': ${durationError(js as string)}`,
        'A duration is a number with a unit, such as "300ms", "1.5h" or "2h45m".',
        attr.expr.range,
        attr.range,
      ),
    );
    return undefined;
  }
  return js;
}

function decodeBlocks(
  prop: BlockProperty,
  found: readonly HclBlock[],
  prefix: string,
  state: DecodeState,
): unknown {
  if (found.length === 0) return undefined;
  if (!prop.repeated) {
    for (const extra of found.slice(1)) {
      state.diags.push(
        errorDiag(
          `Duplicate ${prop.name} block`,
          `Only one block of type "${prop.name}" is allowed. Previous definition was at ${formatRange(found[0]!.defRange)}.`,
          extra.defRange,
        ),
      );
    }
    return decodeBlock(prop, found[0]!, `${prefix}${prop.name}`, state);
  }
  return found.map((b, i) => decodeBlock(prop, b, `${prefix}${prop.name}.${i}`, state));
}

function decodeBlock(prop: BlockProperty, block: HclBlock, path: string, state: DecodeState): unknown {
  state.ranges.set(path, { attribute: block.defRange, value: block.defRange, nameRange: block.typeRange });
  const item = decodeObject(prop.item, [block.body], `${path}.`, block.body.missingItemRange(), state);
  prop.labels.forEach((label, i) => {
    const range = block.labelRanges[i] ?? block.defRange;
    state.ranges.set(`${path}.${label}`, { attribute: range, value: range, nameRange: range });
    if (block.labels[i] !== undefined) item[label] = block.labels[i];
  });
  return item;
}

function runPrepare<C>(
  def: PluginDefinition<C>,
  config: C,
  state: DecodeState,
): { config: C; diagnostics: Diagnostic[] } {
  const { ranges } = state;
  const at = (attribute: string | undefined) => ({
    subject: (attribute !== undefined && ranges.value(attribute)) || ranges.block,
    context: attribute !== undefined ? ranges.attribute(attribute) : undefined,
  });
  const ctx: PrepareContext = {
    ranges,
    isKnown: (name) => ![...state.unknown].some((u) => u === name || u.startsWith(`${name}.`)),
    isSet: (name) => ranges.attribute(name) !== undefined,
    error: (attribute, summary, detail) => {
      const { subject, context } = at(attribute);
      return errorDiag(summary, detail === '' ? undefined : detail, subject, context);
    },
    warning: (attribute, summary, detail) => {
      const { subject, context } = at(attribute);
      return warningDiag(summary, detail === '' ? undefined : detail, subject, context);
    },
  };
  try {
    return def.prepare!(config, ctx);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      config,
      diagnostics: [
        errorDiag(
          `Failed to prepare ${def.kind} "${def.type}"`,
          `The plugin failed while checking its configuration: ${message}`,
          ranges.block,
        ),
      ],
    };
  }
}

function removeUnknown(data: Record<string, unknown>, unknown: ReadonlySet<string>): void {
  for (const path of unknown) {
    const parts = path.split('.');
    let node: unknown = data;
    for (const p of parts.slice(0, -1)) {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
    }
    if (node && typeof node === 'object') delete (node as Record<string, unknown>)[parts[parts.length - 1]!];
  }
}

/** Go's time.ParseDuration accepts it; Go templates (`{{user `t`}}`) are rendered before Packer parses. */
function validDuration(js: unknown): boolean {
  if (typeof js !== 'string' || js === '' || js.includes('{{')) return true;
  return durationError(js) === undefined;
}

function durationError(text: string): string | undefined {
  try {
    parseGoDuration(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function emptyRange(): Range {
  const pos = { line: 1, column: 1, byte: 0 };
  return { filename: '<config>', start: pos, end: pos };
}
