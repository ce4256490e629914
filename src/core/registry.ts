/**
 * The plugin registry: which builder, provisioner, post-processor and data source types a template
 * may use. Built-ins are registered exactly as a library user's plugins are.
 */
import type { PluginDefinition, PluginKind } from '../sdk/plugin.js';
import { registerBuiltins } from './builtins.js';

export interface Registry {
  /** Adds (or replaces) the plugin of this kind and type; returns the registry for chaining. */
  register<C>(plugin: PluginDefinition<C>): Registry;
  get(kind: PluginKind, type: string): PluginDefinition<unknown> | undefined;
  /** The registered type names of a kind, sorted. */
  types(kind: PluginKind): string[];
  /** Every registered plugin, by kind then type. */
  all(): PluginDefinition<unknown>[];
}

const KINDS: readonly PluginKind[] = ['builder', 'provisioner', 'post-processor', 'datasource'];

export function createRegistry(): Registry {
  const byKind = new Map<PluginKind, Map<string, PluginDefinition<unknown>>>(
    KINDS.map((k) => [k, new Map()]),
  );
  const registry: Registry = {
    register(plugin) {
      if (!KINDS.includes(plugin.kind)) throw new Error(`unknown plugin kind ${JSON.stringify(plugin.kind)}`);
      if (!plugin.type) throw new Error(`a ${plugin.kind} needs a type name`);
      byKind.get(plugin.kind)!.set(plugin.type, plugin as unknown as PluginDefinition<unknown>);
      return registry;
    },
    get: (kind, type) => byKind.get(kind)?.get(type),
    types: (kind) => [...(byKind.get(kind)?.keys() ?? [])].sort(),
    all: () =>
      KINDS.flatMap((k) =>
        [...byKind.get(k)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p),
      ),
  };
  return registry;
}

/** A registry holding every built-in plugin. */
export function builtinRegistry(): Registry {
  return registerBuiltins(createRegistry());
}
