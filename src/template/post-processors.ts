/**
 * `post-processor "TYPE" { … }` blocks (alone, a chain of one, or inside `post-processors { … }`):
 * the meta-arguments are split off; the rest is decoded later against the post-processor's schema.
 */
import type { Diagnostic } from '../hcl/diagnostics.js';
import { hasErrors } from '../hcl/diagnostics.js';
import type { BodySchema, EvalContext, HclBlock } from '../hcl/hcl.js';
import { decodeBool, decodeOnlyExcept, decodeString, type SourceNameEntry } from './meta-args.js';
import type { PostProcessorBlock } from './model.js';

const POST_PROCESSOR_META_SCHEMA: BodySchema = {
  attributes: [{ name: 'name' }, { name: 'only' }, { name: 'except' }, { name: 'keep_input_artifact' }],
};

/** The schema of a `post-processors { … }` chain: only post-processor blocks. */
export const POST_PROCESSORS_SCHEMA: BodySchema = {
  blocks: [{ type: 'post-processor', labelNames: ['type'] }],
};

export function decodePostProcessor(
  block: HclBlock,
  ctx: EvalContext,
): { postProcessor?: PostProcessorBlock; sourceNames?: SourceNameEntry[]; diags: Diagnostic[] } {
  const { content, remain, diags } = block.body.partialContent(POST_PROCESSOR_META_SCHEMA);
  const attrs = content.attributes;
  const take = <T>(r: { value?: T; diags: Diagnostic[] }): T | undefined => {
    diags.push(...r.diags);
    return r.value;
  };
  const nameAttr = attrs.get('name');
  const keepAttr = attrs.get('keep_input_artifact');
  const name = nameAttr && take(decodeString(nameAttr, ctx));
  const keepInputArtifact = keepAttr && take(decodeBool(keepAttr, ctx));
  const onlyExcept = take(decodeOnlyExcept(attrs.get('only'), attrs.get('except'), ctx));
  if (hasErrors(diags)) return { diags };
  return {
    postProcessor: {
      type: block.labels[0] ?? '',
      name,
      only: onlyExcept?.only ?? [],
      except: onlyExcept?.except ?? [],
      keepInputArtifact,
      body: remain,
      declRange: block.defRange,
      typeRange: block.labelRanges[0],
    },
    sourceNames: onlyExcept?.entries,
    diags,
  };
}

/** A `post-processors { … }` chain; undefined when one of its post-processors is invalid (as Packer). */
export function decodePostProcessorChain(
  block: HclBlock,
  ctx: EvalContext,
): { chain?: PostProcessorBlock[]; sourceNames: SourceNameEntry[]; diags: Diagnostic[] } {
  const { content, diags } = block.body.content(POST_PROCESSORS_SCHEMA);
  const chain: PostProcessorBlock[] = [];
  const sourceNames: SourceNameEntry[] = [];
  for (const inner of content.blocks) {
    const r = decodePostProcessor(inner, ctx);
    diags.push(...r.diags);
    if (r.postProcessor) chain.push(r.postProcessor);
    sourceNames.push(...(r.sourceNames ?? []));
  }
  return hasErrors(diags) ? { sourceNames, diags } : { chain, sourceNames, diags };
}
