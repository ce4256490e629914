/**
 * `build { … }` blocks: their name, description, the sources they use (`sources = […]` first, then
 * build-level `source` blocks, as Packer orders them), provisioners in block order, the
 * error-cleanup provisioner and post-processor chains. `dynamic` blocks are expanded here.
 */
import { type Diagnostic, errorDiag, hasErrors, warningDiag } from '../hcl/diagnostics.js';
import { didYouMean } from '../hcl/did-you-mean.js';
import { expandDynamicBlocks } from '../hcl/dynblock.js';
import { childContext } from '../hcl/eval-context.js';
import type { BlockHeaderSchema, BodySchema, EvalContext, HclBlock } from '../hcl/hcl.js';
import { StringType } from '../hcl/types.js';
import { objectVal, stringVal, unknownVal } from '../hcl/values.js';
import { decodeString, decodeStringList, type SourceNameEntry } from './meta-args.js';
import type { Build, BuildSource, PostProcessorBlock, ProvisionerBlock, SourceBlock } from './model.js';
import { decodePostProcessor, decodePostProcessorChain } from './post-processors.js';
import { decodeProvisioner } from './provisioners.js';
import { invalidSourceRef, parseSourceRef, type SourceRef, unknownSourceRef } from './source-refs.js';
import { sourceKey } from './sources.js';

/** The root-schema entry for build blocks. */
export const BUILD_BLOCK_HEADER: BlockHeaderSchema = { type: 'build' };

const BUILD_ATTRIBUTES_SCHEMA: BodySchema = {
  attributes: [{ name: 'name' }, { name: 'description' }, { name: 'sources' }],
};

const BUILD_BLOCKS_SCHEMA: BodySchema = {
  blocks: [
    { type: 'source', labelNames: ['reference'] },
    { type: 'provisioner', labelNames: ['type'] },
    { type: 'error-cleanup-provisioner', labelNames: ['type'] },
    { type: 'post-processor', labelNames: ['type'] },
    { type: 'post-processors' },
    { type: 'hcp_packer_registry' },
  ],
};

const BUILD_SOURCE_SCHEMA: BodySchema = { attributes: [{ name: 'name' }] };

export function decodeBuilds(
  blocks: readonly HclBlock[],
  ctx: EvalContext,
  sources: ReadonlyMap<string, SourceBlock>,
): { builds: Build[]; diags: Diagnostic[] } {
  const builds: Build[] = [];
  const diags: Diagnostic[] = [];
  const sourceNames: SourceNameEntry[] = [];
  for (const block of blocks) {
    if (block.type !== 'build') continue;
    const r = decodeBuild(block, ctx, sources);
    diags.push(...r.diags);
    sourceNames.push(...r.sourceNames);
    if (r.build) builds.push(r.build);
  }
  // With unresolved sources (or other errors) the uses are incomplete: no guessing then.
  if (!hasErrors(diags)) diags.push(...unusedSourceNames(sourceNames, builds));
  return { builds, diags };
}

