/**
 * Plugin configurations that use build values (`build.Host`, `build.ID`…): those are unknown when the
 * template is planned, so the arguments that use them are decoded again once the builder has provided
 * them (Packer interpolates them when the provisioner runs).
 */
import { childContext } from '../hcl/eval-context.js';
import type { EvalContext } from '../hcl/hcl.js';
import { renderDiagnostics } from '../hcl/render.js';
import type { Value } from '../hcl/value.js';
import { objectVal, stringVal } from '../hcl/values.js';
import { decodePluginConfig } from '../template/decode-config.js';
import type { PlannedPlugin } from '../template/plan.js';

/** The build's `build` object with the values the builder provided filled in. */
function buildObject(base: EvalContext, buildVars: Readonly<Record<string, unknown>>): Value {
  const current = lookup(base, 'build');
  const attrs = new Map<string, Value>(
    current?.state === 'known' && current.v instanceof Map ? current.v : [],
  );
  for (const [k, v] of Object.entries(buildVars)) {
    if (v === undefined || v === null || typeof v === 'object') continue;
    attrs.set(k, stringVal(String(v)));
  }
  return objectVal(attrs);
}

function lookup(ctx: EvalContext | undefined, name: string): Value | undefined {
  for (let c = ctx; c; c = c.parent) {
    const v = c.variables?.get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * The configuration to run `p` with: the planned one, or — when some arguments waited for build
 * values — the bodies decoded again with them. Throws when that decoding fails.
 */
export function configWithBuildVars(
  p: PlannedPlugin,
  evalContext: EvalContext,
  buildVars: Readonly<Record<string, unknown>>,
): unknown {
  if (p.unknown.size === 0 || !p.bodies) return p.config;
  const ctx = childContext(evalContext, { build: buildObject(evalContext, buildVars) });
  const decoded = decodePluginConfig(p.definition, p.bodies, ctx, {
    declRange: p.declRange,
    weaklyTyped: p.weaklyTyped,
  });
  const errors = decoded.diags.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(renderDiagnostics(errors, new Map(), { width: 79 }).trim());
  return decoded.config;
}
