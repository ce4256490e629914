/**
 * cty's JSON mapping (cty/json) with Go encoding/json's text rules: marshalling a value (string escaping
 * with HTML-safe escapes, numbers as their shortest decimal), and decoding a document into a value of
 * its implied type (objects become objects, arrays tuples), with Go's decoder error messages.
 */
import { goQuoteRune } from '../go-strings.js';
import { JSON_SIMPLE_ESCAPES } from '../json/string-literal.js';
import { BigFloat } from '../number.js';
import { DynamicType } from '../types.js';
import type { Value } from '../value.js';
import {
  asBigFloat,
  asBool,
  asString,
  boolVal,
  elements,
  entries,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
} from '../values.js';

/** A Go string literal as encoding/json writes it (HTML escaping on, as json.Marshal does). */
export function jsonQuoteString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    switch (c) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '<':
      case '>':
      case '&':
        out += `\\u00${cp.toString(16)}`;
        break;
      default:
        if (cp < 0x20) out += `\\u00${cp.toString(16).padStart(2, '0')}`;
        else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
        else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
        else out += c;
    }
  }
  return `${out}"`;
}

/** cty json.Marshal(v, v.Type()); throws Error with cty's message for unknown values and infinities. */
export function jsonMarshal(v: Value): string {
  if (v.marks && v.marks.size > 0) throw new Error('value has marks, so it cannot be serialized as JSON');
  if (v.state === 'unknown') throw new Error('value is not known');
  if (v.state === 'null') return 'null';
  switch (v.type.kind) {
    case 'string':
      return jsonQuoteString(asString(v));
    case 'number': {
      const bf = asBigFloat(v);
      if (bf.isInfinite()) throw new Error('cannot serialize infinity as JSON');
      return bf.text('f', -1);
    }
    case 'bool':
      return asBool(v) ? 'true' : 'false';
    case 'list':
    case 'set':
    case 'tuple':
      return `[${elements(v).map(jsonMarshal).join(',')}]`;
    case 'map':
    case 'object':
      return `{${entries(v)
        .map(([k, e]) => `${jsonQuoteString(k)}:${jsonMarshal(e)}`)
        .join(',')}}`;
    default:
      throw new Error(`cannot JSON-serialize ${v.type.kind}`);
  }
}

class JsonError extends Error {}

const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Decodes a JSON document as cty's jsondecode does (ImpliedType then Unmarshal). Objects with a
 * repeated key keep the last value, unless the two values' types differ.
 */
