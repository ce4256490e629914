/**
 * imgbuild as a library: read Packer templates (loadTemplate), plan their builds (planBuilds), run them
 * (runBuilds), and add plugins of your own (define* + a registry) that validate and run exactly like the
 * built-in ones. Everything a plugin needs is exported from this entry; nothing needs an internal path.
 */
export {
  type BuildResult,
  type EngineUi,
  type RunBuildsOptions,
  type RunBuildsResult,
  runBuilds,
} from './core/build-runner.js';
export { builtinRegistry, createRegistry, type Registry } from './core/registry.js';
export * as hcl from './hcl/index.js';
export type { Diagnostic } from './hcl/index.js';
export { renderDiagnostics } from './hcl/index.js';
export type { Artifact } from './sdk/artifact.js';
export type {
  Communicator,
  ExecOptions,
  ExecResult,
  TransferOptions,
  TransferProgress,
} from './sdk/communicator.js';
export * as schema from './sdk/schema-helpers.js';
export type { Extra as SchemaExtra } from './sdk/schema-helpers.js';
export type { JsonSchema, ObjectSchema } from './sdk/schema.js';
export {
  type CleanerContext,
  type ResourceCleaner,
  type ResourceData,
  type ResourceValue,
  type RunLedger,
  runIdTag,
  type TrackedResource,
} from './sdk/ledger.js';
export type { EntryState, Ledger, LedgerEntry } from './core/ledger/ledger.js';
export { createFileLedger, type FileLedgerOptions, memoryLedger } from './core/ledger/ledger.js';
export { ledgerDir } from './core/ledger/location.js';
export { type ProcessIdentity, processIdentity } from './core/ledger/process-identity.js';
export type { CleanupFailure } from './core/steps.js';
export type { BuildOutcome, CleanupContext, Step, StepContext } from './sdk/step.js';
export type { Logger, Ui } from './sdk/ui.js';
export {
  type BuilderDefinition,
  type ConfigRanges,
  type DatasourceDefinition,
  type Defn,
  defineBuilder,
  defineDatasource,
  definePostProcessor,
  defineProvisioner,
  type PluginDefinition,
  type PluginKind,
  type BuildRunContext,
  type PostProcessContext,
  type PostProcessorDefinition,
  type PostProcessResult,
  type ProvisionContext,
  type RunContext,
  type PrepareContext,
  type ProvisionerDefinition,
} from './sdk/plugin.js';
export {
  type DecodeConfigOptions,
  type DecodedConfig,
  decodePluginConfig,
} from './template/decode-config.js';
export type { RangeEntry, RangeTable } from './template/config-ranges.js';
export { type LoadOptions, loadTemplate, type VarArg } from './template/load.js';
export type * from './template/model.js';
export {
  type PlannedBuild,
  type PlannedPlugin,
  type PlannedPostProcessor,
  type PlannedProvisioner,
  type PlanOptions,
  planBuilds,
} from './template/plan.js';
export { templateJsonSchema } from './template/schema-template.js';
export { imgbuildVersion, packerVersion } from './version.js';
