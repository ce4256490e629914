/** Hashing files and streams for checksum checks. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Checksum, ChecksumType } from './checksum.js';

export function newHash(type: ChecksumType): Hash {
  return createHash(type);
}

export async function hashFile(
  path: string,
  type: ChecksumType,
  options: { signal?: AbortSignal; onBytes?: (done: number) => void } = {},
): Promise<string> {
  const hash = newHash(type);
  let done = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal: options.signal });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    options.onBytes?.(done);
  }
  return hash.digest('hex');
}

/** go-getter's ChecksumError text, so users see what they would with Packer. */
export class ChecksumMismatchError extends Error {
  readonly code = 'CHECKSUM_MISMATCH';
  constructor(
    readonly file: string,
    readonly expected: Checksum,
    readonly actual: string,
  ) {
    super(
      `Checksums did not match for ${file}.\nExpected: ${expected.value}\nGot: ${actual}\n(${expected.type})`,
    );
    this.name = 'ChecksumMismatchError';
  }
}
