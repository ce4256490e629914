/**
 * Temporary per-build key pairs (Packer's temporary_key_pair_type/bits): the public key as an
 * authorized_keys line for the machine, the private key in a format ssh2 and OpenSSH both read.
 * Generated with node:crypto only, so builders can call this without loading ssh2.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

export type KeyPairType = 'ed25519' | 'rsa';

export interface TemporaryKeyPair {
  readonly type: KeyPairType;
  /** `ssh-ed25519 AAAA… name` — one authorized_keys line, without a newline. */
  readonly publicKey: string;
  /** OpenSSH (`BEGIN OPENSSH PRIVATE KEY`) for ed25519, PKCS#1 PEM for RSA; unencrypted. */
  readonly privateKey: string;
}

export interface KeyPairOptions {
  readonly type?: KeyPairType;
  /** RSA modulus bits; Packer's default is 4096. */
  readonly bits?: number;
  /** The comment at the end of the public key line. */
  readonly name?: string;
}

export function generateTemporaryKeyPair(opts: KeyPairOptions = {}): TemporaryKeyPair {
  const type = opts.type ?? 'ed25519';
  const name = opts.name ?? 'imgbuild';
  if (type === 'rsa') return rsaKeyPair(opts.bits ?? 4096, name);
  if (type !== 'ed25519') throw new Error(`unsupported temporary key pair type ${String(type)}`);
  return ed25519KeyPair(name);
}

function ed25519KeyPair(name: string): TemporaryKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d as string, 'base64url');
  const pub = Buffer.from(jwk.x as string, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  let privateSection = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(name),
  ]);
  // The private section is padded with 1, 2, 3… to the cipher block size (8 for "none").
  const padding = (8 - (privateSection.length % 8)) % 8;
  privateSection = Buffer.concat([
    privateSection,
    Buffer.from(Array.from({ length: padding }, (_, i) => i + 1)),
  ]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(privateSection),
  ]);
  return {
    type: 'ed25519',
    publicKey: `ssh-ed25519 ${publicBlob.toString('base64')} ${name}`,
    privateKey: armor('OPENSSH PRIVATE KEY', body),
  };
}

function rsaKeyPair(bits: number, name: string): TemporaryKeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = privateKey.export({ format: 'jwk' });
  const e = Buffer.from(jwk.e as string, 'base64url');
  const n = Buffer.from(jwk.n as string, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-rsa'), mpint(e), mpint(n)]);
  return {
    type: 'rsa',
    publicKey: `ssh-rsa ${publicBlob.toString('base64')} ${name}`,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
  };
}

function uint32(value: number): Buffer {
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(value);
  return buf;
}

function sshString(value: string | Buffer): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([uint32(data.length), data]);
}

/** An SSH mpint: big-endian, with a leading zero byte when the high bit is set (positive numbers). */
function mpint(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  const needsZero = (trimmed[0] ?? 0) & 0x80;
  return sshString(needsZero ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function armor(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
