/**
 * `provisioner "TYPE" { … }` and `error-cleanup-provisioner "TYPE" { … }` inside a build: the
 * meta-arguments every provisioner accepts are split off here; the rest of the body is decoded later
 * against the provisioner's own schema.
 */
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { BodySchema, EvalContext, HclAttribute, HclBlock } from '../hcl/hcl.js';
import { type Range, rangeBetween } from '../hcl/pos.js';
import type { Value } from '../hcl/value.js';
import { asString, entries, isKnown, isNull, unmarkDeep } from '../hcl/values.js';
import {
  decodeDuration,
  decodeInt,
  decodeOnlyExcept,
  decodeString,
  type SourceNameEntry,
} from './meta-args.js';
import type { ProvisionerBlock } from './model.js';
import { valueExpression } from './override-body.js';

const PROVISIONER_META_SCHEMA: BodySchema = {
  attributes: [
    { name: 'name' },
    { name: 'pause_before' },
    { name: 'max_retries' },
    { name: 'timeout' },
    { name: 'only' },
    { name: 'except' },
    { name: 'override' },
  ],
};

export function decodeProvisioner(
  block: HclBlock,
  ctx: EvalContext,
): { provisioner?: ProvisionerBlock; sourceNames?: SourceNameEntry[]; diags: Diagnostic[] } {
  const { content, remain, diags } = block.body.partialContent(PROVISIONER_META_SCHEMA);
  const attrs = content.attributes;
  const take = <T>(r: { value?: T; diags: Diagnostic[] }): T | undefined => {
    diags.push(...r.diags);
    return r.value;
  };
  const get = (n: string): HclAttribute | undefined => attrs.get(n);
  const name = get('name') && take(decodeString(get('name')!, ctx));
  const pauseBefore = get('pause_before') && take(decodeDuration(get('pause_before')!, ctx));
  const maxRetries = get('max_retries') && take(decodeInt(get('max_retries')!, ctx));
  const timeout = get('timeout') && take(decodeDuration(get('timeout')!, ctx));
  const onlyExcept = take(decodeOnlyExcept(get('only'), get('except'), ctx));
  const override = get('override') && take(decodeOverride(get('override')!, ctx));
  if (hasErrors(diags)) return { diags };
  return {
    provisioner: {
      type: block.labels[0] ?? '',
      name,
      only: onlyExcept?.only ?? [],
      except: onlyExcept?.except ?? [],
      pauseBefore,
      maxRetries,
      timeout,
      override: override?.value,
      overrideAttributes: override?.attributes,
      body: remain,
      declRange: block.defRange,
      typeRange: block.labelRanges[0],
    },
    sourceNames: onlyExcept?.entries,
    diags,
  };
}

interface Override {
  readonly value: Value;
  readonly attributes: ReadonlyMap<string, ReadonlyMap<string, HclAttribute>>;
}

/**
 * `override = { SOURCE_NAME = { ARG = VALUE … } … }`. When written literally, each overriding value
 * keeps its own expression, evaluated later with the build's context (so `source.name` works there).
 */
function decodeOverride(attr: HclAttribute, ctx: EvalContext): { value?: Override; diags: Diagnostic[] } {
  const { value, diags } = attr.expr.value(ctx);
  if (hasErrors(diags)) return { diags };
  const [plain] = unmarkDeep(value);
  if (isNull(plain) || !isKnown(plain)) return { diags };
  if (plain.type.kind !== 'object' && plain.type.kind !== 'map') {
    diags.push(
      errorDiag("provisioner's override block must be an HCL object", undefined, attr.expr.range, attr.range),
    );
    return { diags };
  }
  const literal = literalOverrides(attr, ctx);
  const attributes = new Map<string, ReadonlyMap<string, HclAttribute>>();
  for (const [sourceName, options] of entries(plain)) {
    if (options.type.kind !== 'object' && options.type.kind !== 'map') {
      diags.push(
        errorDiag(
          `provisioner's override.'${sourceName}' block must be an HCL object`,
          undefined,
          literal?.get(sourceName)?.range ?? attr.expr.range,
          attr.range,
        ),
      );
      continue;
    }
    const written = literal?.get(sourceName)?.attributes;
    const perSource = new Map<string, HclAttribute>();
    if (isKnown(options) && !isNull(options)) {
      for (const [option, optionValue] of entries(options)) {
        perSource.set(
          option,
          written?.get(option) ?? {
            name: option,
            expr: valueExpression(optionValue, attr.expr.range),
            range: attr.range,
            nameRange: attr.nameRange,
          },
        );
      }
    }
    attributes.set(sourceName, perSource);
  }
  if (hasErrors(diags)) return { diags };
  return { value: { value, attributes }, diags };
}

/** The literal `{ name = { arg = expr } }` items of an override, by source name then argument. */
function literalOverrides(
  attr: HclAttribute,
  ctx: EvalContext,
): Map<string, { range: Range; attributes: Map<string, HclAttribute> }> | undefined {
  const outer = attr.expr.staticMap();
  if (!outer) return undefined;
  const out = new Map<string, { range: Range; attributes: Map<string, HclAttribute> }>();
  for (const item of outer) {
    const key = staticKey(item.key, ctx);
    if (key === undefined) continue;
    const attributes = new Map<string, HclAttribute>();
    for (const inner of item.value.staticMap() ?? []) {
      const option = staticKey(inner.key, ctx);
      if (option === undefined) continue;
      attributes.set(option, {
        name: option,
        expr: inner.value,
        range: rangeBetween(inner.key.range, inner.value.range),
        nameRange: inner.key.range,
      });
    }
    out.set(key, { range: item.value.range, attributes });
  }
  return out;
}

function staticKey(expr: HclAttribute['expr'], ctx: EvalContext): string | undefined {
  const { value, diags } = expr.value(ctx);
  if (hasErrors(diags) || value.type.kind !== 'string' || !isKnown(value) || isNull(value)) {
    return expr.staticKeyword();
  }
  return asString(value);
}
