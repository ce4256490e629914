/**
 * UUID functions (go-cty-funcs `uuid`).
 * Exports `uuidFunctions`: uuidv4, uuidv5.
 */
import { createHash, randomUUID } from 'node:crypto';
import { FunctionError, type HclFunction } from '../hcl.js';
import { StringType } from '../types.js';
import { asString, stringVal } from '../values.js';
import { defineFunction, param } from './call.js';

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** google/uuid.Parse: the 36-character form, optionally braced or with a urn:uuid: prefix, or 32 hex digits. */
export function parseUuid(s: string): Buffer | undefined {
  let hex: string | undefined;
  if (s.length === 36) {
    if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) hex = s;
  } else if (s.length === 45 && s.toLowerCase().startsWith('urn:uuid:')) {
    return parseUuid(s.slice(9));
  } else if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) {
    return parseUuid(s.slice(1, -1));
  } else if (s.length === 32 && /^[0-9a-fA-F]{32}$/.test(s)) {
    hex = s;
  }
  return hex === undefined ? undefined : Buffer.from(hex.replace(/-/g, ''), 'hex');
}

function uuidParseError(s: string): string {
  const len = Buffer.byteLength(s, 'utf8');
  if (![32, 36, 38, 45].includes(len)) return `invalid UUID length: ${len}`;
  if (len === 45 && !s.toLowerCase().startsWith('urn:uuid:'))
    return `invalid urn prefix: ${JSON.stringify(s.slice(0, 9))}`;
  return 'invalid UUID format';
}

export function formatUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(namespace: Buffer, name: string): string {
  const sum = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  sum[6] = (sum[6]! & 0x0f) | 0x50;
  sum[8] = (sum[8]! & 0x3f) | 0x80;
  return formatUuid(Buffer.from(sum));
}

const uuidv4 = defineFunction({
  description: 'Generates a new random (version 4) UUID.',
  params: [],
  returnType: StringType,
  impl: () => stringVal(randomUUID()),
});

const uuidv5 = defineFunction({
  description: 'Generates a name-based (version 5) UUID in a namespace: dns, url, oid, x500 or a UUID.',
  params: [param('namespace', StringType), param('name', StringType)],
  returnType: StringType,
  impl: (args) => {
    const ns = asString(args[0]!);
    const known = NAMESPACES[ns];
    const nsBytes = parseUuid(known ?? ns);
    if (!nsBytes) throw new FunctionError(`uuidv5() doesn't support namespace ${ns} (${uuidParseError(ns)})`);
    return stringVal(uuidV5(nsBytes, asString(args[1]!)));
  },
});

export const uuidFunctions: Record<string, HclFunction> = { uuidv4, uuidv5 };
