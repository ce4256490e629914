/** Packer's PackerBuildName / PackerBuilderType for a plugin run (see RunContext.sourceName). */
import type { RunContext } from '../../sdk/plugin.js';

export interface BuildIdentity {
  /** The source's name in the build (`a` for `source.null.a`): `{{.BuildName}}`, the manifest's `name`. */
  readonly buildName: string;
  /** The builder type (`null`): `{{.BuilderType}}`, the manifest's `builder_type`. */
  readonly builderType: string;
}

export function buildIdentity(ctx: RunContext): BuildIdentity {
  // ctx.buildName is `[BUILD.]TYPE.NAME`; source names are HCL identifiers, so they hold no dots.
  const parts = ctx.buildName.split('.');
  const name = parts.length >= 1 ? parts[parts.length - 1] : ctx.buildName;
  const type = parts.length >= 2 ? parts[parts.length - 2] : ctx.buildName;
  return { buildName: ctx.sourceName ?? name ?? '', builderType: ctx.builderType ?? type ?? '' };
}

/** The artifact's `generated_data` state (what the builder exported), or an empty map. */
export function generatedData(state: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data = state.generated_data;
  return data !== null && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : {};
}
