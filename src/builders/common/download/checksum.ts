/**
 * Packer's `iso_checksum` forms (go-getter's checksum query): `type:hex` (md5, sha1, sha256, sha512),
 * a bare hex hash whose type follows from its length, `file:URL` or `file:path` naming a checksum file
 * in GNU (`hash  name`) or BSD (`SHA256 (name) = hash`) format, and `none`. Pure parsing here; fetching
 * a checksum file lives in resolve-checksum.ts.
 */

export const CHECKSUM_TYPES = ['md5', 'sha1', 'sha256', 'sha512'] as const;
export type ChecksumType = (typeof CHECKSUM_TYPES)[number];

/** Digest length in bytes of each type: a bare hash's type is guessed from it. */
const DIGEST_BYTES: Record<ChecksumType, number> = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };

export interface Checksum {
  readonly type: ChecksumType;
  /** Lower-case hex. */
  readonly value: string;
}

export type ChecksumSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'value'; readonly checksum: Checksum }
  | { readonly kind: 'file'; readonly location: string };

export class ChecksumSpecError extends Error {
  readonly code = 'CHECKSUM_SPEC';
  constructor(message: string) {
    super(message);
    this.name = 'ChecksumSpecError';
  }
}

/** Parses an `iso_checksum` value. An empty value counts as none (prepare has already required one). */
export function parseChecksumSpec(spec: string): ChecksumSpec {
  const text = spec.trim();
  if (text === '' || text.toLowerCase() === 'none') return { kind: 'none' };
  const colon = text.indexOf(':');
  if (colon < 0) return { kind: 'value', checksum: checksumFromValue(text) };
  const type = text.slice(0, colon).toLowerCase();
  const rest = text.slice(colon + 1);
  if (type === 'file') {
    if (rest === '') throw new ChecksumSpecError('invalid checksum: "file:" needs a URL or a path');
    return { kind: 'file', location: rest };
  }
  return { kind: 'value', checksum: checksumFromType(type, rest) };
}

/** OpenSSL 3 writes `SHA2-256(file)= …` in BSD-style lines. */
const TYPE_ALIASES: Record<string, ChecksumType> = { 'sha2-256': 'sha256', 'sha2-512': 'sha512' };

export function checksumFromType(type: string, value: string): Checksum {
  const lower = TYPE_ALIASES[type.toLowerCase()] ?? type.toLowerCase();
  if (!(CHECKSUM_TYPES as readonly string[]).includes(lower)) {
    throw new ChecksumSpecError(`unsupported checksum type: ${type}`);
  }
  const hex = decodeHex(value);
  const t = lower as ChecksumType;
  if (hex.length / 2 !== DIGEST_BYTES[t]) {
    throw new ChecksumSpecError(
      `invalid checksum: a ${t} hash has ${DIGEST_BYTES[t] * 2} hex digits, got ${hex.length}`,
    );
  }
  return { type: t, value: hex };
}

/** A bare hash: its type is the one whose digest has that length (as go-getter guesses it). */
export function checksumFromValue(value: string): Checksum {
  const hex = decodeHex(value);
  const type = CHECKSUM_TYPES.find((t) => DIGEST_BYTES[t] * 2 === hex.length);
  if (type === undefined) throw new ChecksumSpecError(`Unknown type for checksum ${value}`);
  return { type, value: hex };
}

function decodeHex(value: string): string {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(value)) {
    throw new ChecksumSpecError(`invalid checksum: ${JSON.stringify(value)} is not a hex string`);
  }
  return value.toLowerCase();
}

export interface ChecksumLine {
  readonly checksum: Checksum;
  /** The file the line is about, or '' when the line does not say (a lone hash). */
  readonly filename: string;
}

const BSD_LINE = /^([A-Za-z0-9-]+) ?\((.+)\) ?= ?([0-9A-Fa-f]+)$/;
const GNU_LINE = /^([0-9A-Fa-f]+)(?:[ \t]+[*? ]?(.+))?$/;

/**
 * One line of a checksum file, or undefined for a blank or unreadable line (go-getter skips those).
 * Unlike go-getter's field split, file names with spaces are kept whole.
 */
export function parseChecksumLine(line: string): ChecksumLine | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  try {
    const bsd = BSD_LINE.exec(text);
    if (bsd) return { checksum: checksumFromType(bsd[1]!, bsd[3]!), filename: bsd[2]! };
    const gnu = GNU_LINE.exec(text);
    if (gnu) return { checksum: checksumFromValue(gnu[1]!), filename: gnu[2]?.trim() ?? '' };
  } catch (error) {
    if (error instanceof ChecksumSpecError) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * The checksum a checksum file gives for the file at `names` (the names it may be listed under: its
 * base name, its path relative to the checksum file, `./`-relative, absolute). The first line that
 * names one of them wins; a line without a name is taken as it is (go-getter's rule).
 */
export function findChecksumInFile(content: string, names: readonly string[]): Checksum | undefined {
  for (const line of content.split(/\r?\n/)) {
    const parsed = parseChecksumLine(line);
    if (parsed === undefined) continue;
    if (parsed.filename === '') return parsed.checksum;
    if (names.some((n) => n !== '' && n === parsed.filename)) return parsed.checksum;
  }
  return undefined;
}

/** `sha256:abc…`, the form the cache key and messages use. */
export function formatChecksum(c: Checksum): string {
  return `${c.type}:${c.value}`;
}
