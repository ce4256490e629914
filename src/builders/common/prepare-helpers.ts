/**
 * Shared pieces of prepare(): Go duration checks and "is this option given" tests that treat a value
 * unknown until build time as given (so validation never rejects what only the build can know).
 */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { parseGoDuration } from '../../hcl/functions/gotime.js';
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

/** A known string value, or undefined (unset or unknown). */
export function knownString(config: Config, ctx: PrepareContext, name: string): string | undefined {
  if (!ctx.isKnown(name)) return undefined;
  const v = config[name];
  return typeof v === 'string' ? v : undefined;
}

export function knownNumber(config: Config, ctx: PrepareContext, name: string): number | undefined {
  if (!ctx.isKnown(name)) return undefined;
  const v = config[name];
  return typeof v === 'number' ? v : undefined;
}

/** Each named option that is set must be a Go duration, as mapstructure's decoding requires. */
export function checkDurations(config: Config, ctx: PrepareContext, names: readonly string[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const name of names) {
    const v = knownString(config, ctx, name);
    if (v === undefined || v === '') continue;
    try {
      parseGoDuration(v);
    } catch (e) {
      diags.push(
        ctx.error(
          name,
          `error decoding '${name}': ${(e as Error).message}`,
          'A duration is a number with a unit, such as "300ms", "1.5h" or "2h45m".',
        ),
      );
    }
  }
  return diags;
}

/** Properties whose schema marks them as Go durations. */
export function durationNames(properties: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(properties)
    .filter(([, p]) => p['x-format'] === 'duration')
    .map(([n]) => n);
}
