/**
 * Encoding functions: go-cty-funcs base64decode/base64encode/urlencode, Packer's base64gzip and
 * textencodebase64/textdecodebase64, cty stdlib csvdecode/jsondecode/jsonencode, and go-cty-yaml's
 * yamldecode/yamlencode.
 */
import { gzipSync } from 'node:zlib';
import type Iconv from 'iconv-lite';
import { FunctionArgError, FunctionError } from '../hcl.js';
import { goQuote } from '../go-strings.js';
import { DynamicType, listOf, objectOf, StringType, type Type } from '../types.js';
import type { Value } from '../value.js';
import {
  asString,
  isWhollyKnown,
  listVal,
  listValEmpty,
  objectVal,
  stringVal,
  unknownVal,
} from '../values.js';
import { goBase64Decode, utf8OrUndefined } from './base64.js';
import { defineFunction, param } from './call.js';
import { CsvParseError, readCsv } from './csv.js';
import { isJsonError, jsonDecode, jsonMarshal } from './json.js';
import { IANA_ENCODINGS } from './iana-encodings.js';
import { lazyModule } from '../../lazy-module.js';
import { errorMessage } from './util.js';
import { yamlDecode, yamlEncode } from './yaml.js';

const iconv = lazyModule<typeof Iconv>('iconv-lite');

const str = (name = 'str') => param(name, StringType);

export const Base64EncodeFunc = defineFunction({
  params: [str()],
  returnType: StringType,
  impl: ([s]) => stringVal(Buffer.from(asString(s!), 'utf8').toString('base64')),
});

export const Base64DecodeFunc = defineFunction({
  params: [str()],
  returnType: StringType,
  impl: ([v]) => {
    const s = asString(v!);
    const r = goBase64Decode(s);
    if (!r.ok) throw new FunctionError(`failed to decode base64 data '${s}'`);
    const text = utf8OrUndefined(r.bytes);
    if (text === undefined) {
      throw new FunctionError('the result of decoding the the provided string is not valid UTF-8');
    }
    return stringVal(text);
  },
});

export const Base64GzipFunc = defineFunction({
  params: [str()],
  returnType: StringType,
  impl: ([s]) => {
    const gz = gzipSync(Buffer.from(asString(s!), 'utf8'));
    // Go's gzip writer records "unknown" (255) as the operating system; zlib writes the host's.
    gz[9] = 255;
    return stringVal(gz.toString('base64'));
  },
});

/** Go's url.QueryEscape: unreserved bytes kept, space as '+', everything else %XX (upper-case hex). */
export function goQueryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const URLEncodeFunc = defineFunction({
  params: [str()],
  returnType: StringType,
  impl: ([s]) => stringVal(goQueryEscape(asString(s!))),
});

interface Codec {
  readonly ianaName: string;
  encode(s: string): Buffer;
  decode(b: Buffer): string;
}

const BY_ALIAS = new Map<string, readonly [string, string | undefined]>();
for (const [name, codec, aliases] of IANA_ENCODINGS) {
  for (const alias of aliases) BY_ALIAS.set(alias, [name, codec]);
}

/** Go's "UTF-16" (big-endian, with a byte order mark written and honoured). */
const utf16WithBom = {
  encode: (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv().encode(s, 'utf16be')]),
  decode: (b: Buffer) => {
    if (b[0] === 0xff && b[1] === 0xfe) return iconv().decode(b.subarray(2), 'utf16le');
    if (b[0] === 0xfe && b[1] === 0xff) return iconv().decode(b.subarray(2), 'utf16be');
    return iconv().decode(b, 'utf16be');
  },
};

/** ianaindex.IANA.Encoding: a case-insensitive lookup of IANA names and aliases. */
function lookupEncoding(name: string): Codec | undefined {
  const found = BY_ALIAS.get(name.trim().toLowerCase());
  if (!found) return undefined;
  const [ianaName, codec] = found;
  if (codec === 'UTF-16') return { ianaName, ...utf16WithBom };
  if (codec === undefined) {
    throw new FunctionError(`the ${ianaName} encoding is not available in this implementation`);
  }
  return { ianaName, encode: (s) => iconv().encode(s, codec), decode: (b) => iconv().decode(b, codec) };
}

