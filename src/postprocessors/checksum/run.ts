/**
 * The checksum post-processor's run (Packer's post-processor/checksum): for every checksum type and
 * every artifact file, appends `<hex digest>\t<file's base name>\n` to the output file rendered with
 * BuildName, BuilderType and ChecksumType. The new artifact is the input's files plus the checksum
 * files that did not exist before.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Artifact } from '../../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../../sdk/plugin.js';
import { writeFileAtomic } from '../common/atomic-output.js';
import { buildIdentity, generatedData } from '../common/build-identity.js';
import { displayPath } from '../common/display-path.js';
import { fileArtifact } from '../common/file-artifact.js';
import { renderFields } from '../common/go-template-fields.js';
import type { ChecksumConfig } from './config.js';

/** Node's names for Packer's checksum types (the same digests as Go's crypto packages). */
const ALGORITHMS: Record<string, string> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

export const CHECKSUM_BUILDER_ID = 'packer.post-processor.checksum';

export async function runChecksum(
  config: ChecksumConfig,
  input: Artifact,
  ctx: PostProcessContext,
): Promise<PostProcessResult> {
  const types = Array.isArray(config.checksum_types) ? (config.checksum_types as string[]) : ['md5'];
  for (const t of types) {
    if (!(t in ALGORITHMS)) throw new Error(`Unrecognized checksum type: ${t}`);
  }
  const template =
    typeof config.output === 'string' && config.output !== ''
      ? config.output
      : 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum';
  const id = buildIdentity(ctx);
  const base = { ...generatedData(input.state), BuildName: id.buildName, BuilderType: id.builderType };

  // One pass over each file computes every requested digest.
  const digests = new Map<string, Map<string, string>>();
  for (const file of input.files) {
    ctx.ui.message(`Computing ${types.join(', ')} of ${displayPath(file)}`);
    digests.set(file, await hashFile(file, types, ctx.signal));
  }

  // Lines per checksum file, in Packer's order (types outer, files inner).
  const outputs = new Map<string, string[]>();
  for (const type of types) {
    const path = renderFields(template, { ...base, ChecksumType: type });
    for (const file of input.files) {
      const lines = outputs.get(path) ?? [];
      lines.push(`${digests.get(file)?.get(type)}\t${basename(file)}\n`);
      outputs.set(path, lines);
    }
  }

  const created: string[] = [];
  for (const [path, lines] of outputs) {
    ctx.signal.throwIfAborted();
    let existing = '';
    try {
      existing = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`unable to create file ${path}: ${(err as Error).message}`);
      }
      created.push(resolve(path));
    }
    // Packer appends to an existing checksum file; the whole new content is renamed into place.
    await writeFileAtomic(path, existing + lines.join(''), await modeOf(path));
    ctx.ui.message(`Wrote ${path}`);
  }
  const files = [...input.files, ...created];
  return {
    artifact: fileArtifact({
      builderId: CHECKSUM_BUILDER_ID,
      files,
      describe: `Created artifact from files: ${files.map(displayPath).join(', ')}`,
    }),
    keepInput: true,
    forceKeep: true,
  };
}

async function hashFile(
  file: string,
  types: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const hashes = types.map((t) => [t, createHash(ALGORITHMS[t] as string)] as const);
  try {
    for await (const chunk of createReadStream(file, { signal })) {
      for (const [, h] of hashes) h.update(chunk as Buffer);
    }
  } catch (err) {
    if (signal.aborted) throw signal.reason ?? err;
    throw new Error(`unable to open file ${file}: ${(err as Error).message}`);
  }
  return new Map(hashes.map(([t, h]) => [t, h.digest('hex')]));
}

async function modeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return 0o644;
  }
}
