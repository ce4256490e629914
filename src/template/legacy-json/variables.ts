/**
 * Legacy user variables' values (Packer's Core.renderVarsRecursively): defaults, overridden by JSON
 * var files (later files win) and then by -var; every value is itself a Go template that may use
 * `{{env}}` and other variables (`{{user}}`), rendered in dependency order. A variable used by another
 * must have a value: Packer treats them all as required.
 */
import { type Diagnostic, errorDiag } from '../../hcl/diagnostics.js';
import type { Range } from '../../hcl/pos.js';
import type { VariableValueSource } from '../model.js';
import type { GoTemplateContext } from './go-template.js';
import { renderGoTemplate } from './go-template.js';
import type { RawVariable } from './read.js';

export interface LegacyValue {
  /** The text as given, before rendering. */
  readonly raw: string;
  readonly value: string;
  readonly sensitive: boolean;
  readonly source: VariableValueSource;
  readonly range?: Range;
}

export interface GivenValue {
  readonly value: string;
  readonly source: VariableValueSource;
  readonly range?: Range;
}

export function resolveLegacyVariables(
  declared: readonly RawVariable[],
  sensitive: ReadonlySet<string>,
  given: ReadonlyMap<string, GivenValue>,
  base: Omit<GoTemplateContext, 'user'>,
): { values: Map<string, LegacyValue>; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const raw = new Map<string, GivenValue>();
  for (const v of declared) {
    if (v.default) raw.set(v.name, { value: v.default.value, source: 'default', range: v.default.range });
  }
  for (const [name, g] of given) raw.set(name, g);

  const values = new Map<string, LegacyValue>();
  const inProgress: string[] = [];
  const failed = new Set<string>();

  const resolve = (name: string): LegacyValue | undefined => {
    const done = values.get(name);
    if (done || failed.has(name)) return done;
    const g = raw.get(name);
    if (!g) return undefined;
    if (inProgress.includes(name)) {
      const cycle = [...inProgress.slice(inProgress.indexOf(name)), name].join(' -> ');
      diags.push(
        errorDiag(
          `Failed to interpolate "${name}"`,
          `Variables refer to each other in a cycle: ${cycle}.`,
          g.range,
        ),
      );
      failed.add(name);
      return undefined;
    }
    inProgress.push(name);
    let usesSensitive = false;
    const r = renderGoTemplate(g.value, {
      ...base,
      user: (other) => {
        const v = resolve(other);
        if (v?.sensitive) usesSensitive = true;
        return { value: v?.value, sensitive: v?.sensitive };
      },
    });
    inProgress.pop();
    if (failed.has(name)) return values.get(name);
    const isSensitive = sensitive.has(name) || usesSensitive || r.sensitive;
    for (const missing of r.undefinedUsers) {
      if (failed.has(missing)) continue; // already reported as a cycle
      diags.push(
        errorDiag(
          `Failed to interpolate "${name}"`,
          `Its value refers to user variable "${missing}", which is not set: please make sure that the variable you're referencing has been defined; Packer treats all variables used to interpolate other user variables as required.`,
          g.range,
        ),
      );
    }
    for (const message of r.errors) {
      diags.push(errorDiag(`Error interpolating default value for '${name}'`, message, g.range));
    }
    const v: LegacyValue = {
      raw: g.value,
      value: r.undefinedUsers.length > 0 ? g.value : r.text,
      sensitive: isSensitive,
      source: g.source,
      range: g.range,
    };
    values.set(name, v);
    return v;
  };

  for (const name of [...raw.keys()].sort()) resolve(name);
  return { values, diags };
}
