/** Diagnostics of build planning: unknown plugin types, duplicate build names, repeated diagnostics. */
import { type Diagnostic, errorDiag, warningDiag } from '../hcl/diagnostics.js';
import { nameSuggestion } from '../hcl/did-you-mean.js';
import { formatRange, type Range } from '../hcl/pos.js';
import type { PluginKind } from '../sdk/plugin.js';
import type { PlannedBuild } from './plan.js';

/** Packer's "Unknown provisioner type", naming what imgbuild implements (and a close match). */
export function unknownPluginType(
  kind: PluginKind,
  type: string,
  known: readonly string[],
  subject: Range,
): Diagnostic {
  const suggestion = nameSuggestion(type, known);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  const list = known.length > 0 ? known.join(', ') : 'none';
  return errorDiag(
    `Unknown ${kind} type "${type}"`,
    `imgbuild does not implement the ${kind} "${type}".${hint} Known ${kind}s: ${list}.`,
    subject,
  );
}

/**
 * Packer runs builds of the same name side by side (their logs and artifacts then mix); we warn.
 * A build-level `source` block with its own `name` tells them apart.
 */
export function duplicateNameWarnings(builds: readonly PlannedBuild[]): Diagnostic[] {
  const first = new Map<string, PlannedBuild>();
  const diags: Diagnostic[] = [];
  for (const b of builds) {
    const earlier = first.get(b.name);
    if (!earlier) {
      first.set(b.name, b);
      continue;
    }
    diags.push(
      warningDiag(
        'Duplicate build name',
        `The build "${b.name}" is already defined at ${formatRange(earlier.source.range)}. Builds of the same name run side by side and their output mixes; give this use of the source its own name with a build-level block: source "${b.source.type}.${b.source.sourceName}" { name = "…" }.`,
        b.source.range,
      ),
    );
  }
  return diags;
}

/** The same diagnostic reached through several builds (a shared source or provisioner) is kept once. */
export function dedupe(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.severity}|${d.summary}|${d.detail ?? ''}|${d.subject ? formatRange(d.subject) : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
