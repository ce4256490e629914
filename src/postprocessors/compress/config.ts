/** The compress post-processor: packs the artifact's files into one archive. */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { knownNumber, knownString } from '../../builders/common/prepare-helpers.js';
import { definePostProcessor } from '../../sdk/plugin.js';
import { int, object, str } from '../../sdk/schema-helpers.js';
import { detectFormat, UNSUPPORTED_ALGORITHMS } from './format.js';

export type CompressConfig = Record<string, unknown>;

export const compressPostProcessor = definePostProcessor<CompressConfig>({
  type: 'compress',
  description: "Compresses the artifact's files (tar.gz, zip, lz4, xz, bgzf…).",
  schema: object({
    output: str('Path of the archive; its extension picks the format.', {
      default: 'packer_{{.BuildName}}_{{.BuilderType}}',
    }),
    format: str('Archive format, when the output extension does not say.'),
    compression_level: int('Compression level, -1 (default) to 9.', { default: 6 }),
    archive: str('Archive type (tar or zip).'),
    algorithm: str('Compression algorithm.'),
  }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    const level = knownNumber(config, ctx, 'compression_level');
    if (level !== undefined && (level < -1 || level > 9)) {
      diagnostics.push(
        ctx.error('compression_level', 'Invalid compression level. Expected an integer from -1 to 9.', ''),
      );
    }
    // Caught at validate time rather than after a long build: imgbuild writes only gzip, tar and zip.
    // The extensions are read from the raw template, `{{.BuildName}}` and all, as Packer reads them.
    const output = ctx.isKnown('output') && typeof config.output === 'string' ? config.output : undefined;
    const format = knownString(config, ctx, 'format');
    const algorithm = output !== undefined ? detectFormat(output, format).algorithm : undefined;
    if (algorithm !== undefined && UNSUPPORTED_ALGORITHMS.includes(algorithm)) {
      diagnostics.push(
        ctx.error(
          ctx.isSet('format') ? 'format' : 'output',
          `Unsupported compression: ${algorithm}`,
          `imgbuild writes gzip, tar and zip archives; use an output ending in .tar.gz, .tgz, .gz, .zip or .tar.`,
        ),
      );
    }
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs post-processors.
  run: (config, input, ctx) => import('./run.js').then((m) => m.runCompress(config, input, ctx)),
});
