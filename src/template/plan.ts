/**
 * Planning builds: one planned build per (build block × source it uses), named as Packer names
 * them (`BUILDNAME.TYPE.NAME`, or `TYPE.NAME` for an unnamed build), filtered by -only/-except.
 * Each plugin body is decoded against its plugin's schema (and prepared) with that build's context:
 * `source.name`/`source.type` known, `build.name` known, the other `build.*` values unknown until
 * the build runs.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { expandDynamicBlocks } from '../hcl/dynblock.js';
import type { EvalContext, HclBody } from '../hcl/hcl.js';
import type { Registry } from '../core/registry.js';
import type { Range } from '../hcl/pos.js';
import type { PluginDefinition, PluginKind } from '../sdk/plugin.js';
import type { RangeTable } from './config-ranges.js';
import { decodePluginConfig } from './decode-config.js';
import { buildContext, plannedBuildName } from './build-context.js';
import type { Build, BuildSource, PostProcessorBlock, ProvisionerBlock, Template } from './model.js';
import {
  type BuildFilter,
  compileBuildFilter,
  exceptPostProcessor,
  keepBuild,
  skipForSource,
  unusedFilterWarnings,
} from './only-except.js';
import { applyOverrides, overridesFromValue } from './override-body.js';
import { dedupe, duplicateNameWarnings, unknownPluginType } from './plan-diagnostics.js';
import { sourceKey } from './sources.js';

export { buildContext, plannedBuildName } from './build-context.js';
export { unknownPluginType } from './plan-diagnostics.js';

export interface PlanOptions {
  readonly only?: readonly string[];
  readonly except?: readonly string[];
  readonly registry: Registry;
}

export interface PlannedPlugin {
  readonly type: string;
  /** The block's `name` meta-argument, when set. */
  readonly name?: string;
  readonly definition: PluginDefinition<unknown>;
  readonly config: Record<string, unknown>;
  readonly ranges: RangeTable;
  /** Arguments whose values are known only at build time (absent from `config`). */
  readonly unknown: ReadonlySet<string>;
  readonly sensitive: ReadonlySet<string>;
  readonly declRange: Range;
  /** The bodies `config` was decoded from: the build engine decodes them again, with the build's values, when `unknown` is not empty. */
  readonly bodies?: readonly HclBody[];
  /** Decoded weakly typed (legacy JSON templates). */
  readonly weaklyTyped?: boolean;
}

export interface PlannedProvisioner extends PlannedPlugin {
  readonly pauseBefore?: number;
  readonly maxRetries?: number;
  readonly timeout?: number;
}

export interface PlannedPostProcessor extends PlannedPlugin {
  readonly keepInputArtifact?: boolean;
}

export interface PlannedBuild {
  /** Packer's build name: what -only/-except match and what prefixes log lines. */
  readonly name: string;
  /** The build block's `name`, when set. */
  readonly buildName?: string;
  readonly source: BuildSource;
  readonly builder: PlannedPlugin;
  readonly provisioners: readonly PlannedProvisioner[];
  readonly errorCleanupProvisioner?: PlannedProvisioner;
  /** Post-processor chains, with -except'ed post-processors (and the rest of their chain) left out. */
  readonly postProcessors: readonly (readonly PlannedPostProcessor[])[];
  /** The context of this build's plugin bodies (source.* and build.* set). */
  readonly evalContext: EvalContext;
}

export function planBuilds(
  template: Template,
  opts: PlanOptions,
): { builds: PlannedBuild[]; diags: Diagnostic[] } {
  if (template.builds.length === 0) {
    return {
      builds: [],
      diags: [
        errorDiag(
          'Missing build block',
          'A build block with one or more sources is required for executing a build.',
          undefined,
        ),
      ],
    };
  }
  const { filter, diags } = compileBuildFilter(opts.only, opts.except);
  const builds: PlannedBuild[] = [];
  if (diags.length > 0) return { builds, diags };
  for (const build of template.builds) {
    for (const source of build.sources) {
      const name = plannedBuildName(build, source, template.legacyJson);
      if (!keepBuild(filter, name)) continue;
      const planned = new BuildPlanner(template, opts.registry, filter, diags).plan(build, source, name);
      if (planned) builds.push(planned);
    }
  }
  diags.push(...duplicateNameWarnings(builds));
  diags.push(
    ...unusedFilterWarnings(
      filter,
      builds.map((b) => b.name),
    ),
  );
  return { builds, diags: dedupe(diags) };
}

