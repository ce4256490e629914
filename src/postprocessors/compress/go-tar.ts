/**
 * The tar stream Packer's compress post-processor writes (Go archive/tar, GNU format, as its
 * setHeaderFormat asks: times zeroed, `ustar  ` magic), byte for byte: one 512-byte header per file
 * (base name, permission bits, uid/gid with their names, size), the data padded to 512 bytes, and two
 * zero blocks at the end. Names over 100 bytes get GNU's `././@LongLink` entry first, as Go writes it.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

const BLOCK = 512;

export interface TarMember {
  readonly name: string;
  readonly path: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
}

/** The archive as a sequence of chunks; reading a member's file honours `signal`; onData counts file bytes. */
export async function* goTarStream(
  members: readonly TarMember[],
  signal: AbortSignal,
  onData?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const names = await ownerNames();
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    if (name.length > 100) {
      const data = Buffer.concat([name, Buffer.alloc(1)]);
      yield header({ name: '././@LongLink', typeflag: 'L', size: data.length, mode: 0, uid: 0, gid: 0 });
      yield padded(data);
    }
    yield header({
      name: m.name,
      typeflag: '0',
      size: m.size,
      mode: m.mode,
      uid: m.uid,
      gid: m.gid,
      uname: names.users.get(m.uid),
      gname: names.groups.get(m.gid),
    });
    let written = 0;
    for await (const chunk of createReadStream(m.path, { signal })) {
      written += (chunk as Buffer).length;
      onData?.((chunk as Buffer).length);
      if (written > m.size)
        throw new Error(`archive/tar: write too long (${m.path} grew while being archived)`);
      yield chunk as Buffer;
    }
    if (written < m.size)
      throw new Error(`archive/tar: missed writing ${m.size - written} bytes (${m.path} shrank)`);
    const rest = m.size % BLOCK;
    if (rest !== 0) yield Buffer.alloc(BLOCK - rest);
  }
  yield Buffer.alloc(2 * BLOCK);
}

function padded(data: Buffer): Buffer {
  const out = Buffer.alloc(Math.ceil(data.length / BLOCK) * BLOCK);
  data.copy(out);
  return out;
}

interface HeaderFields {
  readonly name: string;
  readonly typeflag: string;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname?: string;
  readonly gname?: string;
}

function header(h: HeaderFields): Buffer {
  const b = Buffer.alloc(BLOCK);
  putString(b, 0, 100, h.name);
  putNumeric(b, 100, 8, h.mode);
  putNumeric(b, 108, 8, h.uid);
  putNumeric(b, 116, 8, h.gid);
  putNumeric(b, 124, 12, h.size);
  putNumeric(b, 136, 12, 0); // ModTime: zeroed by Packer
  b.write(h.typeflag, 156, 'latin1');
  b.write('ustar  \0', 257, 'latin1'); // GNU magic and version
  putString(b, 265, 32, h.uname ?? '');
  putString(b, 297, 32, h.gname ?? '');
  if (h.typeflag !== 'L') {
    // Go leaves the device numbers blank in the long-name entry it writes itself.
    putNumeric(b, 329, 8, 0);
    putNumeric(b, 337, 8, 0);
  }
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  putOctal(b, 148, 7, sum);
  b[155] = 0x20;
  return b;
}

/** Go's formatString: truncated to the field, NUL-terminated when shorter. */
function putString(b: Buffer, offset: number, size: number, s: string): void {
  const bytes = Buffer.from(s, 'utf8');
  bytes.copy(b, offset, 0, Math.min(bytes.length, size));
  if (bytes.length > size && b[offset + size - 1] === 0x2f) {
    // A truncated name must not end in `/`, which some readers take for a directory.
    let n = size;
    while (n > 0 && b[offset + n - 1] === 0x2f) n--;
    b[offset + n] = 0;
  }
}

/** Go's formatOctal: zero-padded octal digits and a NUL, filling the field. */
function putOctal(b: Buffer, offset: number, size: number, value: number): void {
  const digits = value.toString(8).padStart(size - 1, '0');
  b.write(`${digits}\0`, offset, 'latin1');
}

/** Go's formatNumeric: octal when it fits, otherwise GNU base-256 (big-endian, high bit set). */
function putNumeric(b: Buffer, offset: number, size: number, value: number): void {
  if (value >= 0 && value < 8 ** (size - 1)) {
    putOctal(b, offset, size, value);
    return;
  }
  let v = BigInt(value);
  for (let i = offset + size - 1; i > offset; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  b[offset] = 0x80;
}

let cachedNames: Promise<{ users: Map<number, string>; groups: Map<number, string> }> | undefined;

/** User and group names by id, as Go's os/user finds them in /etc/passwd and /etc/group. */
function ownerNames(): Promise<{ users: Map<number, string>; groups: Map<number, string> }> {
  cachedNames ??= Promise.all([idNames('/etc/passwd'), idNames('/etc/group')]).then(([users, groups]) => ({
    users,
    groups,
  }));
  return cachedNames;
}

async function idNames(file: string): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
  }
  return names;
}
