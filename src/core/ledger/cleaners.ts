/**
 * The cleaners `imgbuild cleanup` can use, by kind: the core's local ones, then those the registered
 * plugins declare (BuilderDefinition.cleaners…). A later plugin's cleaner of a kind replaces an earlier one.
 */
import type { ResourceCleaner } from '../../sdk/ledger.js';
import type { PluginDefinition } from '../../sdk/plugin.js';
import { localCleaners } from './local-cleaners.js';

export type CleanerRegistry = ReadonlyMap<string, ResourceCleaner>;

export function cleanerRegistry(plugins: readonly PluginDefinition<unknown>[] = []): CleanerRegistry {
  const byKind = new Map<string, ResourceCleaner>();
  for (const c of localCleaners) byKind.set(c.kind, c);
  for (const p of plugins) for (const c of p.cleaners ?? []) byKind.set(c.kind, c);
  return byKind;
}
