/**
 * The -only and -except options of build/validate: glob patterns over build names
 * (`BUILDNAME.TYPE.NAME`, or `TYPE.NAME` for an unnamed build). -except also matches post-processor
 * names (their `name`, else their type); a matching post-processor and the rest of its chain are
 * skipped, as Packer does.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { compileGlob, type Glob } from './glob.js';

export interface BuildFilter {
  readonly only: readonly Glob[];
  readonly except: readonly Glob[];
}

export function compileBuildFilter(
  only: readonly string[] = [],
  except: readonly string[] = [],
): { filter: BuildFilter; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const compile = (patterns: readonly string[], option: string): Glob[] =>
    patterns.flatMap((pattern) => {
      const r = compileGlob(pattern);
      if (r.ok) return [r.glob];
      diags.push(errorDiag(`Invalid -${option} pattern ${pattern}: ${r.error}`, undefined));
      return [];
    });
  return { filter: { only: compile(only, 'only'), except: compile(except, 'except') }, diags };
}

/** Whether a build survives -only (when given, some pattern must match) and -except (none may). */
export function keepBuild(filter: BuildFilter, buildName: string): boolean {
  if (filter.only.length > 0 && !filter.only.some((g) => g.match(buildName))) return false;
  return !filter.except.some((g) => g.match(buildName));
}

/** Whether -except names this post-processor (by its name, else its type). */
export function exceptPostProcessor(filter: BuildFilter, pp: { type: string; name?: string }): boolean {
  const name = pp.name || pp.type;
  return filter.except.some((g) => g.match(name));
}

/** A source-level `only`/`except` list (exact `TYPE.NAME` names) says to skip this source. */
export function skipForSource(
  block: { readonly only: readonly string[]; readonly except: readonly string[] },
  sourceName: string,
): boolean {
  if (block.only.length > 0) return !block.only.includes(sourceName);
  return block.except.includes(sourceName);
}
