/**
 * The template model: what a Packer template (one file or a directory of *.pkr.hcl / *.pkr.json plus
 * var files) means, after HCL decoding. Plugin configuration bodies stay HCL bodies here: they are
 * decoded against each plugin's schema when builds are planned (plan.ts), because their values depend
 * on per-build contextual variables (source.name, build.*).
 */
import type { Diagnostic } from '../hcl/diagnostics.js';
import type { EvalContext, Expression, HclAttribute, HclBody } from '../hcl/hcl.js';
import type { Range } from '../hcl/pos.js';
import type { SourceFiles } from '../hcl/render.js';
import type { Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';

export interface Template {
  /** The template path as given (file or directory), and the directory `path.root` names. */
  readonly path: string;
  readonly rootDir: string;
  /** Every file read (templates and var files), for rendering diagnostics. */
  readonly files: SourceFiles;
  readonly packer: PackerBlock;
  readonly variables: ReadonlyMap<string, Variable>;
  readonly locals: ReadonlyMap<string, Local>;
  readonly datasources: ReadonlyMap<string, DatasourceBlock>;
  /** Keyed `TYPE.NAME`, in declaration order. */
  readonly sources: ReadonlyMap<string, SourceBlock>;
  readonly builds: readonly Build[];
  /** The context for source/build bodies: var, local, data, path, packer, and the Packer function table. */
  readonly evalContext: EvalContext;
  /** Set for a legacy (pre-HCL) JSON template: `inspect` says "JSON mode", plugin strings are Go templates. */
  readonly legacyJson?: boolean;
}

export interface PackerBlock {
  readonly requiredVersion?: { readonly constraint: string; readonly range: Range };
  readonly requiredPlugins: readonly RequiredPlugin[];
}

export interface RequiredPlugin {
  readonly accessor: string;
  readonly source?: string;
  readonly version?: string;
  readonly range: Range;
}

export type VariableValueSource = 'default' | 'env' | 'auto-varfile' | 'varfile' | 'cli';

export interface Variable {
  readonly name: string;
  readonly type: Type;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly default?: Value;
  readonly validations: readonly VariableValidation[];
  /** The final value after precedence; unknown when required but unset (a diagnostic says so). */
  readonly value: Value;
  readonly valueSource?: VariableValueSource;
  readonly declRange: Range;
}

export interface VariableValidation {
  readonly condition: Expression;
  readonly errorMessage: string;
  readonly range: Range;
}

export interface Local {
  readonly name: string;
  readonly expr: Expression;
  readonly sensitive: boolean;
  readonly value: Value;
  readonly declRange: Range;
}

export interface DatasourceBlock {
  readonly type: string;
  readonly name: string;
  readonly body: HclBody;
  readonly declRange: Range;
  /** The type label, where "Unknown data type" points. */
  readonly typeRange?: Range;
}

export interface SourceBlock {
  readonly type: string;
  readonly name: string;
  readonly body: HclBody;
  readonly declRange: Range;
  /** The type label, where "Unknown builder type" points. */
  readonly typeRange?: Range;
}

export interface Build {
  readonly name?: string;
  readonly description?: string;
  readonly sources: readonly BuildSource[];
  readonly provisioners: readonly ProvisionerBlock[];
  readonly errorCleanupProvisioner?: ProvisionerBlock;
  /** Each element is one chain: a lone `post-processor` is a chain of one; `post-processors {}` a longer one. */
  readonly postProcessorChains: readonly (readonly PostProcessorBlock[])[];
  readonly declRange: Range;
}

/** A source used by a build: `sources = ["source.t.n"]` or a build-level `source "t.n" { … }`. */
export interface BuildSource {
  readonly type: string;
  /** The top-level source block's name. */
  readonly sourceName: string;
  /** `name = "x"` in a build-level source block renames this use (source.name); otherwise sourceName. */
  readonly name: string;
  /** Build-level fill body (may only set what the top-level source left unset). */
  readonly fill?: HclBody;
  readonly range: Range;
}

export interface CommonProvisionerOptions {
  readonly name?: string;
  readonly only: readonly string[];
  readonly except: readonly string[];
  readonly pauseBefore?: number; // milliseconds
  readonly maxRetries?: number;
  readonly timeout?: number; // milliseconds
  /** `override = { "source name" = { key = value } }`. */
  readonly override?: Value;
  /**
   * The same overrides as attributes per source name, keeping each value's expression (and range) when
   * `override` is written literally, so the overriding values are evaluated with that build's context.
   */
  readonly overrideAttributes?: ReadonlyMap<string, ReadonlyMap<string, HclAttribute>>;
}

export interface ProvisionerBlock extends CommonProvisionerOptions {
  readonly type: string;
  /** The body without the meta-arguments, to decode against the provisioner's schema. */
  readonly body: HclBody;
  readonly declRange: Range;
  /** The type label, where "Unknown provisioner type" points. */
  readonly typeRange?: Range;
}

export interface PostProcessorBlock {
  readonly type: string;
  readonly name?: string;
  readonly only: readonly string[];
  readonly except: readonly string[];
  readonly keepInputArtifact?: boolean;
  readonly body: HclBody;
  readonly declRange: Range;
  /** The type label, where "Unknown post-processor type" points. */
  readonly typeRange?: Range;
}

/** A result with every diagnostic found on the way; `value` may be partial when there are errors. */
export interface Loaded<T> {
  readonly value: T;
  readonly diags: Diagnostic[];
}
