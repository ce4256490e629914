/**
 * Building and searching EvalContexts (HCL's hcl.EvalContext). A context without a `variables` map
 * (or `functions` map) is transparent for that kind of lookup: the search continues in its parent,
 * and "Variables not allowed" is reported only when no context in the chain has a map at all.
 */
import type { EvalContext, HclFunction } from './hcl.js';
import type { Value } from './value.js';

export type NameTable<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

function toMap<T>(table: NameTable<T> | undefined): ReadonlyMap<string, T> | undefined {
  if (table === undefined) return undefined;
  if (table instanceof Map) return table;
  return new Map(Object.entries(table as Record<string, T>));
}

/** A root context from plain tables of variables and functions. */
export function rootContext(variables?: NameTable<Value>, functions?: NameTable<HclFunction>): EvalContext {
  return childContext(undefined, variables, functions);
}

/** A child scope of `parent` (as ctx.NewChild()); omitted tables leave the parent's visible. */
export function childContext(
  parent: EvalContext | undefined,
  variables?: NameTable<Value>,
  functions?: NameTable<HclFunction>,
): EvalContext {
  const ctx: {
    variables?: ReadonlyMap<string, Value>;
    functions?: ReadonlyMap<string, HclFunction>;
    parent?: EvalContext;
  } = {};
  const vars = toMap(variables);
  const fns = toMap(functions);
  if (vars) ctx.variables = vars;
  if (fns) ctx.functions = fns;
  if (parent) ctx.parent = parent;
  return ctx;
}

export interface Lookup<T> {
  /** The value found in the nearest scope defining the name. */
  readonly found?: T;
  /** False when no context in the chain has a table of this kind at all. */
  readonly anyTable: boolean;
}

export function lookupVariable(ctx: EvalContext | undefined, name: string): Lookup<Value> {
  let anyTable = false;
  for (let c = ctx; c; c = c.parent) {
    if (!c.variables) continue;
    anyTable = true;
    const v = c.variables.get(name);
    if (v !== undefined) return { found: v, anyTable };
  }
  return { anyTable };
}

export function lookupFunction(ctx: EvalContext | undefined, name: string): Lookup<HclFunction> {
  let anyTable = false;
  for (let c = ctx; c; c = c.parent) {
    if (!c.functions) continue;
    anyTable = true;
    const f = c.functions.get(name);
    if (f !== undefined) return { found: f, anyTable };
  }
  return { anyTable };
}

/** Every variable name visible from ctx (for "Did you mean" suggestions). */
export function visibleVariableNames(ctx: EvalContext | undefined): string[] {
  const names: string[] = [];
  for (let c = ctx; c; c = c.parent) {
    if (c.variables) names.push(...c.variables.keys());
  }
  return names;
}
