/** The artifice post-processor: replaces the artifact with files the build produced. */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { given } from '../../builders/common/prepare-helpers.js';
import { definePostProcessor } from '../../sdk/plugin.js';
import { bool, object, strList } from '../../sdk/schema-helpers.js';

export type ArtificeConfig = Record<string, unknown>;

export const artificePostProcessor = definePostProcessor<ArtificeConfig>({
  type: 'artifice',
  description: 'Makes the listed files the new artifact.',
  schema: object({
    files: strList('Files that make up the new artifact.'),
    keep_input_artifact: bool('Keep the original artifact.'),
  }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    if (!given(config, ctx, 'files')) {
      diagnostics.push(ctx.error(undefined, 'No files specified in artifice configuration', ''));
    }
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs post-processors.
  run: (config, input, ctx) => import('./run.js').then((m) => m.runArtifice(config, input, ctx)),
});