export function jsonDecode(text: string): Value {
  let i = 0;
  const skipWs = () => {
    while (isWs(text[i])) i++;
  };
  const fail = (msg: string): never => {
    throw new JsonError(msg);
  };
  const invalid = (context: string): never => fail(`invalid character ${goQuoteRune(charAt(i))}${context}`);
  const charAt = (p: number) => String.fromCodePoint(text.codePointAt(p)!);

  function parseValue(): Value {
    skipWs();
    if (i >= text.length) fail('EOF');
    const c = text[i]!;
    if (c === '{') return parseObject();
    if (c === '[') return parseArray();
    if (c === '"') return stringVal(parseString());
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    if (c === 't') return parseLiteral('true', () => ({ v: true }));
    if (c === 'f') return parseLiteral('false', () => ({ v: false }));
    if (c === 'n') return parseLiteral('null', () => null);
    return invalid(' looking for beginning of value');
  }

  function parseLiteral(word: string, make: () => { v: boolean } | null): Value {
    for (let k = 0; k < word.length; k++) {
      if (i >= text.length) fail('unexpected EOF');
      if (text[i] !== word[k]) invalid(` in literal ${word} (expecting ${goQuoteRune(word[k]!)})`);
      i++;
    }
    const r = make();
    return r === null ? nullVal(DynamicType) : boolVal(r.v);
  }

  function parseNumber(): Value {
    const start = i;
    const need = (ok: (c: string) => boolean, ctx: string) => {
      if (i >= text.length) fail('unexpected EOF');
      if (!ok(text[i]!)) invalid(ctx);
    };
    const digit = (c: string) => c >= '0' && c <= '9';
    if (text[i] === '-') {
      i++;
      need(digit, ' in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (digit(text[i] ?? '')) i++;
    if (text[i] === '.') {
      i++;
      need(digit, ' after decimal point in numeric literal');
      while (digit(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      need(digit, ' in exponent of numeric literal');
      while (digit(text[i] ?? '')) i++;
    }
    const bf = BigFloat.parse(text.slice(start, i));
    if (!bf) fail(`invalid number ${text.slice(start, i)}`);
    return numberVal(bf!);
  }

  function parseString(): string {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unexpected EOF');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        i++;
        if (i >= text.length) fail('unexpected EOF');
        const e = text[i]!;
        const simple = JSON_SIMPLE_ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i++;
          continue;
        }
        if (e !== 'u') invalid(' in string escape code');
        i++;
        let unit = readHex4();
        if (unit >= 0xd800 && unit < 0xdc00) {
          // A high surrogate must be followed by an escaped low surrogate, else it becomes U+FFFD.
          if (text[i] === '\\' && text[i + 1] === 'u') {
            const save = i;
            i += 2;
            const low = readHex4();
            if (low >= 0xdc00 && low <= 0xdfff) {
              out += String.fromCharCode(unit, low);
              continue;
            }
            i = save;
          }
          unit = 0xfffd;
        } else if (unit >= 0xdc00 && unit <= 0xdfff) unit = 0xfffd;
        out += String.fromCharCode(unit);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) invalid(' in string literal');
      out += c;
      i++;
    }
  }

  function readHex4(): number {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      if (i >= text.length) fail('unexpected EOF');
      const h = text[i]!;
      if (!/[0-9a-fA-F]/.test(h)) invalid(' in \\u hexadecimal character escape');
      n = n * 16 + Number.parseInt(h, 16);
      i++;
    }
    return n;
  }

  function parseObject(): Value {
    i++;
    const attrs = new Map<string, Value>();
    skipWs();
    if (text[i] === '}') {
      i++;
      return objectVal(attrs);
    }
    for (;;) {
      skipWs();
      if (i >= text.length) fail('EOF');
      if (text[i] !== '"') invalid(' looking for beginning of object key string');
      const key = parseString();
      skipWs();
      if (i >= text.length) fail('EOF');
      if (text[i] !== ':') invalid(' after object key');
      i++;
      const val = parseValue();
      const existing = attrs.get(key);
      if (existing && !sameShape(existing, val))
        fail(`duplicate ${jsonQuoteString(key)} property in JSON object`);
      attrs.set(key, val);
      skipWs();
      if (i >= text.length) fail('EOF');
      if (text[i] === ',') {
        i++;
        skipWs();
        if (text[i] === '}') invalid(' looking for beginning of object key string');
        continue;
      }
      if (text[i] === '}') {
        i++;
        return objectVal(attrs);
      }
      invalid(' after object key:value pair');
    }
  }

  function parseArray(): Value {
    i++;
    const elems: Value[] = [];
    skipWs();
    if (text[i] === ']') {
      i++;
      return tupleVal(elems);
    }
    for (;;) {
      skipWs();
      if (text[i] === ']') invalid(' looking for beginning of value');
      elems.push(parseValue());
      skipWs();
      if (i >= text.length) fail('EOF');
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return tupleVal(elems);
      }
      invalid(' after array element');
    }
  }

  skipWs();
  if (i >= text.length) fail('EOF');
  const v = parseValue();
  skipWs();
  if (i < text.length) fail('extraneous data after JSON object');
  return v;
}

/** Whether two decoded values have the same implied type (cty compares types of duplicate keys). */
function sameShape(a: Value, b: Value): boolean {
  return typeKey(a) === typeKey(b);
}

function typeKey(v: Value): string {
  if (v.state === 'null') return 'dynamic';
  switch (v.type.kind) {
    case 'tuple':
      return `[${elements(v).map(typeKey).join(',')}]`;
    case 'object':
      return `{${entries(v)
        .map(([k, e]) => `${JSON.stringify(k)}:${typeKey(e)}`)
        .join(',')}}`;
    default:
      return v.type.kind;
  }
}

export function isJsonError(e: unknown): e is Error {
  return e instanceof JsonError;
}
