/**
 * Data sources defined as plugins (the registry's `datasource` kind, built-in or a library user's):
 * the body is decoded and prepared like any plugin configuration, then `execute` gives the output.
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { EvalContext } from '../hcl/hcl.js';
import { DynamicType, objectOf, type Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import { unknownVal, valueFromJs } from '../hcl/values.js';
import type { DatasourceDefinition, PluginDefinition, PluginKind } from '../sdk/plugin.js';
import { decodePluginConfig } from './decode-config.js';
import type { DatasourceBlock } from './model.js';
import { hclType } from './schema-hcl.js';

/** What the loader needs of a plugin registry (src/core/registry.ts). */
export interface PluginLookup {
  get(kind: PluginKind, type: string): PluginDefinition<unknown> | undefined;
}

export function isPluginLookup(x: unknown): x is PluginLookup {
  return typeof x === 'object' && x !== null && typeof (x as PluginLookup).get === 'function';
}

function outputType(def: DatasourceDefinition<unknown>): Type {
  const props = def.outputSchema?.properties;
  if (!props) return DynamicType;
  const attrs: Record<string, Type> = {};
  for (const [name, schema] of Object.entries(props)) attrs[name] = hclType(schema);
  return objectOf(attrs);
}

export async function evaluatePluginDatasource(
  def: DatasourceDefinition<unknown>,
  ds: DatasourceBlock,
  ctx: EvalContext,
  execute: boolean,
): Promise<{ value: Value; diags: Diagnostic[] }> {
  const type = outputType(def);
  const unknown = unknownVal(type);
  const decoded = decodePluginConfig(def, [ds.body], ctx, { declRange: ds.declRange });
  const diags = [...decoded.diags];
  if (!execute || !def.execute || hasErrors(diags) || decoded.unknown.size > 0)
    return { value: unknown, diags };
  try {
    const output = valueFromJs(await def.execute(decoded.config, AbortSignal.timeout(10 * 60_000)));
    const conv = convert(output, type);
    return { value: conv.ok ? conv.value : output, diags };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    diags.push(errorDiag(message, `data.${ds.type}.${ds.name} failed.`, ds.declRange));
    return { value: unknown, diags };
  }
}
