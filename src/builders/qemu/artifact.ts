/**
 * The qemu builder's artifact (packer-plugin-qemu's Artifact): the files of the output directory, id
 * `VM`, "VM files in directory: …", and Packer's state keys (diskName, diskPaths, diskType, diskSize,
 * domainType) that post-processors read.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Artifact } from '../../sdk/artifact.js';

export const QEMU_BUILDER_ID = 'transcend.qemu';

export interface QemuArtifactInput {
  readonly outputDir: string;
  /** output_directory as the template wrote it, for the description. */
  readonly displayDir: string;
  readonly vmName: string;
  readonly diskPaths: readonly string[];
  readonly format: string;
  readonly diskSize: string;
  readonly accelerator: string;
}

export async function qemuArtifact(input: QemuArtifactInput): Promise<Artifact> {
  const files = await listFiles(input.outputDir);
  return {
    builderId: QEMU_BUILDER_ID,
    id: 'VM',
    files,
    state: {
      generated_data: {},
      diskName: input.vmName,
      diskPaths: input.diskPaths,
      diskType: input.format,
      diskSize: input.diskSize,
      domainType: input.accelerator,
    },
    describe: () => `VM files in directory: ${input.displayDir}`,
    destroy: () => rm(input.outputDir, { recursive: true, force: true }),
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort((a, b) => relative(dir, a).localeCompare(relative(dir, b)));
}
