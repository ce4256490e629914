/** The checksum post-processor: writes checksum files for the artifact's files. */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { definePostProcessor } from '../../sdk/plugin.js';
import { object, str, strList } from '../../sdk/schema-helpers.js';

export const CHECKSUM_TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

export type ChecksumConfig = Record<string, unknown>;

export const checksumPostProcessor = definePostProcessor<ChecksumConfig>({
  type: 'checksum',
  description: "Computes checksums of the artifact's files.",
  schema: object({
    checksum_types: strList('Checksum algorithms.', {
      default: ['md5'],
      items: { type: 'string', examples: CHECKSUM_TYPES },
    }),
    output: str('Path template of the checksum files.', {
      default: 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum',
    }),
  }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    const types = ctx.isKnown('checksum_types') ? config.checksum_types : undefined;
    if (Array.isArray(types)) {
      for (const [i, t] of (types as string[]).entries()) {
        if (!CHECKSUM_TYPES.includes(t)) {
          diagnostics.push(
            ctx.error(
              `checksum_types.${i}`,
              `Unrecognized checksum type: ${t}`,
              `Use ${CHECKSUM_TYPES.join(', ')}.`,
            ),
          );
        }
      }
    }
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs post-processors.
  run: (config, input, ctx) => import('./run.js').then((m) => m.runChecksum(config, input, ctx)),
});