function decodeBuild(
  block: HclBlock,
  ctx: EvalContext,
  sources: ReadonlyMap<string, SourceBlock>,
): { build?: Build; sourceNames: SourceNameEntry[]; diags: Diagnostic[] } {
  const body = expandDynamicBlocks(block.body, ctx);
  const sourceNames: SourceNameEntry[] = [];
  const { content: head, remain, diags } = body.partialContent(BUILD_ATTRIBUTES_SCHEMA);
  const take = <T>(r: { value?: T; diags: Diagnostic[] }): T | undefined => {
    diags.push(...r.diags);
    return r.value;
  };
  const nameAttr = head.attributes.get('name');
  const descriptionAttr = head.attributes.get('description');
  const name = nameAttr && take(decodeString(nameAttr, ctx));
  const description = descriptionAttr && take(decodeString(descriptionAttr, ctx));

  const buildSources: BuildSource[] = [];
  let hadSource = false;
  const sourcesAttr = head.attributes.get('sources');
  if (sourcesAttr) {
    hadSource = true;
    for (const item of take(decodeStringList(sourcesAttr, ctx)) ?? []) {
      const used = useSource(parseSourceRef(item.value), item.range, sources, diags);
      if (used) buildSources.push(used);
    }
  }

  // Provisioners and post-processors see build.name; source.* and the rest of build.* are known
  // only per planned build.
  const blockCtx = childContext(ctx, {
    build: objectVal({ name: stringVal(name ?? '') }),
    source: objectVal({ type: unknownVal(StringType), name: unknownVal(StringType) }),
  });
  const { content, diags: contentDiags } = remain.content(BUILD_BLOCKS_SCHEMA);
  diags.push(...contentDiags);
  const provisioners: ProvisionerBlock[] = [];
  let errorCleanupProvisioner: ProvisionerBlock | undefined;
  let cleanupBlock: HclBlock | undefined;
  const postProcessorChains: PostProcessorBlock[][] = [];
  let hcpRegistry: HclBlock | undefined;
  for (const inner of content.blocks) {
    switch (inner.type) {
      case 'source': {
        hadSource = true;
        const used = decodeBuildSource(inner, ctx, sources, diags);
        if (used) buildSources.push(used);
        break;
      }
      case 'provisioner': {
        const { provisioner, sourceNames: names, diags: more } = decodeProvisioner(inner, blockCtx);
        diags.push(...more);
        sourceNames.push(...(names ?? []));
        if (provisioner) provisioners.push(provisioner);
        break;
      }
      case 'error-cleanup-provisioner': {
        if (cleanupBlock) {
          diags.push(onlyOne('error-cleanup-provisioner', inner));
          break;
        }
        cleanupBlock = inner;
        const { provisioner, sourceNames: names, diags: more } = decodeProvisioner(inner, blockCtx);
        diags.push(...more);
        sourceNames.push(...(names ?? []));
        errorCleanupProvisioner = provisioner;
        break;
      }
      case 'post-processor': {
        const { postProcessor, sourceNames: names, diags: more } = decodePostProcessor(inner, blockCtx);
        diags.push(...more);
        sourceNames.push(...(names ?? []));
        if (postProcessor) postProcessorChains.push([postProcessor]);
        break;
      }
      case 'post-processors': {
        const { chain, sourceNames: names, diags: more } = decodePostProcessorChain(inner, blockCtx);
        diags.push(...more);
        sourceNames.push(...names);
        if (chain) postProcessorChains.push(chain);
        break;
      }
      case 'hcp_packer_registry': {
        // HCP Packer is not supported; the (deprecated) build-level block is accepted and ignored.
        if (hcpRegistry) diags.push(onlyOne('hcp_packer_registry', inner));
        hcpRegistry = inner;
        break;
      }
    }
  }
  // Packer stops at the first errors in a build body; a missing source is then most likely one of
  // them misspelt (`sourcse = […]`), so it is not reported on top.
  if (!hadSource && !hasErrors(diags)) {
    diags.push(
      errorDiag(
        'missing source reference',
        'a build block must reference at least one source to be built',
        block.defRange,
      ),
    );
  }
  const build: Build = {
    name,
    description,
    sources: buildSources,
    provisioners,
    errorCleanupProvisioner,
    postProcessorChains,
    declRange: block.defRange,
  };
  return { build, sourceNames, diags };
}

/** `source "source.TYPE.NAME" { name = "LOCAL_NAME" … }`: a use of a top-level source, with fill. */
function decodeBuildSource(
  block: HclBlock,
  ctx: EvalContext,
  sources: ReadonlyMap<string, SourceBlock>,
  diags: Diagnostic[],
): BuildSource | undefined {
  const labelRange = block.labelRanges[0] ?? block.defRange;
  const { content, remain, diags: contentDiags } = block.body.partialContent(BUILD_SOURCE_SCHEMA);
  diags.push(...contentDiags);
  const nameAttr = content.attributes.get('name');
  let localName: string | undefined;
  if (nameAttr) {
    const r = decodeString(nameAttr, ctx);
    diags.push(...r.diags);
    localName = r.value || undefined;
  }
  const used = useSource(parseSourceRef(block.labels[0] ?? ''), labelRange, sources, diags);
  if (!used) return undefined;
  return { ...used, name: localName ?? used.sourceName, fill: remain, range: block.defRange };
}

function useSource(
  ref: SourceRef | undefined,
  range: BuildSource['range'],
  sources: ReadonlyMap<string, SourceBlock>,
  diags: Diagnostic[],
): BuildSource | undefined {
  if (!ref) {
    diags.push(invalidSourceRef(range));
    return undefined;
  }
  if (!sources.has(sourceKey(ref.type, ref.name))) {
    diags.push(unknownSourceRef(ref, sources, range));
    return undefined;
  }
  return { type: ref.type, sourceName: ref.name, name: ref.name, range };
}

function onlyOne(type: string, block: HclBlock): Diagnostic {
  return errorDiag(`Only one ${type} is allowed`, undefined, block.defRange);
}

/**
 * Packer compares only/except entries with the `TYPE.NAME` of each source use and says nothing when
 * one matches no use at all (a misspelling makes a provisioner silently run everywhere, or nowhere).
 */
function unusedSourceNames(entries: readonly SourceNameEntry[], builds: readonly Build[]): Diagnostic[] {
  const used = new Set(builds.flatMap((b) => b.sources.map((s) => sourceKey(s.type, s.name))));
  return entries
    .filter((e) => !used.has(e.value))
    .map((e) =>
      warningDiag(
        `The ${e.option} entry "${e.value}" matches no source`,
        `No build uses a source named "${e.value}" (TYPE.NAME, with a build-level source block's name when it gives one).${didYouMean(e.value, used)}`,
        e.range,
      ),
    );
}
