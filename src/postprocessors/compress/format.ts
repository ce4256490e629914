/**
 * Which archive and compression the compress post-processor writes, detected from the output path's
 * extensions exactly as Packer does (every `.ext` of lower-case letters and digits in the path, `format`
 * appended as one more): the last decides (`zip`, `tar`, or a compression), a `tar` just before a
 * compression makes a compressed tarball, and anything unrecognised is a gzipped tarball under the
 * name as given (so the default `packer_{{.BuildName}}_{{.BuilderType}}` is a .tar.gz).
 */
export type Archive = 'tar' | 'zip';
export type Algorithm = 'gzip' | 'lz4' | 'bgzf' | 'xz' | 'bzip2';

export interface CompressFormat {
  readonly archive?: Archive;
  readonly algorithm?: Algorithm;
}

const ALGORITHMS: Record<string, Algorithm> = {
  gz: 'gzip',
  lz4: 'lz4',
  bgzf: 'bgzf',
  xz: 'xz',
  bzip2: 'bzip2',
};

/** Packer supports these through Go libraries; Node has no maintained writer we load for them. */
export const UNSUPPORTED_ALGORITHMS: readonly Algorithm[] = ['lz4', 'bgzf', 'xz', 'bzip2'];

export function detectFormat(output: string, format?: string): CompressFormat {
  const subject = format !== undefined && format !== '' ? `${output}.${format}` : output;
  const exts = [...subject.matchAll(/\.([a-z0-9]+)/g)].map((m) => m[1] as string);
  if (exts.length === 0) return { archive: 'tar', algorithm: 'gzip' };
  const last = exts[exts.length - 1] as string;
  const archive: Archive | undefined = exts[exts.length - 2] === 'tar' ? 'tar' : undefined;
  if (last === 'zip' || last === 'tar') return { archive: last };
  const algorithm = ALGORITHMS[last];
  if (algorithm !== undefined) return { archive, algorithm };
  return { archive: 'tar', algorithm: 'gzip' };
}

/** Packer's level rules: above 9 is 9; -1 and 0 mean the library default. */
export function effectiveLevel(level: unknown): number {
  const n = typeof level === 'number' && Number.isFinite(level) ? Math.trunc(level) : 6;
  if (n > 9) return 9;
  if (n === -1 || n === 0) return -1;
  return n;
}
