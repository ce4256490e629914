/**
 * Which of the input artifact's files are disks, in attachment order. A qemu artifact lists them in
 * `state.diskPaths` (imgbuild's qemu builder), or names its disk in `state.diskName` (Packer's qemu
 * artifact state: the vm_name) and its additional disks `diskName-1`, `diskName-2`…; other artifacts
 * are read by file extension, or are a single file.
 */
import { basename, extname } from 'node:path';

const DISK_EXTENSIONS = ['.qcow2', '.qcow', '.raw', '.img', '.vmdk', '.vdi', '.vhd', '.vhdx'];

export function selectDisks(files: readonly string[], state: Readonly<Record<string, unknown>>): string[] {
  const paths = state.diskPaths;
  if (
    Array.isArray(paths) &&
    paths.length > 0 &&
    paths.every((p) => typeof p === 'string' && files.includes(p))
  ) {
    return [...(paths as string[])];
  }
  const diskName = state.diskName;
  if (typeof diskName === 'string' && diskName !== '') {
    const main = files.filter((f) => basename(f) === diskName);
    const extra = files
      .map((f) => ({ f, m: new RegExp(`^${escapeRegExp(diskName)}-(\\d+)$`).exec(basename(f)) }))
      .filter((x) => x.m !== null)
      .sort((a, b) => Number(a.m?.[1]) - Number(b.m?.[1]))
      .map((x) => x.f);
    if (main.length > 0) return [...main, ...extra];
  }
  const byExtension = files.filter((f) => DISK_EXTENSIONS.includes(extname(f).toLowerCase()));
  if (byExtension.length > 0) return byExtension;
  if (files.length === 1) return [...files];
  throw new Error(
    files.length === 0
      ? 'the input artifact has no files: nothing to package as OVF'
      : `cannot tell which of the input artifact's files are disks (${files.join(', ')}); ` +
          `disk files end in ${DISK_EXTENSIONS.join(' ')}`,
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
