/**
 * Hash and cipher functions (go-cty-funcs `crypto`).
 * Exports `cryptoFunctions`: bcrypt, md5, rsadecrypt, sha1, sha256, sha512.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import type BcryptJs from 'bcryptjs';
import { FunctionError, type HclFunction } from '../hcl.js';
import { NumberType, StringType } from '../types.js';
import { goQuote } from '../go-strings.js';
import { asString, stringVal } from '../values.js';
import { defineFunction, param } from './call.js';
import { lazyModule } from '../../lazy-module.js';
import { errorMessage, toGoInt } from './util.js';

const bcryptjs = lazyModule<typeof BcryptJs>('bcryptjs');

const BCRYPT_MIN_COST = 4;
const BCRYPT_MAX_COST = 31;
const BCRYPT_DEFAULT_COST = 10;

const bcrypt = defineFunction({
  description: 'Computes a hash of the given string using the Blowfish cipher.',
  params: [param('str', StringType)],
  varParam: param('cost', NumberType),
  returnType: StringType,
  impl: (args) => {
    let cost = BCRYPT_DEFAULT_COST;
    if (args.length > 1) {
      try {
        cost = toGoInt(args[1]!);
      } catch (e) {
        throw new FunctionError(errorMessage(e));
      }
    }
    if (args.length > 2) throw new FunctionError('bcrypt() takes no more than two arguments');
    // Go's bcrypt quietly uses the default for a cost below the minimum.
    if (cost < BCRYPT_MIN_COST) cost = BCRYPT_DEFAULT_COST;
    if (cost > BCRYPT_MAX_COST) {
      throw new FunctionError(
        `error occured generating password crypto/bcrypt: cost ${cost} is outside allowed range (${BCRYPT_MIN_COST},${BCRYPT_MAX_COST})`,
      );
    }
    const password = asString(args[0]!);
    // Current x/crypto refuses what older versions silently truncated.
    if (Buffer.byteLength(password, 'utf8') > 72) {
      throw new FunctionError('error occured generating password bcrypt: password length exceeds 72 bytes');
    }
    const hash = bcryptjs().hashSync(password, bcryptjs().genSaltSync(cost));
    // Go writes the "2a" version prefix; the hash itself is the same for passwords of up to 72 bytes.
    return stringVal(hash.replace(/^\$2b\$/, '$2a$'));
  },
});

function hashFunction(algorithm: string, description: string): HclFunction {
  return defineFunction({
    description,
    params: [param('str', StringType)],
    returnType: StringType,
    impl: (args) => stringVal(createHash(algorithm).update(asString(args[0]!), 'utf8').digest('hex')),
  });
}

const rsadecrypt = defineFunction({
  description: 'Decrypts an RSA-encrypted ciphertext (base64, PKCS #1 v1.5 padding) with a PEM private key.',
  params: [param('ciphertext', StringType), param('privatekey', StringType)],
  returnType: StringType,
  impl: (args) => {
    const text = asString(args[0]!);
    const cipher = decodeStdBase64(text);
    if (!cipher)
      throw new FunctionError(`failed to decode input ${goQuote(text)}: cipher text must be base64-encoded`);
    const key = parsePkcs1PrivateKey(asString(args[1]!));
    return stringVal(rsaDecryptPkcs1v15(key, cipher).toString('utf8'));
  },
});

/** Go's base64.StdEncoding: padded standard alphabet; CR and LF are ignored. */
function decodeStdBase64(s: string): Buffer | undefined {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64');
}

interface RsaKey {
  readonly n: bigint;
  readonly d: bigint;
  readonly size: number; // modulus length in bytes
}

function parsePkcs1PrivateKey(pem: string): RsaKey {
  const m = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m) throw new FunctionError('failed to parse key: no key found');
  const body = m[2]!;
  if (/^Proc-Type:\s*4,ENCRYPTED\s*$/m.test(body)) {
    throw new FunctionError(
      'failed to parse key: password protected keys are not supported. Please decrypt the key prior to use',
    );
  }
  const der = Buffer.from(body.replace(/^[\w-]+:.*$/gm, '').replace(/\s+/g, ''), 'base64');
  // Tell other key formats apart as Go's ParsePKCS1PrivateKey does (OpenSSL would accept them).
  const second = secondDerElementTag(der);
  if (second === 0x30) {
    throw new FunctionError(
      'x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)',
    );
  }
  if (second === 0x04) {
    throw new FunctionError(
      'x509: failed to parse private key (use ParseECPrivateKey instead for this key format)',
    );
  }
  let jwk: { n?: string; d?: string };
  try {
    if (second !== 0x02) throw new Error('not PKCS #1');
    jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }).export({ format: 'jwk' });
  } catch {
    throw new FunctionError('x509: failed to parse private key: asn1: structure error');
  }
  const n = base64UrlToBigInt(jwk.n ?? '');
  const d = base64UrlToBigInt(jwk.d ?? '');
  return { n, d, size: Math.ceil(n.toString(16).length / 2) };
}

/** The tag of the second element inside the outer DER SEQUENCE (after the version INTEGER), if any. */
function secondDerElementTag(der: Buffer): number | undefined {
  const headerLength = (at: number): number | undefined => {
    const len = der[at + 1];
    if (len === undefined) return undefined;
    return len < 0x80 ? 2 : 2 + (len & 0x7f);
  };
  const contentLength = (at: number): number | undefined => {
    const len = der[at + 1];
    if (len === undefined) return undefined;
    if (len < 0x80) return len;
    let n = 0;
    for (let i = 0; i < (len & 0x7f); i++) n = n * 256 + (der[at + 2 + i] ?? 0);
    return n;
  };
  if (der[0] !== 0x30) return undefined;
  const first = headerLength(0);
  if (first === undefined || der[first] !== 0x02) return undefined;
  const versionHeader = headerLength(first);
  const versionLength = contentLength(first);
  if (versionHeader === undefined || versionLength === undefined) return undefined;
  return der[first + versionHeader + versionLength];
}

function base64UrlToBigInt(s: string): bigint {
  const hex = Buffer.from(s, 'base64url').toString('hex');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/**
 * RSA decryption with PKCS #1 v1.5 padding, done on BigInts because Node refuses this padding for
 * private decryption (CVE-2023-46809) and Packer templates still rely on it.
 */
function rsaDecryptPkcs1v15(key: RsaKey, cipher: Buffer): Buffer {
  const fail = () => new FunctionError('crypto/rsa: decryption error');
  if (cipher.length > key.size || key.size < 11) throw fail();
  const c = cipher.length === 0 ? 0n : BigInt(`0x${cipher.toString('hex')}`);
  if (c >= key.n) throw fail();
  const m = modPow(c, key.d, key.n);
  const em = Buffer.from(m.toString(16).padStart(key.size * 2, '0'), 'hex');
  if (em[0] !== 0 || em[1] !== 2) throw fail();
  const sep = em.indexOf(0, 2);
  if (sep < 10) throw fail(); // at least 8 bytes of non-zero padding
  return em.subarray(sep + 1);
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

export const cryptoFunctions: Record<string, HclFunction> = {
  bcrypt,
  md5: hashFunction('md5', 'Computes the MD5 hash of a string, as hex.'),
  rsadecrypt,
  sha1: hashFunction('sha1', 'Computes the SHA-1 hash of a string, as hex.'),
  sha256: hashFunction('sha256', 'Computes the SHA-256 hash of a string, as hex.'),
  sha512: hashFunction('sha512', 'Computes the SHA-512 hash of a string, as hex.'),
};
