/**
 * `-plugin=path[,path]`: plugin definitions from JavaScript modules, for `build` and `cleanup` (which
 * needs the cleaners a plugin declares to remove what its builds left).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from '../../sdk/plugin.js';
import type { CommandIo } from '../io.js';

/** A -plugin module's plugin definitions: its default export (one or a list) and its named exports. */
export async function loadPlugins(
  io: CommandIo,
  paths: readonly string[],
): Promise<PluginDefinition<unknown>[]> {
  const out: PluginDefinition<unknown>[] = [];
  for (const p of paths) {
    const mod = (await import(pathToFileURL(path.resolve(io.cwd, p)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod).flat()) {
      const v = value as Partial<PluginDefinition<unknown>> | undefined;
      if (
        v &&
        typeof v === 'object' &&
        typeof v.kind === 'string' &&
        typeof v.type === 'string' &&
        v.schema
      ) {
        if (!out.includes(v as PluginDefinition<unknown>)) out.push(v as PluginDefinition<unknown>);
      }
    }
  }
  return out;
}
