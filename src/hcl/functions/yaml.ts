/**
 * go-cty-yaml's (v1.0.1, as Packer pins it) mapping between YAML and cty values. Decoding parses with the `yaml` package (failsafe
 * schema, so every scalar arrives as text with its style and tag) and then resolves scalars with
 * go-cty-yaml's YAML 1.1 rules (yes/no/on/off booleans, numbers with underscores, 0b integers, timestamps,
 * merge keys).
 * Encoding re-implements the libyaml emitter output go-cty-yaml produces: block style, double-quoted
 * strings (folded at column 80), literal block scalars for multi-line strings.
 */
import type * as Yaml from 'yaml';
import type { Document, Node } from 'yaml';
import { FunctionError } from '../hcl.js';
import { BigFloat } from '../number.js';
import { goQuote } from '../go-strings.js';
import { DynamicType, friendlyName } from '../types.js';
import type { Value } from '../value.js';
import {
  asBigFloat,
  asBool,
  asString,
  elements,
  entries,
  False,
  NegativeInfinity,
  nullVal,
  numberVal,
  objectVal,
  PositiveInfinity,
  stringVal,
  True,
  tupleVal,
  unknownVal,
} from '../values.js';
import { goBase64Decode } from './base64.js';
import { lazyModule } from '../../lazy-module.js';

const yaml = lazyModule<typeof Yaml>('yaml');

const TAG = 'tag:yaml.org,2002:';
const STR_TAG = `${TAG}str`;
const BOOL_TAG = `${TAG}bool`;
const INT_TAG = `${TAG}int`;
const FLOAT_TAG = `${TAG}float`;
const NULL_TAG = `${TAG}null`;
const TIMESTAMP_TAG = `${TAG}timestamp`;
const BINARY_TAG = `${TAG}binary`;
const MAP_TAG = `${TAG}map`;
const SEQ_TAG = `${TAG}seq`;

