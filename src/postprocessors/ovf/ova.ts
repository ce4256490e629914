/**
 * The OVA: the package's files in one POSIX ustar archive (DSP0243 §5.3), in the order the standard
 * fixes: the descriptor first, then the manifest, then the files in References order. Plain ustar
 * headers (`ustar\0` `00`): VMware's importers reject GNU and pax extensions. A member over 8 GiB gets
 * its size in base-256, which GNU tar, bsdtar and ovftool read.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777;

export interface OvaMember {
  /** Path of the file to store; stored under its base name. */
  readonly path: string;
}

/** One ustar header for a regular file. */
export function ustarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`OVA member name over 100 bytes: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(h, 0);
  octal(h, 100, 8, 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  if (size <= MAX_OCTAL_SIZE) octal(h, 124, 12, size);
  else base256(h, 124, 12, size);
  octal(h, 136, 12, Math.max(0, Math.floor(mtimeSeconds)));
  h.write('        ', 148, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function octal(buf: Buffer, offset: number, length: number, value: number): void {
  buf.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, 'latin1');
}

function base256(buf: Buffer, offset: number, length: number, value: number): void {
  let v = BigInt(value);
  for (let i = offset + length - 1; i > offset; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  buf[offset] = 0x80;
}

async function* ovaStream(
  members: readonly { path: string; name: string; size: number }[],
  mtime: number,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  for (const m of members) {
    yield ustarHeader(m.name, m.size, mtime);
    let written = 0;
    for await (const chunk of createReadStream(m.path, { signal })) {
      written += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    // A file that changed size under us would corrupt every later header.
    if (written !== m.size) throw new Error(`${m.path} changed size while it was archived`);
    const pad = (BLOCK - (m.size % BLOCK)) % BLOCK;
    if (pad > 0) yield Buffer.alloc(pad, 0);
  }
  yield Buffer.alloc(2 * BLOCK, 0);
}

/** Writes `members`, in the given order, as a tar at `target`. */
export async function writeOva(
  members: readonly OvaMember[],
  target: string,
  signal: AbortSignal,
  mtime = Date.now() / 1000,
): Promise<void> {
  const entries = [];
  for (const m of members) {
    const st = await stat(m.path);
    entries.push({ path: m.path, name: basename(m.path), size: st.size });
  }
  await pipeline(
    Readable.from(ovaStream(entries, mtime, signal)),
    createWriteStream(target, { mode: 0o644 }),
    {
      signal,
    },
  );
}
