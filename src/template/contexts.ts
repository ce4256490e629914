/**
 * The evaluation contexts of a template, per kind of block (see "Where functions are available"):
 * - variable defaults: only env(), no variables;
 * - var files and -var values: no context at all (see var-values.ts);
 * - locals and data sources: the full function table with var, local, data, path, packer, and
 *   placeholder source/build values (unknown until a build is planned);
 * - source and build bodies: the same without source/build, which T2's planner adds per build.
 */
import { childContext, rootContext } from '../hcl/eval-context.js';
import type { ContextualServices } from '../hcl/functions/contextual.js';
import { variableDefaultFunctions } from '../hcl/functions/registry.js';
import type { EvalContext, HclFunction } from '../hcl/hcl.js';
import { StringType } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import { DynamicVal, objectVal, stringVal, unknownVal } from '../hcl/values.js';

export interface TemplateScope {
  /** `var`: every variable's final value (sensitive ones marked). */
  readonly vars: ReadonlyMap<string, Value>;
  /** `local`: the locals evaluated so far. */
  readonly locals: ReadonlyMap<string, Value>;
  /** `data`: TYPE -> NAME -> value, for the data sources evaluated so far. */
  readonly data: ReadonlyMap<string, ReadonlyMap<string, Value>>;
  /** `path.cwd` and `path.root`, as Packer gives them (backslashes turned into slashes). */
  readonly path: { readonly cwd: string; readonly root: string };
  readonly packerVersion: string;
  readonly functions: ReadonlyMap<string, HclFunction>;
}

export function variableDefaultContext(env: NodeJS.ProcessEnv): EvalContext {
  const services: ContextualServices = { env };
  return rootContext(undefined, variableDefaultFunctions(services));
}

function dataObject(data: TemplateScope['data']): Value {
  const byType = new Map<string, Value>();
  for (const [type, byName] of data) byType.set(type, objectVal(byName));
  return objectVal(byType);
}

/** var, local, data, path and packer, with Packer's function table: the context of source/build bodies. */
export function templateContext(scope: TemplateScope): EvalContext {
  return rootContext(
    {
      var: objectVal(scope.vars),
      local: objectVal(scope.locals),
      data: dataObject(scope.data),
      path: objectVal({
        cwd: stringVal(scope.path.cwd.replaceAll('\\', '/')),
        root: stringVal(scope.path.root.replaceAll('\\', '/')),
      }),
      packer: objectVal({
        version: stringVal(scope.packerVersion),
        iterationID: unknownVal(StringType),
        versionFingerprint: unknownVal(StringType),
      }),
    },
    scope.functions,
  );
}

/** The context of locals and data sources: the template context plus placeholder source/build. */
export function localContext(scope: TemplateScope): EvalContext {
  return childContext(templateContext(scope), {
    source: objectVal({ type: unknownVal(StringType), name: unknownVal(StringType) }),
    build: DynamicVal,
  });
}
