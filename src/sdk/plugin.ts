/**
 * The plugin contract. A plugin is a plain object made by a define*() factory: its type name, its
 * configuration schema, and pure `prepare` checks; the build engine adds `run` hooks (later issues).
 * Built-in plugins are defined exactly like a library user's, and validate exactly the same way.
 */
import type { Diagnostic } from '../hcl/diagnostics.js';
import type { Range } from '../hcl/pos.js';
import type { Artifact } from './artifact.js';
import type { Communicator } from './communicator.js';
import type { ResourceCleaner, RunLedger } from './ledger.js';
import type { ObjectSchema } from './schema.js';
import type { Step } from './step.js';
import type { Logger, Ui } from './ui.js';

export type PluginKind = 'builder' | 'provisioner' | 'post-processor' | 'datasource';

/**
 * Where each decoded argument came from, so prepare() can point at the attribute it concerns. Names are
 * argument names, or dotted paths into nested blocks and their labels: `metadata_options.http_tokens`,
 * `launch_block_device_mappings.1.volume_size`, `disk.0.name` (a block element itself: its header).
 */
export interface ConfigRanges {
  /** The whole block (`source "qemu" "x" { … }`). */
  readonly block: Range;
  /** The attribute's full range (name = value), by argument name; absent when not set in the template. */
  attribute(name: string): Range | undefined;
  /** The value's range, by argument name. */
  value(name: string): Range | undefined;
}

export interface PrepareContext {
  readonly ranges: ConfigRanges;
  /**
   * Build-time values (e.g. `build.ID`) are unknown at validate time and absent from the config;
   * prepare should not reject them. False when the argument, or anything inside it, is unknown.
   */
  readonly isKnown: (name: string) => boolean;
  /** Whether the template sets the argument (even to a value unknown until build time). */
  readonly isSet: (name: string) => boolean;
  /** An error diagnostic pointing at `attribute`'s value (or the block when the attribute is absent). */
  error(attribute: string | undefined, summary: string, detail: string): Diagnostic;
  warning(attribute: string | undefined, summary: string, detail: string): Diagnostic;
}

export interface PluginDefinition<C> {
  readonly kind: PluginKind;
  /** The name used in templates: `qemu`, `shell`, `manifest`, `http`. */
  readonly type: string;
  readonly description?: string;
  readonly schema: ObjectSchema;
  /** Fills defaults and checks cross-field rules; pure: no I/O, no side effects. */
  prepare?(config: C, ctx: PrepareContext): { config: C; diagnostics: Diagnostic[] };
  /**
   * Removers of the resource kinds this plugin records in the ledger (`imgbuild cleanup` uses them
   * after a crash). Keep them light: load SDKs inside remove().
   */
  readonly cleaners?: readonly ResourceCleaner[];
}

/** What every plugin's run() receives. */
export interface RunContext {
  /** Aborted when the build is cancelled; a plugin stops what it is doing and rethrows. */
  readonly signal: AbortSignal;
  readonly ui: Ui;
  readonly log: Logger;
  /** Packer's build name (`BUILDNAME.TYPE.NAME`), a unique id of this run, and a scratch directory. */
  readonly buildName: string;
  readonly runId: string;
  readonly tempDir: string;
  /**
   * Packer's PackerBuildName and PackerBuilderType: the source's name in this build (`a` for
   * `source.null.a`, or its `name =` rename) and its type (`null`); `{{.BuildName}}`/`{{.BuilderType}}`
   * in post-processor outputs, PACKER_BUILD_NAME/PACKER_BUILDER_TYPE for shell-local. When absent,
   * plugins take them from the last two parts of buildName.
   */
  readonly sourceName?: string;
  readonly builderType?: string;
  /** True with -force (the manifest post-processor then starts a new file for a new run). */
  readonly force?: boolean;
  /**
   * The run's durable ledger, scoped to this build: record every temporary resource with
   * `intend()` before creating it, `confirm()` its id, `release()` it once removed.
   */
  readonly ledger: RunLedger;
}

/** Handed to a builder's run(): call provision() once the machine is reachable (Packer's hook). */
export interface BuildRunContext extends RunContext {
  /** Runs the build's provisioners over `communicator`, with these build variables (build.ID, build.Host…). */
  provision(
    communicator: Communicator | undefined,
    buildVars: Readonly<Record<string, unknown>>,
  ): Promise<void>;
  /** True with -force: replace existing outputs. */
  readonly force: boolean;
  /**
   * Runs a builder's steps with the engine's semantics: LIFO cleanup including the failing step, under
   * a fresh timeout signal, with -on-error and -debug applied as decorators. Throws the first error.
   */
  runSteps<S>(steps: readonly Step<S>[], state: S): Promise<void>;
}

export interface ProvisionContext extends RunContext {
  /** Undefined for builders without a communicator (communicator = "none"). */
  readonly communicator: Communicator | undefined;
  /** The build variables (build.ID, build.Host, build.SSHPublicKey…). */
  readonly buildVars: Readonly<Record<string, unknown>>;
}

export type PostProcessContext = RunContext;

export interface PostProcessResult {
  readonly artifact: Artifact;
  /** Keep the input artifact (Packer's `keep`), unless the template's keep_input_artifact overrides. */
  readonly keepInput: boolean;
  /** When true the post-processor's choice wins over keep_input_artifact (Packer's forceOverride). */
  readonly forceKeep?: boolean;
}

export type BuilderDefinition<C = Record<string, unknown>> = PluginDefinition<C> & {
  readonly kind: 'builder';
  /** Builds, calling ctx.provision() when the machine is ready; returns the artifact (undefined: none). */
  run?(config: C, ctx: BuildRunContext): Promise<Artifact | undefined>;
};
export type ProvisionerDefinition<C = Record<string, unknown>> = PluginDefinition<C> & {
  readonly kind: 'provisioner';
  run?(config: C, ctx: ProvisionContext): Promise<void>;
};
export type PostProcessorDefinition<C = Record<string, unknown>> = PluginDefinition<C> & {
  readonly kind: 'post-processor';
  run?(config: C, input: Artifact, ctx: PostProcessContext): Promise<PostProcessResult>;
};
export type DatasourceDefinition<C = Record<string, unknown>> = PluginDefinition<C> & {
  readonly kind: 'datasource';
  /** The data source's output value (as plain JSON-like data) for a prepared config. */
  readonly outputSchema?: ObjectSchema;
  execute?(config: C, signal: AbortSignal): Promise<Record<string, unknown>>;
};

/** A plugin definition as written by its author: everything but the `kind` its define*() adds. */
export type Defn<D> = Omit<D, 'kind'>;

export function defineBuilder<C>(d: Defn<BuilderDefinition<C>>): BuilderDefinition<C> {
  return { ...d, kind: 'builder' };
}
export function defineProvisioner<C>(d: Defn<ProvisionerDefinition<C>>): ProvisionerDefinition<C> {
  return { ...d, kind: 'provisioner' };
}
export function definePostProcessor<C>(d: Defn<PostProcessorDefinition<C>>): PostProcessorDefinition<C> {
  return { ...d, kind: 'post-processor' };
}
export function defineDatasource<C>(d: Defn<DatasourceDefinition<C>>): DatasourceDefinition<C> {
  return { ...d, kind: 'datasource' };
}

export type AnyPlugin =
  | BuilderDefinition<never>
  | ProvisionerDefinition<never>
  | PostProcessorDefinition<never>
  | DatasourceDefinition<never>;
