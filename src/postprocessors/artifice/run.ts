/**
 * The artifice post-processor's run (Packer's post-processor/artifice): the build's artifact is
 * replaced by the files the template lists (each entry a glob, as Go's filepath.Glob reads it).
 */
import { resolve } from 'node:path';
import type { Artifact } from '../../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../../sdk/plugin.js';
import { displayPath } from '../common/display-path.js';
import { fileArtifact } from '../common/file-artifact.js';
import type { ArtificeConfig } from './config.js';
import { goGlob } from './go-glob.js';

export const ARTIFICE_BUILDER_ID = 'packer.post-processor.artifice';

export async function runArtifice(
  config: ArtificeConfig,
  input: Artifact,
  ctx: PostProcessContext,
): Promise<PostProcessResult> {
  const patterns = Array.isArray(config.files) ? (config.files as string[]) : [];
  if (patterns.length === 0) throw new Error('No files specified in artifice configuration');
  if (input.files.length > 0)
    ctx.ui.say(`Discarding files from artifact: ${input.files.map(displayPath).join(', ')}`);
  const files: string[] = [];
  for (const pattern of patterns) {
    for (const match of await goGlob(pattern)) files.push(resolve(match));
  }
  ctx.ui.say(`Using these artifact files: ${files.map(displayPath).join(', ')}`);
  return {
    artifact: fileArtifact({
      builderId: ARTIFICE_BUILDER_ID,
      files,
      describe: `Created artifact from files: ${files.map(displayPath).join(', ')}`,
    }),
    keepInput: true,
  };
}
