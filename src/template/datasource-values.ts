/**
 * Which implementation gives a data source its value: the plugin registry's definition when a
 * registry is given and has the type (and can execute it, when the loader has its own), else the
 * loader's own `null`/`http`. Without either the value
 * is unknown; with a registry, an unknown type is reported here (Packer's "Unknown data type").
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { nameSuggestion } from '../hcl/did-you-mean.js';
import type { EvalContext } from '../hcl/hcl.js';
import type { Value } from '../hcl/value.js';
import { DynamicVal } from '../hcl/values.js';
import type { DatasourceDefinition } from '../sdk/plugin.js';
import { evaluateDatasource, isBuiltinDatasource } from './datasources.js';
import type { DatasourceBlock } from './model.js';
import { evaluatePluginDatasource, isPluginLookup } from './registry-datasource.js';

/**
 * Packer's "Unknown data type", worded as the other unknown plugin types are: the type quoted, and the
 * detail naming what imgbuild implements (and a close match).
 */
function unknownDatasourceType(ds: DatasourceBlock, known: readonly string[]): Diagnostic {
  const suggestion = nameSuggestion(ds.type, known);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  const list = known.length > 0 ? known.join(', ') : 'none';
  return errorDiag(
    `Unknown data source type "${ds.type}"`,
    `imgbuild does not implement the data source "${ds.type}".${hint} Known data sources: ${list}.`,
    ds.typeRange ?? ds.declRange,
  );
}

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
    return { value: DynamicVal, diags: [unknownDatasourceType(ds, known)] };
  };
}
