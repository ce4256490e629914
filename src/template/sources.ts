/**
 * Top-level `source "TYPE" "NAME" { … }` blocks. Their bodies stay undecoded: each is decoded against
 * its builder's schema only when builds are planned, with that build's contextual variables.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { BlockHeaderSchema, HclBlock } from '../hcl/hcl.js';
import { formatRange } from '../hcl/pos.js';
import type { SourceBlock } from './model.js';

/** The root-schema entry for source blocks: HCL itself reports "Missing type for source" etc. */
export const SOURCE_BLOCK_HEADER: BlockHeaderSchema = { type: 'source', labelNames: ['type', 'name'] };

const LABEL_NAMES = SOURCE_BLOCK_HEADER.labelNames!;

export function sourceKey(type: string, name: string): string {
  return `${type}.${name}`;
}

/** Decodes every `source` block of the template, keyed `TYPE.NAME` in declaration order. */
export function decodeSources(blocks: readonly HclBlock[]): {
  sources: Map<string, SourceBlock>;
  diags: Diagnostic[];
} {
  const sources = new Map<string, SourceBlock>();
  const diags: Diagnostic[] = [];
  for (const block of blocks) {
    if (block.type !== 'source') continue;
    const labelDiag = checkLabels(block);
    if (labelDiag) {
      diags.push(labelDiag);
      continue;
    }
    const [type, name] = block.labels as [string, string];
    const key = sourceKey(type, name);
    const existing = sources.get(key);
    if (existing) {
      diags.push(
        errorDiag(
          'Duplicate source block',
          `This source block has the same builder type and name as a previous block declared at ${formatRange(existing.declRange)}. Each source must have a unique name per builder type.`,
          block.defRange,
        ),
      );
      continue;
    }
    sources.set(key, {
      type,
      name,
      body: block.body,
      declRange: block.defRange,
      typeRange: block.labelRanges[0],
    });
  }
  return { sources, diags };
}

/**
 * Blocks decoded with SOURCE_BLOCK_HEADER never get here with the wrong number of labels; blocks
 * obtained another way (e.g. a schema without label names) get HCL's own wording.
 */
function checkLabels(block: HclBlock): Diagnostic | undefined {
  if (block.labels.length < LABEL_NAMES.length) {
    return errorDiag(
      `Missing ${LABEL_NAMES[block.labels.length]} for source`,
      `All source blocks must have ${LABEL_NAMES.length} labels (${LABEL_NAMES.join(', ')}).`,
      block.defRange,
    );
  }
  if (block.labels.length > LABEL_NAMES.length) {
    return errorDiag(
      'Extraneous label for source',
      `Only ${LABEL_NAMES.length} labels (${LABEL_NAMES.join(', ')}) are expected for source blocks.`,
      block.labelRanges[LABEL_NAMES.length],
      block.defRange,
    );
  }
  return undefined;
}
