/**
 * The archive writers: tar (tar-stream), zip (yazl), gzip (node:zlib). The libraries are loaded only
 * when a build compresses something. Each writes to a path (the caller's temporary) and honours the
 * abort signal, rejecting with its reason.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, basename, isAbsolute, sep } from 'node:path';
import { type Readable, pipeline as streamPipeline, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

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

/** A tarball whose entries are the files' base names (Go's tar.FileInfoHeader), optionally gzipped. */
export async function writeTar(files: readonly string[], target: string, opts: WriteOptions): Promise<void> {
  const tarStream = (await import('tar-stream')).default;
  const pack = tarStream.pack();
  const sink = createWriteStream(target, { mode: 0o644 });
  const done = opts.gzip
    ? pipeline(pack, createGzip({ level: opts.level }), sink, { signal: opts.signal })
    : pipeline(pack, sink, { signal: opts.signal });
  try {
    for (const path of files) {
      opts.signal.throwIfAborted();
      const st = await regularFile(path);
      const entry = pack.entry({
        name: basename(path),
        size: st.size,
        mode: st.mode & 0o7777,
        mtime: st.mtime,
        uid: st.uid,
        gid: st.gid,
        type: 'file',
      });
      await pipeline(counted(createReadStream(path, { signal: opts.signal }), opts.onRead), entry);
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
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
  const rel = relative(process.cwd(), path);
  const name = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  return name.split(sep).join('/').replace(/^\/+/, '');
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