const RESOLVE_MAP = new Map<string, { value: Value; tag: string }>();
function addResolved(value: Value, tag: string, words: string[]) {
  for (const w of words) RESOLVE_MAP.set(w, { value, tag });
}
addResolved(True, BOOL_TAG, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
addResolved(False, BOOL_TAG, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
addResolved(nullVal(DynamicType), NULL_TAG, ['', '~', 'null', 'Null', 'NULL']);
addResolved(PositiveInfinity, FLOAT_TAG, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
addResolved(NegativeInfinity, FLOAT_TAG, ['-.inf', '-.Inf', '-.INF']);

class YamlError extends Error {}

/** A position prefix as go-cty-yaml formats it; libyaml's first line is 0 and then gets no prefix. */
function located(doc: Document | undefined, node: { range?: unknown } | undefined, msg: string): YamlError {
  const range = node?.range as [number, number, number] | undefined;
  if (!doc || !range) return new YamlError(msg);
  const src = (doc as unknown as { __src: string }).__src;
  const before = src.slice(0, range[0]);
  const line0 = before.split('\n').length - 1;
  const col0 = [...before.slice(before.lastIndexOf('\n') + 1)].length;
  if (line0 === 0) return new YamlError(msg);
  return new YamlError(`on line ${line0}, column ${col0 + 1}: ${msg}`);
}

function resolvableTag(tag: string): boolean {
  return ['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG, BINARY_TAG].includes(tag);
}

function hintFor(src: string): string {
  if (src === '') return 'N';
  const c = src[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

function parseNumber(s: string): Value | undefined {
  const bf = BigFloat.parse(s);
  return bf ? numberVal(bf) : undefined;
}

/** strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b and leading-0 octal prefixes, 64-bit range). */
function parseGoInt(s: string): Value | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2]!;
  if (/^0[oO]/.test(body)) body = `0o${body.slice(2)}`;
  else if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  let n = BigInt(body);
  if (m[1] === '-') n = -n;
  if (n < -(2n ** 63n) || n > 2n ** 64n - 1n) return undefined;
  return numberVal(n);
}

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** go-cty-yaml v1.0.1's 0b / -0b integers (int64, or uint64 for the unsigned form). */
function parseBinary(s: string): Value | undefined {
  const m = /^(-?)0b([01]+)$/.exec(s);
  if (!m) return undefined;
  const n = BigInt(`0b${m[2]}`) * (m[1] ? -1n : 1n);
  if (n < -(2n ** 63n) || n > (m[1] ? 2n ** 63n - 1n : 2n ** 64n - 1n)) return undefined;
  return numberVal(n);
}

/** go-cty-yaml's parseTimestamp, formatted as Go's time.RFC3339. */
function parseTimestamp(s: string): string | undefined {
  const m = TIMESTAMP.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, t, sp, h, mi, se, , zone] = m;
  const hasTime = h !== undefined;
  if (hasTime && t && !zone) return undefined; // the T forms require a zone
  if (hasTime && sp && zone) return undefined; // the space form has no zone
  const month = Number(mo);
  const day = Number(d);
  const year = Number(y);
  if (month < 1 || month > 12) return undefined;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > dim) return undefined;
  const hh = Number(h ?? 0);
  const mm = Number(mi ?? 0);
  const ss = Number(se ?? 0);
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const zoneText = !zone || zone === 'Z' || zone === '+00:00' ? 'Z' : zone;
  return `${y}-${p2(month)}-${p2(day)}T${p2(hh)}:${p2(mm)}:${p2(ss)}${zoneText}`;
}

function resolveScalar(tag: string, src: string, quoted: boolean): Value {
  if (!resolvableTag(tag)) throw new Error(`unsupported tag ${goQuote(tag)}`);
  const hint = hintFor(src);
  if (hint !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    if (quoted) return stringVal(src);
    const item = RESOLVE_MAP.get(src);
    if (item) return item.value;
    if (tag === '' && ['.nan', '.NaN', '.NAN'].includes(src))
      throw new Error('floating point NaN is not supported');
    if (hint === '.') {
      const n = parseNumber(src);
      if (n) return n;
    } else if (hint === 'D' || hint === 'S') {
      if (tag === '' || tag === TIMESTAMP_TAG) {
        const ts = parseTimestamp(src);
        if (ts) return stringVal(ts);
      }
      const n = parseNumber(src.replaceAll('_', ''));
      if (n) return n;
      if (/^-?0b/.test(src.replaceAll('_', ''))) tag = INT_TAG;
    }
  }
  switch (tag) {
    case STR_TAG:
    case BINARY_TAG:
      if (tag === BINARY_TAG && !goBase64Decode(src).ok) {
        throw new Error(`cannot parse ${goQuote(src)} as ${tag}: not valid base64`);
      }
      return stringVal(src);
    case BOOL_TAG: {
      const item = RESOLVE_MAP.get(src);
      if (!item || item.tag !== BOOL_TAG) throw new Error(`cannot parse ${goQuote(src)} as ${tag}`);
      return item.value;
    }
    case FLOAT_TAG:
    case INT_TAG: {
      const plain = src.replaceAll('_', '');
      const n = parseNumber(plain) ?? parseGoInt(plain) ?? parseBinary(plain);
      if (n) return n;
      throw new Error(`cannot parse ${goQuote(src)} as ${tag}`);
    }
    case TIMESTAMP_TAG: {
      const ts = parseTimestamp(src);
      if (ts) return stringVal(ts);
      throw new Error(`cannot parse ${goQuote(src)} as ${tag}`);
    }
    case NULL_TAG:
      return nullVal(DynamicType);
    default:
      return stringVal(src);
  }
}

/** Decodes a single-document YAML stream into a cty value of its implied type. Throws FunctionError. */
export function yamlDecode(src: string): Value {
  try {
    const v = decode(src);
    // go-cty-yaml v1.0.1 (Packer's) gives a document that is just null an unknown result.
    return v.type.kind === 'dynamic' ? unknownVal(DynamicType) : v;
  } catch (e) {
    if (e instanceof YamlError) throw new FunctionError(e.message);
    if (e instanceof Error) throw new FunctionError(e.message);
    throw e;
  }
}

function decode(src: string): Value {
  const docs = yaml().parseAllDocuments(src === '' ? '\n' : src, {
    schema: 'failsafe',
    merge: false,
    uniqueKeys: false,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const err = d.errors[0];
    if (err) {
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const pos = err.linePos?.[0];
      throw new YamlError(pos ? `on line ${pos.line}, column ${pos.col}: ${msg}` : msg);
    }
  }
  if (list.length === 0) throw new YamlError('on line 1, column 1: missing start of document');
  const doc = list[0]!;
  (doc as unknown as { __src: string }).__src = src;
  if (list.length > 1) {
    const second = list[1]!;
    (second as unknown as { __src: string }).__src = src;
    throw located(second, { range: second.range }, 'only a single document is allowed');
  }
  return decodeNode(doc, doc.contents as Node | null, { values: new Map(), pending: new Set() });
}

interface Anchors {
  readonly values: Map<string, Value>;
  /** Anchors whose node is still being decoded (an alias to one of them is an error). */
  readonly pending: Set<string>;
}

function decodeNode(doc: Document, node: Node | null, anchors: Anchors): Value {
  if (node === null) return nullVal(DynamicType);
  let v: Value;
  if (yaml().isAlias(node)) {
    const name = node.source;
    if (anchors.pending.has(name)) {
      throw located(doc, node, `cannot refer to anchor ${goQuote(name)} from inside its own definition`);
    }
    const found = anchors.values.get(name);
    if (!found) throw located(doc, node, `reference to undefined anchor ${goQuote(name)}`);
    return found;
  }
  if (node.anchor) anchors.pending.add(node.anchor);
  const tag = node.tag ?? '';
  if (yaml().isScalar(node)) {
    const quoted = node.type === yaml().Scalar.QUOTE_DOUBLE || node.type === yaml().Scalar.QUOTE_SINGLE;
    try {
      // The yaml package decodes !!binary and !!timestamp itself; go-cty-yaml works on the source text.
      const text = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value ?? ''));
      v = resolveScalar(tag === '!' ? '' : tag, text, quoted);
    } catch (e) {
      throw located(doc, node, e instanceof Error ? e.message : String(e));
    }
  } else if (yaml().isSeq(node)) {
    if (tag !== '' && tag !== SEQ_TAG) throw located(doc, node, `can't interpret sequence as ${tag}`);
    v = tupleVal(node.items.map((n) => decodeNode(doc, n as Node | null, anchors)));
  } else if (yaml().isMap(node)) {
    if (tag !== '' && tag !== MAP_TAG) throw located(doc, node, `can't interpret mapping as ${tag}`);
    const attrs = new Map<string, Value>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (yaml().isScalar(key) && !key.tag && key.value === '<<') {
        mergeInto(doc, attrs, decodeNode(doc, pair.value as Node | null, anchors), key);
        continue;
      }
      if (!yaml().isScalar(key))
        throw located(doc, key ?? undefined, 'only strings are allowed as mapping keys');
      const kv = decodeNode(doc, key, anchors);
      if (kv.state === 'null') throw located(doc, key, 'mapping key cannot be null');
      const keyText = keyString(kv);
      if (keyText === undefined) throw located(doc, key, 'only strings are allowed as mapping keys');
      attrs.set(keyText, decodeNode(doc, pair.value as Node | null, anchors));
    }
    v = objectVal(attrs);
  } else {
    throw located(doc, node as { range?: unknown }, 'unexpected parser event');
  }
  if (node.anchor) {
    anchors.pending.delete(node.anchor);
    anchors.values.set(node.anchor, v);
  }
  return v;
}

