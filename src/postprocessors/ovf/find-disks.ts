/**
 * Reads an OVF package back: the disk files its descriptor references, so a test (or a user) can boot
 * the VMDK without knowing the package's naming. Takes the package directory (holding one `.ovf`) or
 * the `.ovf` itself.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface OvfPackageFiles {
  readonly descriptor: string;
  /** Absolute paths of the referenced files, in References order (disks are all this package holds). */
  readonly disks: readonly string[];
  readonly manifest?: string;
}

export async function readOvfPackage(dirOrOvf: string): Promise<OvfPackageFiles> {
  let descriptor = resolve(dirOrOvf);
  if ((await stat(descriptor)).isDirectory()) {
    const ovfs = (await readdir(descriptor)).filter((n) => n.endsWith('.ovf'));
    if (ovfs.length !== 1) {
      throw new Error(`${dirOrOvf}: expected one .ovf descriptor, found ${ovfs.length}`);
    }
    descriptor = join(descriptor, ovfs[0] as string);
  }
  const dir = dirname(descriptor);
  const xml = await readFile(descriptor, 'utf8');
  const disks = [...xml.matchAll(/<(?:ovf:)?File\b[^>]*\bovf:href="([^"]+)"/g)].map((m) =>
    join(dir, decodeXml(m[1] as string)),
  );
  const manifest = descriptor.replace(/\.ovf$/, '.mf');
  const hasManifest = await stat(manifest).then(
    () => true,
    () => false,
  );
  return { descriptor, disks, ...(hasManifest ? { manifest } : {}) };
}

/** The first disk of the package: what boots. */
export async function ovfBootDisk(dirOrOvf: string): Promise<string> {
  const pkg = await readOvfPackage(dirOrOvf);
  const disk = pkg.disks[0];
  if (disk === undefined) throw new Error(`${pkg.descriptor} references no disk file`);
  return disk;
}

function decodeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
