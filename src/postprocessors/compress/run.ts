/**
 * The compress post-processor's run (Packer's post-processor/compress): packs the artifact's files into
 * one archive whose format the output's extension picks (see format.ts). The archive is written under a
 * temporary name and renamed when complete; a failure or cancel removes the temporary.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Artifact } from '../../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../../sdk/plugin.js';
import { withAtomicOutput } from '../common/atomic-output.js';
import { buildIdentity, generatedData } from '../common/build-identity.js';
import { fileArtifact } from '../common/file-artifact.js';
import { renderFields } from '../common/go-template-fields.js';
import type { CompressConfig } from './config.js';
import { detectFormat, effectiveLevel, UNSUPPORTED_ALGORITHMS } from './format.js';
import { writeGzip, writeTar, writeZip } from './writers.js';

export const COMPRESS_BUILDER_ID = 'packer.post-processor.compress';

export async function runCompress(
  config: CompressConfig,
  input: Artifact,
  ctx: PostProcessContext,
): Promise<PostProcessResult> {
  const template =
    typeof config.output === 'string' && config.output !== ''
      ? config.output
      : 'packer_{{.BuildName}}_{{.BuilderType}}';
  const format = detectFormat(template, typeof config.format === 'string' ? config.format : undefined);
  if (format.algorithm !== undefined && UNSUPPORTED_ALGORITHMS.includes(format.algorithm)) {
    throw new Error(
      `compress: ${format.algorithm} compression (from output "${template}") is not supported by imgbuild; ` +
        'use an output ending in .tar.gz, .tgz, .gz, .zip or .tar',
    );
  }
  const id = buildIdentity(ctx);
  let target: string;
  try {
    target = renderFields(template, {
      ...generatedData(input.state),
      BuildName: id.buildName,
      BuilderType: id.builderType,
    });
  } catch (err) {
    throw new Error(`Error interpolating output value: ${(err as Error).message}`);
  }
  const level = effectiveLevel(config.compression_level);
  const files = input.files;
  const compression = format.algorithm ?? 'no compression';

  let total = 0;
  for (const f of files)
    total += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  const bar = ctx.ui.progress(`Compressing ${target}`, total);
  let read = 0;
  const opts = {
    level,
    gzip: format.algorithm === 'gzip',
    signal: ctx.signal,
    onRead: (n: number) => {
      read += n;
      bar.update(read);
    },
  };
  try {
    await withAtomicOutput(target, async (temp) => {
      if (format.archive === 'tar') {
        ctx.ui.say(`Tarring ${target} with ${compression}`);
        await writeTar(files, temp, opts).catch(wrap('Error creating tar', ctx.signal));
      } else if (format.archive === 'zip') {
        ctx.ui.say(`Zipping ${target}`);
        await writeZip(files, temp, opts).catch(wrap('Error creating zip', ctx.signal));
      } else {
        if (files.length !== 1) {
          throw new Error(
            `Can only have 1 input file when not using tar/zip. Found ${files.length} files: [${files.join(' ')}]`,
          );
        }
        const file = files[0] as string;
        ctx.ui.say(`Archiving ${file} with ${compression}`);
        await writeGzip(file, temp, opts).catch(wrap(`Failed to compress ${file}`, ctx.signal));
      }
    });
  } finally {
    bar.finish();
  }
  ctx.ui.say(`Archive ${target} completed`);
  const path = resolve(target);
  return {
    artifact: fileArtifact({
      builderId: COMPRESS_BUILDER_ID,
      files: [path],
      describe: `compressed artifacts in: ${target}`,
    }),
    keepInput: false,
  };
}

function wrap(prefix: string, signal: AbortSignal) {
  return (err: unknown): never => {
    if (signal.aborted) throw signal.reason ?? err;
    throw new Error(`${prefix}: ${(err as Error).message}`);
  };
}