/** A scalar key converted to string as cty's convert would (numbers and bools become text). */
function keyString(v: Value): string | undefined {
  if (v.state !== 'known') return undefined;
  if (v.type.kind === 'string') return asString(v);
  if (v.type.kind === 'number') return asBigFloat(v).toString();
  if (v.type.kind === 'bool') return asBool(v) ? 'true' : 'false';
  return undefined;
}

function mergeInto(doc: Document, attrs: Map<string, Value>, val: Value, keyNode: Node): void {
  const k = val.type.kind;
  if (k !== 'object' && k !== 'map') {
    throw located(doc, keyNode, `cannot merge ${friendlyName(val.type)} into mapping`);
  }
  for (const [name, v] of entries(val)) attrs.set(name, v);
}

// ---- encoding (libyaml emitter behaviour) ----

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    cp >= 0x10000
  );
}

const isBreak = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

/** Whether libyaml may write the string as a block (literal) scalar. */
function blockAllowed(s: string): boolean {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  let prevSpace = false;
  let prevBreak = false;
  let spaceBreak = false;
  let special = false;
  let trailingSpace = false;
  cps.forEach((cp, i) => {
    if (!isPrintable(cp)) special = true;
    if (cp === 0x20) {
      if (i === cps.length - 1) trailingSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(cp)) {
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
  });
  void prevBreak;
  return !trailingSpace && !spaceBreak && !special;
}

class Emitter {
  out = '';
  column = 0;
  indent = -1;
  whitespace = true;
  indention = true;

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  plain(s: string): void {
    if (!this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = false;
    this.indention = false;
  }

  doubleQuoted(s: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const cps = [...s];
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(cp) || c === '"' || c === '\\') {
        this.put(`\\${escapeFor(cp)}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(s: string): void {
    this.indicator('|', true, false, false);
    const cps = [...s];
    if (cps.length > 0 && (cps[0] === ' ' || isBreak(cps[0]!.codePointAt(0)!))) {
      this.indicator(String(BEST_INDENT), false, false, false);
    }
    let chomp = '';
    const last = cps.length - 1;
    if (cps.length === 0 || !isBreak(cps[last]!.codePointAt(0)!)) chomp = '-';
    else if (last === 0 || isBreak(cps[last - 1]!.codePointAt(0)!)) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cps) {
      if (isBreak(c.codePointAt(0)!)) {
        if (c === '\n') this.putBreak();
        else {
          this.out += c;
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }
}

function escapeFor(cp: number): string {
  const named = new Map<number, string>([
    [0x00, '0'],
    [0x07, 'a'],
    [0x08, 'b'],
    [0x09, 't'],
    [0x0a, 'n'],
    [0x0b, 'v'],
    [0x0c, 'f'],
    [0x0d, 'r'],
    [0x1b, 'e'],
    [0x22, '"'],
    [0x5c, '\\'],
    [0x85, 'N'],
    [0xa0, '_'],
    [0x2028, 'L'],
    [0x2029, 'P'],
  ]);
  const n = named.get(cp);
  if (n !== undefined) return n;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

/** yamlencode: go-cty-yaml's Marshal output. Throws FunctionError for unknown values. */
export function yamlEncode(v: Value): string {
  const e = new Emitter();
  emitNode(e, v, { root: true, mappingContext: false, simpleKey: false });
  // Document end: the emitter finishes the last line.
  if (e.column > 0 || e.out === '') e.putBreak();
  // A plain scalar as the whole document leaves it "open ended", so libyaml closes it with "...".
  const plainRoot = v.state === 'null' || v.type.kind === 'number' || v.type.kind === 'bool';
  return plainRoot ? `${e.out}...\n` : e.out;
}

interface NodeContext {
  root: boolean;
  mappingContext: boolean;
  simpleKey: boolean;
}

function isEmptyCollection(v: Value): boolean {
  const k = v.type.kind;
  if (v.state !== 'known') return false;
  if (k === 'list' || k === 'set' || k === 'tuple') return elements(v).length === 0;
  if (k === 'map' || k === 'object') return entries(v).length === 0;
  return false;
}

function emitNode(e: Emitter, v: Value, ctx: NodeContext): void {
  if (v.state === 'unknown') throw new FunctionError('cannot serialize unknown value as YAML');
  const k = v.type.kind;
  if (v.state === 'null' || k === 'string' || k === 'number' || k === 'bool') {
    emitScalar(e, v, ctx);
    return;
  }
  if (isEmptyCollection(v)) {
    const isSeqKind = k === 'list' || k === 'set' || k === 'tuple';
    e.indicator(isSeqKind ? '[]' : '{}', true, false, false);
    return;
  }
  if (k === 'list' || k === 'set' || k === 'tuple') {
    const saved = e.indent;
    const indentless = ctx.mappingContext && !e.indention;
    if (e.indent < 0) e.indent = 0;
    else if (!indentless) e.indent += BEST_INDENT;
    for (const item of elements(v)) {
      e.writeIndent();
      e.indicator('-', true, false, true);
      emitNode(e, item, { root: false, mappingContext: false, simpleKey: false });
    }
    e.indent = saved;
    return;
  }
  if (k === 'map' || k === 'object') {
    const saved = e.indent;
    e.indent = e.indent < 0 ? 0 : e.indent + BEST_INDENT;
    for (const [key, val] of entries(v)) {
      e.writeIndent();
      // libyaml writes a key in "? key" form when it spans lines or is longer than 128 bytes.
      const simple = !/[\n\r\u0085\u2028\u2029]/.test(key) && Buffer.byteLength(key, 'utf8') <= 128;
      if (simple) {
        emitScalar(e, stringVal(key), { root: false, mappingContext: true, simpleKey: true });
        e.indicator(':', false, false, false);
      } else {
        e.indicator('?', true, false, true);
        emitScalar(e, stringVal(key), { root: false, mappingContext: true, simpleKey: false });
        e.writeIndent();
        e.indicator(':', true, false, true);
      }
      emitNode(e, val, { root: false, mappingContext: true, simpleKey: false });
    }
    e.indent = saved;
    return;
  }
  throw new FunctionError(`can't marshal ${friendlyName(v.type)} as YAML`);
}

function emitScalar(e: Emitter, v: Value, ctx: NodeContext): void {
  const saved = e.indent;
  e.indent = e.indent < 0 ? BEST_INDENT : e.indent + BEST_INDENT;
  if (v.state === 'null') e.plain('null');
  else if (v.type.kind === 'number') e.plain(asBigFloat(v).text('f', -1));
  else if (v.type.kind === 'bool') e.plain(asBool(v) ? 'true' : 'false');
  else {
    const s = asString(v);
    if (s.includes('\n') && !ctx.simpleKey && blockAllowed(s)) e.literal(s);
    else e.doubleQuoted(s, !ctx.simpleKey);
  }
  e.indent = saved;
  void ctx.root;
}
