/** The manifest post-processor's run (Packer's post-processor/manifest): appends this build's entry. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Artifact } from '../../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../../sdk/plugin.js';
import { writeFileAtomic } from '../common/atomic-output.js';
import { displayPath } from '../common/display-path.js';
import { buildIdentity, generatedData } from '../common/build-identity.js';
import { renderFields } from '../common/go-template-fields.js';
import { goMarshalIndent } from './go-json.js';
import { withManifestLock } from './lock.js';
import { type ManifestBuild, type ManifestFile, parseManifest } from './manifest-file.js';
import type { ManifestConfig } from './config.js';

export async function runManifest(
  config: ManifestConfig,
  input: Artifact,
  ctx: PostProcessContext,
): Promise<PostProcessResult> {
  ctx.signal.throwIfAborted();
  const output =
    typeof config.output === 'string' && config.output !== '' ? config.output : 'packer-manifest.json';
  const entry = await buildEntry(config, input, ctx);
  await withManifestLock(
    output,
    (m) => ctx.log.debug(m),
    async () => {
      let contents = '';
      try {
        contents = await readFile(output, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new Error(`Unable to open ${output} for reading: ${(err as Error).message}`);
        }
      }
      let manifest: ManifestFile = { builds: null, last_run_uuid: '' };
      if (contents.length > 0) {
        try {
          manifest = parseManifest(contents);
        } catch (err) {
          throw new Error(`Unable to parse content from ${output}: ${(err as Error).message}`);
        }
      }
      // With -force a new run starts a new manifest; builds of the same run still append.
      if (ctx.force === true && manifest.last_run_uuid !== ctx.runId) {
        manifest = { builds: null, last_run_uuid: '' };
      }
      const next = { builds: [...(manifest.builds ?? []), entry], last_run_uuid: ctx.runId };
      try {
        await writeFileAtomic(output, goMarshalIndent(next), 0o664);
      } catch (err) {
        throw new Error(`Unable to write ${output}: ${(err as Error).message}`);
      }
    },
  );
  return { artifact: input, keepInput: true, forceKeep: true };
}

async function buildEntry(
  config: ManifestConfig,
  input: Artifact,
  ctx: PostProcessContext,
): Promise<ManifestBuild> {
  const id = buildIdentity(ctx);
  let files: { name: string; size: number }[] | null = null;
  for (const name of input.files) {
    let size = 0;
    try {
      size = (await stat(name)).size;
    } catch {
      // Packer records size 0 for a file it cannot stat (a remote path, a deleted file).
    }
    files ??= [];
    files.push({ name: config.strip_path === true ? basename(name) : displayPath(name), size });
  }
  // Packer renders custom_data with the artifact's generated data only (`{{.BuildName}}` is `<no value>`).
  const data = generatedData(input.state);
  let customData: Record<string, string> | null = null;
  if (config.custom_data !== null && typeof config.custom_data === 'object') {
    customData = {};
    for (const key of Object.keys(config.custom_data).sort()) {
      const raw = String((config.custom_data as Record<string, unknown>)[key] ?? '');
      try {
        customData[key] = renderFields(raw, data);
      } catch (err) {
        throw new Error(`Error interpolating custom data: ${(err as Error).message}`);
      }
    }
  }
  return {
    name: id.buildName,
    builder_type: id.builderType,
    ...(config.strip_time === true ? {} : { build_time: Math.floor(Date.now() / 1000) }),
    files,
    artifact_id: input.id,
    packer_run_uuid: ctx.runId,
    custom_data: customData,
  };
}
