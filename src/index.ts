/**
 * imgbuild as a library: read Packer templates (loadTemplate), plan their builds (planBuilds), and add
 * plugins of your own (define* + a registry) that validate exactly like the built-in ones.
 * The build engine (runBuilds) is added here when it lands. Everything a plugin needs is exported
 * from this entry; nothing needs an internal path.
 */
export { builtinRegistry, createRegistry, type Registry } from './core/registry.js';
export * as hcl from './hcl/index.js';
export type { Diagnostic } from './hcl/index.js';
export { renderDiagnostics } from './hcl/index.js';
export * as schema from './sdk/schema-helpers.js';
export type { JsonSchema, ObjectSchema } from './sdk/schema.js';
export {
  type BuilderDefinition,
  type ConfigRanges,
  type DatasourceDefinition,
  defineBuilder,
  defineDatasource,
  definePostProcessor,
  defineProvisioner,
  type PluginDefinition,
  type PluginKind,
  type PostProcessorDefinition,
  type PrepareContext,
  type ProvisionerDefinition,
} from './sdk/plugin.js';
export {
  type DecodeConfigOptions,
  type DecodedConfig,
  decodePluginConfig,
} from './template/decode-config.js';
export { type LoadOptions, loadTemplate, type VarArg } from './template/load.js';
export type * from './template/model.js';
export {
  type PlannedBuild,
  type PlannedPostProcessor,
  type PlannedProvisioner,
  type PlanOptions,
  planBuilds,
} from './template/plan.js';
export { templateJsonSchema } from './template/schema-template.js';
export { imgbuildVersion, packerVersion } from './version.js';
