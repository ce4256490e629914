/**
 * imgbuild as a library. Today: the HCL2 engine (`hcl`). The template model, build engine and
 * plugin API (loadTemplate, runBuilds, defineBuilder, …) are added here as they land.
 */
export * as hcl from './hcl/index.js';
