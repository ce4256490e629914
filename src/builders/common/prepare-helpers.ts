/**
 * Shared pieces of prepare(): "is this option given" tests that treat a value unknown until build time
 * as given (so validation never rejects what only the build can know).
 */
import type { PrepareContext } from '../../sdk/plugin.js';

export type Config = Record<string, unknown>;

/** Set in the template (known or not), or given a value by a default. */
export function given(config: Config, ctx: PrepareContext, name: string): boolean {
  if (!ctx.isKnown(name)) return true;
  const v = config[name];
  if (v === undefined || v === null || v === '' || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/**
 * A known string value, or undefined (unset or unknown). A value holding a Go template (`{{timestamp}}`,
 * `{{user `x`}}`) counts as unknown: Packer renders those before it checks the value.
 */
export function knownString(config: Config, ctx: PrepareContext, name: string): string | undefined {
  if (!ctx.isKnown(name)) return undefined;
  const v = config[name];
  return typeof v === 'string' && !v.includes('{{') ? v : undefined;
}

export function knownNumber(config: Config, ctx: PrepareContext, name: string): number | undefined {
  if (!ctx.isKnown(name)) return undefined;
  const v = config[name];
  return typeof v === 'number' ? v : undefined;
}
