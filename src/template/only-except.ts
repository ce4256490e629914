/**
 * The -only and -except options of build/validate: glob patterns over build names
 * (`BUILDNAME.TYPE.NAME`, or `TYPE.NAME` for an unnamed build). -except also matches post-processor
 * names (their `name`, else their type); a matching post-processor and the rest of its chain are
 * skipped, as Packer does.
 */
import { type Diagnostic, errorDiag, warningDiag } from '../hcl/diagnostics.js';
import { compileGlob, type Glob } from './glob.js';

export interface BuildFilter {
  readonly only: readonly Glob[];
  readonly except: readonly Glob[];
  /** Patterns that selected or excluded something, for Packer's "Unused --only filters" warnings. */
  readonly used: Set<Glob>;
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
  return {
    filter: { only: compile(only, 'only'), except: compile(except, 'except'), used: new Set() },
    diags,
  };
}

/** Whether a build survives -only (when given, some pattern must match) and -except (none may). */
export function keepBuild(filter: BuildFilter, buildName: string): boolean {
  if (filter.only.length > 0) {
    const by = filter.only.find((g) => g.match(buildName));
    if (!by) return false;
    filter.used.add(by);
  }
  return !firstMatch(filter, filter.except, buildName);
}

/** Whether -except names this post-processor (by its name, else its type). */
export function exceptPostProcessor(filter: BuildFilter, pp: { type: string; name?: string }): boolean {
  return firstMatch(filter, filter.except, pp.name || pp.type);
}

/** As Packer, only the first matching pattern counts as used. */
function firstMatch(filter: BuildFilter, globs: readonly Glob[], name: string): boolean {
  const by = globs.find((g) => g.match(name));
  if (by) filter.used.add(by);
  return by !== undefined;
}

/** Packer's warnings for -only/-except patterns that matched nothing (`buildNames`: the builds kept). */
export function unusedFilterWarnings(filter: BuildFilter, buildNames: readonly string[]): Diagnostic[] {
  const unused = (globs: readonly Glob[]) =>
    globs
      .filter((g) => !filter.used.has(g))
      .map((g) => g.pattern)
      .sort();
  const list = (items: readonly string[]) => `[${items.join(' ')}]`;
  const diags: Diagnostic[] = [];
  const only = unused(filter.only);
  if (only.length > 0) {
    diags.push(
      warningDiag(
        'Unused --only filters specified',
        `Some --only options were specified in the command-line, but weren't used to get builds from the template: ${list(only)}\nList of available builds: ${list(buildNames)}`,
      ),
    );
  }
  const except = unused(filter.except);
  if (except.length > 0) {
    diags.push(
      warningDiag(
        'Unused --except filters specified',
        `Some --except options were specified in the command-line, but weren't used to filter out builds or post-processors from the template: ${list(except)}\nList of available builds: ${list(buildNames)}`,
      ),
    );
  }
  return diags;
}

/** A source-level `only`/`except` list (exact `TYPE.NAME` names) says to skip this source. */
export function skipForSource(
  block: { readonly only: readonly string[]; readonly except: readonly string[] },
  sourceName: string,
): boolean {
  if (block.only.length > 0) return !block.only.includes(sourceName);
  return block.except.includes(sourceName);
}
