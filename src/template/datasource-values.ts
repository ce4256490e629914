/**
 * Which implementation gives a data source its value: the plugin registry's definition when a
 * registry is given and has the type (and can execute it, when the loader has its own), else the
 * loader's own `null`/`http`. Without either the value
 * is unknown; with a registry, an unknown type is reported here (as Packer's "Unknown data type").
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { EvalContext } from '../hcl/hcl.js';
import type { Value } from '../hcl/value.js';
import { DynamicVal } from '../hcl/values.js';
import type { DatasourceDefinition } from '../sdk/plugin.js';
import { evaluateDatasource, isBuiltinDatasource } from './datasources.js';
import type { DatasourceBlock } from './model.js';
import { evaluatePluginDatasource, isPluginLookup } from './registry-datasource.js';

export function datasourceEvaluator(
  registry: unknown,
  execute: boolean,
): (ds: DatasourceBlock, ctx: EvalContext) => Promise<{ value: Value; diags: Diagnostic[] }> {
  const lookup = isPluginLookup(registry) ? registry : undefined;
  return async (ds, ctx) => {
    const def = lookup?.get('datasource', ds.type) as DatasourceDefinition<unknown> | undefined;
    // A registered definition that cannot execute gives way to the loader's own implementation.
    if (def && (def.execute || !isBuiltinDatasource(ds.type)))
      return evaluatePluginDatasource(def, ds, ctx, execute);
    if (isBuiltinDatasource(ds.type)) return evaluateDatasource(ds, ctx, execute);
    if (!lookup) return { value: DynamicVal, diags: [] };
    const known = (registry as { types?: (k: 'datasource') => string[] }).types?.('datasource') ?? [];
    return {
      value: DynamicVal,
      diags: [
        errorDiag(
          `Unknown data type ${ds.type}`,
          `known data sources: [${known.join(' ')}]`,
          ds.typeRange ?? ds.declRange,
        ),
      ],
    };
  };
}
