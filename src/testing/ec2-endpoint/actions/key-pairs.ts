/** Key pairs: made here (the private key is returned once) or imported; their public key goes to instances. */
import { createHash, createPublicKey } from 'node:crypto';
import { generateTemporaryKeyPair } from '../../../communicator/ssh/keypair.js';
import { Ec2Error } from '../errors.js';
import { matchesFilters, readFilters } from '../filters.js';
import { newId } from '../ids.js';
import { type KeyPairRecord, type RegionState, tagSet } from '../model.js';
import { specTags } from '../service.js';
import type { Action } from './action.js';

function checkNewName(region: RegionState, name: string): void {
  if ([...region.keyPairs.values()].some((k) => k.name === name)) {
    throw new Ec2Error('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`);
  }
  if (name.length > 255) throw new Ec2Error('InvalidParameterValue', 'The key pair name is too long');
}

/** The public key blob (second field of an authorized_keys line). */
function publicBlob(line: string): Buffer {
  return Buffer.from(line.trim().split(/\s+/)[1] ?? '', 'base64');
}

/** EC2 shows ed25519 keys by the SHA-256 of the key blob; RSA keys by the MD5 of the DER public key. */
function fingerprint(type: 'rsa' | 'ed25519', publicKeyLine: string): string {
  const blob = publicBlob(publicKeyLine);
  if (type === 'ed25519') return createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  try {
    const der = createPublicKey({ key: publicKeyLine.trim(), format: 'pem' }).export({
      type: 'spki',
      format: 'der',
    });
    return colonHex(createHash('md5').update(der).digest());
  } catch {
    return colonHex(createHash('md5').update(blob).digest());
  }
}

function colonHex(bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function store(region: RegionState, record: KeyPairRecord): void {
  region.keyPairs.set(record.id, record);
}

const createKeyPair: Action = (_service, region, params) => {
  const name = params.required('KeyName');
  checkNewName(region, name);
  const type = params.string('KeyType') ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519')
    throw new Ec2Error('InvalidParameterValue', `Invalid value '${type}' for KeyType`);
  if (params.string('KeyFormat') === 'ppk')
    throw new Ec2Error('InvalidParameterValue', 'KeyFormat ppk is not supported by this endpoint');
  const pair = generateTemporaryKeyPair({ type, bits: 2048, name });
  const record: KeyPairRecord = {
    id: newId('key'),
    name,
    type,
    fingerprint: fingerprint(type, pair.publicKey),
    publicKey: pair.publicKey,
    createTime: new Date(),
    tags: specTags(params, 'key-pair'),
  };
  store(region, record);
  return {
    keyName: name,
    keyFingerprint: record.fingerprint,
    keyMaterial: pair.privateKey,
    keyPairId: record.id,
    tagSet: tagSet(record.tags),
  };
};

const importKeyPair: Action = (_service, region, params) => {
  const name = params.required('KeyName');
  checkNewName(region, name);
  const line = Buffer.from(params.required('PublicKeyMaterial'), 'base64').toString('utf8').trim();
  const kind = line.split(/\s+/)[0];
  const type = kind === 'ssh-ed25519' ? 'ed25519' : kind === 'ssh-rsa' ? 'rsa' : undefined;
  if (!type || publicBlob(line).length === 0) {
    throw new Ec2Error('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  }
  const record: KeyPairRecord = {
    id: newId('key'),
    name,
    type,
    fingerprint: fingerprint(type, line),
    publicKey: line,
    createTime: new Date(),
    tags: specTags(params, 'key-pair'),
  };
  store(region, record);
  return {
    keyName: name,
    keyFingerprint: record.fingerprint,
    keyPairId: record.id,
    tagSet: tagSet(record.tags),
  };
};

const deleteKeyPair: Action = (_service, region, params) => {
  const name = params.string('KeyName');
  const id = params.string('KeyPairId');
  if (name === undefined && id === undefined)
    throw new Ec2Error('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
  const record = [...region.keyPairs.values()].find((k) => k.name === name || k.id === id);
  // EC2 answers success for a key pair that does not exist.
  if (record) region.keyPairs.delete(record.id);
  return { return: true, keyPairId: record?.id };
};

const describeKeyPairs: Action = (_service, region, params) => {
  const names = params.strings('KeyName');
  const ids = params.strings('KeyPairId');
  const filters = readFilters(params);
  const all = [...region.keyPairs.values()];
  for (const name of names) {
    if (!all.some((k) => k.name === name))
      throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);
  }
  for (const id of ids) {
    if (!all.some((k) => k.id === id))
      throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair ID '${id}' does not exist`);
  }
  const includePublic = params.bool('IncludePublicKey') ?? false;
  const keys = all.filter(
    (k) =>
      (names.length === 0 || names.includes(k.name)) &&
      (ids.length === 0 || ids.includes(k.id)) &&
      matchesFilters(filters, k.tags, {
        'key-name': k.name,
        'key-pair-id': k.id,
        fingerprint: k.fingerprint,
      }),
  );
  return {
    keySet: keys.map((k) => ({
      keyPairId: k.id,
      keyName: k.name,
      keyFingerprint: k.fingerprint,
      keyType: k.type,
      createTime: k.createTime.toISOString(),
      publicKey: includePublic ? k.publicKey : undefined,
      tagSet: tagSet(k.tags),
    })),
  };
};

export const keyPairActions: Record<string, Action> = {
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DeleteKeyPair: deleteKeyPair,
  DescribeKeyPairs: describeKeyPairs,
};