class BuildPlanner {
  constructor(
    private readonly template: Template,
    private readonly registry: Registry,
    private readonly filter: BuildFilter,
    private readonly diags: Diagnostic[],
  ) {}

  plan(build: Build, source: BuildSource, name: string): PlannedBuild | undefined {
    const ctx = buildContext(this.template, build, source, this.registry.get('builder', source.type));
    const before = this.diags.length;
    const top = this.template.sources.get(sourceKey(source.type, source.sourceName));
    if (!top) return undefined; // reported when the build was decoded
    // A top-level source body expands its dynamic blocks here, with this build's context (the
    // build-level fill comes from the build body, expanded when the build was decoded).
    const topBody = expandDynamicBlocks(top.body, ctx);
    const bodies: HclBody[] = source.fill ? [topBody, source.fill] : [topBody];
    const builder = this.decode('builder', source.type, top.typeRange ?? top.declRange, bodies, ctx, {
      declRange: top.declRange,
    });
    const usedAs = sourceKey(source.type, source.name);
    const provisioners = build.provisioners
      .filter((p) => !skipForSource(p, usedAs))
      .map((p) => this.provisioner(p, source, ctx));
    const cleanup = build.errorCleanupProvisioner;
    const errorCleanupProvisioner =
      cleanup && !skipForSource(cleanup, usedAs) ? this.provisioner(cleanup, source, ctx) : undefined;
    const postProcessors = build.postProcessorChains
      .map((chain) => this.chain(chain, usedAs, ctx))
      .filter((chain) => chain.length > 0);
    if (this.diags.slice(before).some((d) => d.severity === 'error')) return undefined;
    if (!builder || provisioners.some((p) => !p) || (cleanup && errorCleanupProvisioner === null))
      return undefined;
    return {
      name,
      buildName: build.name,
      source,
      builder,
      provisioners: provisioners as PlannedProvisioner[],
      errorCleanupProvisioner: errorCleanupProvisioner ?? undefined,
      postProcessors: postProcessors as PlannedPostProcessor[][],
      evalContext: ctx,
    };
  }

  private provisioner(p: ProvisionerBlock, source: BuildSource, ctx: EvalContext): PlannedProvisioner | null {
    const overrides = p.overrideAttributes?.get(source.name) ?? overridesFromValue(p, source.name);
    const body = overrides ? applyOverrides(p.body, overrides) : p.body;
    const decoded = this.decode('provisioner', p.type, p.typeRange ?? p.declRange, [body], ctx, p);
    if (!decoded) return null;
    return { ...decoded, pauseBefore: p.pauseBefore, maxRetries: p.maxRetries, timeout: p.timeout };
  }

  /** One chain: skipped for this source by only/except; cut short at the first -except'ed one. */
  private chain(
    chain: readonly PostProcessorBlock[],
    usedAs: string,
    ctx: EvalContext,
  ): (PlannedPostProcessor | null)[] {
    const out: (PlannedPostProcessor | null)[] = [];
    for (const pp of chain) {
      if (skipForSource(pp, usedAs)) continue;
      if (exceptPostProcessor(this.filter, pp)) break;
      const decoded = this.decode(
        'post-processor',
        pp.type,
        pp.typeRange ?? pp.declRange,
        [pp.body],
        ctx,
        pp,
      );
      out.push(decoded && { ...decoded, keepInputArtifact: pp.keepInputArtifact });
    }
    return out;
  }

  private decode(
    kind: PluginKind,
    type: string,
    typeRange: Range,
    bodies: readonly HclBody[],
    ctx: EvalContext,
    block: { readonly declRange: Range; readonly name?: string },
  ): PlannedPlugin | null {
    const definition = this.registry.get(kind, type);
    if (!definition) {
      this.diags.push(unknownPluginType(kind, type, this.registry.types(kind), typeRange));
      return null;
    }
    // Legacy JSON templates decode weakly typed, as Packer's mapstructure does ("a,b" for a list).
    const decoded = decodePluginConfig(definition, bodies, ctx, {
      declRange: block.declRange,
      weaklyTyped: this.template.legacyJson === true,
    });
    this.diags.push(...decoded.diags);
    return {
      type,
      name: block.name,
      definition,
      config: decoded.config as Record<string, unknown>,
      ranges: decoded.ranges,
      unknown: decoded.unknown,
      sensitive: decoded.sensitive,
      declRange: block.declRange,
      bodies,
      weaklyTyped: this.template.legacyJson === true,
    };
  }
}
