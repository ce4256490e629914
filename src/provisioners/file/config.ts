/** The file provisioner: uploads (or downloads) files and directories (Packer's provisioner/file). */
import { given, knownString } from '../../builders/common/prepare-helpers.js';
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { defineProvisioner } from '../../sdk/plugin.js';
import { bool, object, str, strList } from '../../sdk/schema-helpers.js';

export type FileConfig = Record<string, unknown>;

export const fileProvisioner = defineProvisioner<FileConfig>({
  type: 'file',
  description: 'Uploads files or directories to the machine (or downloads them from it).',
  schema: object({
    content: str('Text written to the destination file (instead of a source).'),
    source: str('Local path (upload) or remote path (download).'),
    sources: strList('Several sources copied into the destination directory.'),
    destination: str('Where the file goes.'),
    direction: str('upload or download.', { default: 'upload', examples: ['upload', 'download'] }),
    generated: bool('The source is created during the build, so it is not checked beforehand.'),
  }),
  prepare(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    const has = (name: string) => given(config, ctx, name);
    const direction = knownString(config, ctx, 'direction');
    if (direction !== undefined && direction !== 'upload' && direction !== 'download') {
      diagnostics.push(ctx.error('direction', 'Direction must be one of: download, upload.', ''));
    }
    if ((has('source') || has('sources')) && has('content')) {
      diagnostics.push(ctx.error('content', 'source(s) conflicts with content.', ''));
    }
    if (!has('destination')) {
      diagnostics.push(ctx.error(undefined, 'Destination must be specified.', ''));
    }
    return { config, diagnostics };
  },
  // Loaded when a build runs, not when a template is only validated.
  run: async (config, ctx) => (await import('./run.js')).runFile(config, ctx),
});
