/** The manifest post-processor: records every artifact of the build in a JSON file. */
import { definePostProcessor } from '../../sdk/plugin.js';
import { bool, object, str, strMap } from '../../sdk/schema-helpers.js';

export type ManifestConfig = Record<string, unknown>;

export const manifestPostProcessor = definePostProcessor<ManifestConfig>({
  type: 'manifest',
  description: 'Writes the list of artifacts to a JSON manifest.',
  schema: object({
    output: str('Path of the manifest.', { default: 'packer-manifest.json' }),
    strip_path: bool('Record file names without their directories.'),
    strip_time: bool('Leave the build time out.'),
    custom_data: strMap('Extra data recorded with each build.'),
  }),
  // Loaded on first use: only `build` runs post-processors.
  run: (config, input, ctx) => import('./run.js').then((m) => m.runManifest(config, input, ctx)),
});
