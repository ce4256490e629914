/** The schemas of the `dynamic` block itself (HCL dynblock's schema.go). */
import type { BlockHeaderSchema, BodySchema } from '../hcl.js';

export const dynamicBlockHeader: BlockHeaderSchema = { type: 'dynamic', labelNames: ['type'] };

const contentBlock: BlockHeaderSchema = { type: 'content' };

/** For a block type that takes labels: `labels` is then required. */
export const dynamicBodyWithLabels: BodySchema = {
  attributes: [
    { name: 'for_each', required: true },
    { name: 'iterator' },
    { name: 'labels', required: true },
  ],
  blocks: [contentBlock],
};

export const dynamicBodyNoLabels: BodySchema = {
  attributes: [{ name: 'for_each', required: true }, { name: 'iterator' }],
  blocks: [contentBlock],
};

/** Variable detection accepts incomplete dynamic blocks: nothing is required. */
export const dynamicBodyForVariables: BodySchema = {
  attributes: [{ name: 'for_each' }, { name: 'labels' }, { name: 'iterator' }],
  blocks: [contentBlock],
};
