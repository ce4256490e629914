/**
 * The archive writers: tar (go-tar.ts), zip (yazl), gzip (node:zlib). The libraries are loaded only
 * when a build compresses something. Each writes to a path (the caller's temporary) and honours the
 * abort signal, rejecting with its reason.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, sep } from 'node:path';
import { pipeline as streamPipeline, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { displayPath } from '../common/display-path.js';
import { goTarStream, type TarMember } from './go-tar.js';

export interface WriteOptions {
  readonly level: number;
  readonly gzip: boolean;
  readonly signal: AbortSignal;
  /** Called with the bytes of input read so far. */
  readonly onRead?: (bytes: number) => void;
}

/** The stream's bytes, counted as they are consumed (a counter that does not start the flow early). */
function counted(stream: Readable, onRead?: (bytes: number) => void): Readable {
  if (!onRead) return stream;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onRead(chunk.length);
      callback(null, chunk);
    },
  });
  // Errors of either end destroy both.
  return streamPipeline(stream, counter, () => undefined);
}

async function regularFile(path: string) {
  const st = await stat(path).catch((err: Error) => {
    throw new Error(`Unable to read file ${path}: ${err.message}`);
  });
  if (!st.isFile()) throw new Error(`Unable to read file ${path}: not a regular file`);
  return st;
}

/**
 * A tarball whose entries are the files' base names (Go's tar.FileInfoHeader), byte for byte as
 * Packer writes it (see go-tar.ts), optionally gzipped.
 */
export async function writeTar(files: readonly string[], target: string, opts: WriteOptions): Promise<void> {
  const members: TarMember[] = [];
  for (const path of files) {
    const st = await regularFile(path);
    members.push({
      name: basename(path),
      path,
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      size: st.size,
    });
  }
  const source = Readable.from(goTarStream(members, opts.signal, opts.onRead), { objectMode: false });
  const sink = createWriteStream(target, { mode: 0o644 });
  await (opts.gzip
    ? pipeline(source, createGzip({ level: opts.level }), sink, { signal: opts.signal })
    : pipeline(source, sink, { signal: opts.signal }));
}

/**
 * A zip whose entries are named by the artifact's paths as Packer names them (the path as the builder
 * listed it: here relative to the working directory when inside it, else without its leading `/`).
 */
export async function writeZip(files: readonly string[], target: string, opts: WriteOptions): Promise<void> {
  const yazl = (await import('yazl')).default;
  const zip = new yazl.ZipFile();
  for (const path of files) {
    const st = await regularFile(path);
    zip.addReadStream(
      counted(createReadStream(path, { signal: opts.signal }), opts.onRead),
      zipEntryName(path),
      {
        mtime: st.mtime,
        mode: st.mode,
        compressionLevel: opts.level,
        size: st.size,
      },
    );
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(target, { mode: 0o644 }), { signal: opts.signal });
}

export function zipEntryName(path: string): string {
  return displayPath(path).split(sep).join('/').replace(/^\/+/, '');
}

/** One file gzipped (`.gz` without `.tar`). */
export async function writeGzip(file: string, target: string, opts: WriteOptions): Promise<void> {
  await regularFile(file);
  await pipeline(
    counted(createReadStream(file), opts.onRead),
    createGzip({ level: opts.level }),
    createWriteStream(target, { mode: 0o644 }),
    { signal: opts.signal },
  );
}