/** The encoding named by the `encoding` argument (the second); an argument error when none matches. */
function encodingArg(name: Value): Codec {
  const enc = lookupEncoding(asString(name));
  if (!enc)
    throw new FunctionArgError(
      1,
      `${goQuote(asString(name))} is not a supported IANA encoding name or alias`,
    );
  return enc;
}

export const TextEncodeBase64Func = defineFunction({
  params: [str('string'), str('encoding')],
  returnType: StringType,
  impl: ([s, e]) => {
    const enc = encodingArg(e!);
    const input = asString(s!);
    const bytes = enc.encode(input);
    // iconv-lite substitutes unrepresentable characters; Go's encoder reports them instead.
    if (enc.decode(bytes) !== input) {
      throw new FunctionArgError(
        0,
        `the given string contains characters that cannot be represented in ${enc.ianaName}`,
      );
    }
    return stringVal(bytes.toString('base64'));
  },
});

export const TextDecodeBase64Func = defineFunction({
  params: [str('source'), str('encoding')],
  returnType: StringType,
  impl: ([s, e]) => {
    const enc = encodingArg(e!);
    const r = goBase64Decode(asString(s!));
    if (!r.ok)
      throw new FunctionArgError(0, `the given value is has an invalid base64 symbol at offset ${r.offset}`);
    const decoded = enc.decode(r.bytes);
    if (decoded.includes('\ufffd')) {
      throw new FunctionArgError(
        0,
        `the given string contains symbols that are not defined for ${enc.ianaName}`,
      );
    }
    return stringVal(decoded);
  },
});

export const CSVDecodeFunc = defineFunction({
  params: [str()],
  returnType: ([s]) => {
    if (s!.state !== 'known') return DynamicType;
    let records: ReturnType<typeof readCsv>;
    try {
      records = readCsv(asString(s!), 0, 1);
    } catch (e) {
      if (e instanceof CsvParseError) throw new FunctionError(e.message);
      throw e;
    }
    if (records.length === 0) throw new FunctionError('missing header line');
    const headers = records[0]!.fields;
    const attrs = new Map<string, Type>();
    for (const h of headers) {
      if (attrs.has(h)) throw new FunctionError(`duplicate column name ${goQuote(h)}`);
      attrs.set(h, StringType);
    }
    return listOf(objectOf(attrs));
  },
  impl: ([s], retType) => {
    const ety = (retType as { elem: Type }).elem as Extract<Type, { kind: 'object' }>;
    let records: ReturnType<typeof readCsv>;
    try {
      records = readCsv(asString(s!), ety.attrs.size);
    } catch (e) {
      if (e instanceof CsvParseError) throw new FunctionError(e.message);
      throw e;
    }
    const headers = records[0]!.fields;
    const rows = records
      .slice(1)
      .map((r) => objectVal(new Map(r.fields.map((f, i) => [headers[i]!, stringVal(f)]))));
    return rows.length === 0 ? listValEmpty(ety) : listVal(rows);
  },
});

export const JSONEncodeFunc = defineFunction({
  params: [param('val', DynamicType, { allowUnknown: true, allowDynamicType: true, allowNull: true })],
  returnType: StringType,
  impl: ([v]) => {
    if (!isWhollyKnown(v!)) return unknownVal(StringType);
    try {
      return stringVal(jsonMarshal(v!));
    } catch (e) {
      throw new FunctionError(errorMessage(e));
    }
  },
});

export const JSONDecodeFunc = defineFunction({
  params: [str()],
  returnType: ([s]) => {
    if (s!.state !== 'known') return DynamicType;
    return decodeJsonOrThrow(asString(s!)).type;
  },
  impl: ([s]) => decodeJsonOrThrow(asString(s!)),
});

function decodeJsonOrThrow(text: string) {
  try {
    return jsonDecode(text);
  } catch (e) {
    if (isJsonError(e)) throw new FunctionError(e.message);
    throw e;
  }
}

export const YAMLDecodeFunc = defineFunction({
  params: [param('src', StringType)],
  returnType: ([s]) => (s!.state !== 'known' ? DynamicType : yamlDecode(asString(s!)).type),
  impl: ([s]) => yamlDecode(asString(s!)),
});

export const YAMLEncodeFunc = defineFunction({
  params: [param('value', DynamicType, { allowNull: true, allowDynamicType: true })],
  returnType: StringType,
  impl: ([v]) => {
    if (!isWhollyKnown(v!)) return unknownVal(StringType);
    return stringVal(yamlEncode(v!));
  },
});
