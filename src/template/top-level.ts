/**
 * The top level of a template's files: which blocks may appear there (anything else is "Unsupported
 * block type … Did you mean"), the blocks by type in file order, and the hand-off of source and build
 * blocks to their decoders once the evaluation context is known.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { BodySchema, EvalContext, HclBlock, HclBody } from '../hcl/hcl.js';
import type { SourceFiles } from '../hcl/render.js';
import type { Build, SourceBlock, Template } from './model.js';
import { BUILD_BLOCK_HEADER, decodeBuilds } from './builds.js';
import { checkHcpRegistryBlock } from './hcp-registry.js';
import { decodeSources, SOURCE_BLOCK_HEADER } from './sources.js';

export const configSchema: BodySchema = {
  blocks: [
    { type: 'packer' },
    SOURCE_BLOCK_HEADER,
    { type: 'variables' },
    { type: 'variable', labelNames: ['name'] },
    { type: 'locals' },
    { type: 'local', labelNames: ['name'] },
    { type: 'data', labelNames: ['type', 'name'] },
    BUILD_BLOCK_HEADER,
    { type: 'hcp_packer_registry' },
  ],
};

export interface TopLevel {
  /** Every well-formed top-level block, in file order. */
  readonly all: readonly HclBlock[];
  blocks(type: string): HclBlock[];
  decodeSourcesAndBuilds(ctx: EvalContext): {
    sources: Map<string, SourceBlock>;
    builds: Build[];
    diags: Diagnostic[];
  };
  readonly diags: Diagnostic[];
}

export function decodeTopLevel(bodies: readonly HclBody[]): TopLevel {
  const all: HclBlock[] = [];
  const diags: Diagnostic[] = [];
  for (const body of bodies) {
    const { content, diags: more } = body.content(configSchema);
    diags.push(...more);
    all.push(...content.blocks);
  }
  const blocks = (type: string) => all.filter((b) => b.type === type);
  const registries = blocks('hcp_packer_registry');
  for (const extra of registries.slice(1)) {
    diags.push(errorDiag('Only one hcp_packer_registry is allowed', undefined, extra.defRange));
  }
  return {
    all,
    blocks,
    diags,
    decodeSourcesAndBuilds: (ctx) => {
      const { sources, diags: sourceDiags } = decodeSources(blocks('source'));
      const { builds, diags: buildDiags } = decodeBuilds(blocks('build'), ctx, sources);
      const hcpDiags = registries.slice(0, 1).flatMap((b) => checkHcpRegistryBlock(b, ctx));
      return { sources, builds, diags: [...hcpDiags, ...sourceDiags, ...buildDiags] };
    },
  };
}

export function emptyTemplate(
  path: string,
  rootDir: string,
  files: SourceFiles,
  evalContext: EvalContext,
): Template {
  return {
    path,
    rootDir,
    files,
    packer: { requiredPlugins: [] },
    variables: new Map(),
    locals: new Map(),
    datasources: new Map(),
    sources: new Map(),
    builds: [],
    evalContext,
  };
}
