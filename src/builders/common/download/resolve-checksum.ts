/**
 * Turns an `iso_checksum` value into the digest to expect for one source: reads a `file:` checksum
 * file (local or over http) and finds the line for that source under any name go-getter accepts.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, posix, relative } from 'node:path';
import { type Checksum, ChecksumSpecError, findChecksumInFile, parseChecksumSpec } from './checksum.js';
import { fetchText } from './http-get.js';
import { parseSource, type Source } from './source.js';

/** The expected checksum for `source`, or undefined for `none`. */
export async function resolveChecksum(
  spec: string,
  source: Source,
  options: { baseDir: string; signal?: AbortSignal },
): Promise<Checksum | undefined> {
  const parsed = parseChecksumSpec(source.checksum ?? spec);
  if (parsed.kind === 'none') return undefined;
  if (parsed.kind === 'value') return parsed.checksum;
  const sums = parseSource(parsed.location, options.baseDir);
  let content: string;
  try {
    content =
      sums.kind === 'local'
        ? await readFile(sums.path, 'utf8')
        : await fetchText(sums.url, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChecksumSpecError(`Error downloading checksum file: ${reason}`);
  }
  const found = findChecksumInFile(content, namesIn(sums, source));
  if (found === undefined) throw new ChecksumSpecError(`no checksum found in: ${parsed.location}`);
  return found;
}

/** The names a checksum file may list the source under (go-getter's options). */
function namesIn(sums: Source, source: Source): string[] {
  const sourcePath = source.kind === 'local' ? source.path : decodeURIComponent(source.url.pathname);
  const sumsPath = sums.kind === 'local' ? sums.path : decodeURIComponent(sums.url.pathname);
  const local = source.kind === 'local' && sums.kind === 'local';
  const rel = local
    ? relative(dirname(sumsPath), sourcePath)
    : posix.relative(posix.dirname(sumsPath), sourcePath);
  return [basename(sourcePath), rel, `./${rel}`, ...(source.kind === 'local' ? [sourcePath] : [])];
}
