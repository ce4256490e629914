/**
 * Packer's StepDownload: try each URL in order; a local file is checked and used in place, an http(s)
 * file is streamed into the cache under a temporary name, hashed on the way, and renamed only when its
 * checksum matches (a mismatch leaves nothing behind). A cached file whose checksum still matches is
 * reused without a download. One process at a time fills a cache file (lock.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isCancellation } from '../../../core/errors.js';
import type { Ui } from '../../../sdk/ui.js';
import { type Checksum, formatChecksum } from './checksum.js';
import { ChecksumMismatchError, hashFile, newHash } from './hash.js';
import { httpGet } from './http-get.js';
import { withFileLock } from './lock.js';
import { resolveChecksum } from './resolve-checksum.js';
import { describeSource, parseSource, type Source } from './source.js';

export interface DownloadRequest {
  /** Tried in order until one succeeds (iso_url / iso_urls). */
  readonly urls: readonly string[];
  /** iso_checksum in any Packer form; '' or 'none' skips the check. */
  readonly checksum: string;
  /** What is downloaded, for messages: "ISO". */
  readonly description?: string;
  /** iso_target_path: a file path, or a directory when it has no extension. */
  readonly targetPath?: string;
  /** iso_target_extension (default "iso"). */
  readonly extension?: string;
  /** Cache directory (default: defaultDownloadCacheDir()). */
  readonly cacheDir?: string;
  /** Relative paths and `file:` URLs are resolved against this (the template's directory). */
  readonly baseDir?: string;
  readonly signal?: AbortSignal;
  readonly ui?: Pick<Ui, 'say' | 'message' | 'progress'>;
}

export interface Downloaded {
  /** The file to use: the local source itself, or the file in the cache. */
  readonly path: string;
  /** The entry of `urls` that worked (Packer's SourceImageURL). */
  readonly url: string;
  /** The checksum that was verified, or undefined for `none`. */
  readonly checksum: Checksum | undefined;
  /** How the file was obtained. */
  readonly how: 'in-place' | 'cached' | 'downloaded';
}

export class DownloadError extends Error {
  readonly code = 'DOWNLOAD_FAILED';
  constructor(
    description: string,
    readonly attempts: readonly { url: string; error: Error }[],
  ) {
    super(
      `error downloading ${description}:\n${attempts.map((a) => `* ${a.url}: ${a.error.message}`).join('\n')}`,
      { cause: attempts.at(-1)?.error },
    );
    this.name = 'DownloadError';
  }
}

/** `$IMGBUILD_CACHE_DIR/downloads`, else `${XDG_CACHE_HOME:-~/.cache}/imgbuild/downloads`. */
export function defaultDownloadCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.IMGBUILD_CACHE_DIR) return join(env.IMGBUILD_CACHE_DIR, 'downloads');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'imgbuild', 'downloads');
}

export async function download(request: DownloadRequest): Promise<Downloaded> {
  const description = request.description ?? 'ISO';
  const { signal, ui } = request;
  if (request.urls.length === 0) throw new DownloadError(description, []);
  ui?.say(`Retrieving ${description}`);
  const attempts: { url: string; error: Error }[] = [];
  for (const url of request.urls) {
    signal?.throwIfAborted();
    try {
      return await downloadOne(url, request, description);
    } catch (error) {
      if (isCancellation(error, signal)) throw error;
      const err = error instanceof Error ? error : new Error(String(error));
      ui?.message(`Download failed ${err.message}`);
      attempts.push({ url, error: err });
    }
  }
  throw new DownloadError(description, attempts);
}

async function downloadOne(url: string, request: DownloadRequest, description: string): Promise<Downloaded> {
  const baseDir = request.baseDir ?? process.cwd();
  const { signal, ui } = request;
  const source = parseSource(url, baseDir);
  ui?.say(`Trying ${describeSource(source)}`);
  const checksum = await resolveChecksum(request.checksum, source, { baseDir, signal });
  if (source.kind === 'local') {
    if (checksum !== undefined) await verify(source.path, checksum, request);
    else await stat(source.path);
    ui?.say(`${describeSource(source)} => ${source.path}`);
    return { path: source.path, url, checksum, how: 'in-place' };
  }
  const target = cacheTarget(request, source, checksum);
  await mkdir(dirname(target), { recursive: true });
  return withFileLock(
    `${target}.lock`,
    async (): Promise<Downloaded> => {
      if (checksum !== undefined && (await matches(target, checksum, signal))) {
        ui?.say(`Using ${description} from the cache: ${target}`);
        return { path: target, url, checksum, how: 'cached' };
      }
      await fetchInto(source, target, checksum, request);
      ui?.say(`${describeSource(source)} => ${target}`);
      return { path: target, url, checksum, how: 'downloaded' };
    },
    { signal, onWait: () => ui?.message(`Waiting for another build downloading ${target}`) },
  );
}

/**
 * Packer's cache name: a hash of the checksum when there is one (every mirror fills the same file),
 * otherwise of the URL. iso_target_path names the file, or the directory when it has no extension.
 */
export function cacheTarget(
  request: Pick<DownloadRequest, 'targetPath' | 'extension' | 'cacheDir'>,
  source: Source,
  checksum: Checksum | undefined,
): string {
  const key = checksum !== undefined ? formatChecksum(checksum) : describeSource(source);
  const name = `${createHash('sha1').update(key).digest('hex')}.${request.extension || 'iso'}`;
  const target = request.targetPath;
  if (target !== undefined && target !== '') {
    return extname(target) === '' ? join(target, name) : target;
  }
  return join(request.cacheDir ?? defaultDownloadCacheDir(), name);
}

async function matches(path: string, checksum: Checksum, signal?: AbortSignal): Promise<boolean> {
  try {
    await stat(path);
  } catch {
    return false;
  }
  return (await hashFile(path, checksum.type, { signal })) === checksum.value;
}

async function verify(path: string, checksum: Checksum, request: DownloadRequest): Promise<void> {
  const size = (await stat(path)).size;
  const bar = request.ui?.progress(`Checking ${path}`, size);
  try {
    const actual = await hashFile(path, checksum.type, { signal: request.signal, onBytes: bar?.update });
    if (actual !== checksum.value) throw new ChecksumMismatchError(path, checksum, actual);
  } finally {
    bar?.finish();
  }
}

async function fetchInto(
  source: Extract<Source, { kind: 'http' }>,
  target: string,
  checksum: Checksum | undefined,
  request: DownloadRequest,
): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  // A name of our own: two builds fetching the same file never write into each other's part file.
  const part = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  try {
    const body = await httpGet(source.url, { signal: request.signal });
    const bar = request.ui?.progress(`Downloading ${describeSource(source)}`, body.size ?? 0);
    const hash = checksum !== undefined ? newHash(checksum.type) : undefined;
    let done = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        hash?.update(chunk);
        done += chunk.length;
        bar?.update(done);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body.stream, tap, createWriteStream(part, { flags: 'wx' }), { signal: request.signal });
    } finally {
      bar?.finish();
    }
    if (body.size !== undefined && done !== body.size) {
      throw new Error(`download ended after ${done} of ${body.size} bytes`);
    }
    if (checksum !== undefined && hash !== undefined) {
      const actual = hash.digest('hex');
      if (actual !== checksum.value)
        throw new ChecksumMismatchError(describeSource(source), checksum, actual);
    }
    await rename(part, target);
  } catch (error) {
    await unlink(part).catch(() => {});
    if (request.signal?.aborted) throw request.signal.reason;
    throw error;
  }
}
