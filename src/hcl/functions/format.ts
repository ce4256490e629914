/**
 * format() and formatlist(): cty's printf-like formatter (stdlib/format.go and its Ragel scanner), with
 * Go's fmt rules for the number verbs (big.Int and big.Float Format) and cty's own rules for the others.
 */
import { convert } from '../convert.js';
import { goQuoteRune } from '../go-strings.js';
import { FunctionArgError, FunctionError } from '../hcl.js';
import type { BigFloat } from '../number.js';
import { BoolType, DynamicType, listOf, NumberType, StringType } from '../types.js';
import type { Value } from '../value.js';
import {
  asBigFloat,
  asBool,
  asString,
  elements,
  isWhollyKnown,
  listVal,
  listValEmpty,
  stringVal,
  unknownVal,
} from '../values.js';
import { defineFunction, param } from './call.js';
import { jsonMarshal, jsonQuoteString } from './json.js';
import { errorMessage, graphemeCount, graphemes, utf8Length } from './util.js';

interface Verb {
  raw: string;
  /** Byte offset of the verb's '%'. */
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  width: number; // -1 when absent
  prec: number; // -1 when absent
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && /^[a-zA-Z]$/.test(c);

/** Formats `format` with the (wholly known) arguments; throws FunctionError / FunctionArgError. */
export function formatValues(format: string, args: readonly Value[]): string {
  let out = '';
  let nextArg = 1;
  let highestArgIdx = 0;
  const chars = [...format];
  let bytePos = 0;
  const byteOffsets: number[] = [];
  for (const c of chars) {
    byteOffsets.push(bytePos);
    bytePos += utf8Length(c);
  }
  const total = bytePos;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    if (chars[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const start = i;
    const verb: Verb = {
      raw: '',
      offset: byteOffsets[start]!,
      argNum: nextArg,
      mode: '',
      zero: false,
      sharp: false,
      plus: false,
      minus: false,
      space: false,
      width: -1,
      prec: -1,
    };
    i++;
    const fail = (): never => {
      if (i >= chars.length) throw new FunctionError(`invalid format string starting at offset ${total}`);
      throw new FunctionError(
        `unrecognized format character ${goQuoteRune(chars[i]!)} at offset ${byteOffsets[i]}`,
      );
    };
    for (;;) {
      const f = chars[i];
      if (f === '0') verb.zero = true;
      else if (f === '#') verb.sharp = true;
      else if (f === '-') verb.minus = true;
      else if (f === '+') verb.plus = true;
      else if (f === ' ') verb.space = true;
      else break;
      i++;
    }
    if (isDigit(chars[i])) {
      verb.width = 0;
      while (isDigit(chars[i])) verb.width = verb.width * 10 + Number(chars[i++]);
    }
    if (chars[i] === '.') {
      i++;
      verb.prec = 0;
      while (isDigit(chars[i])) verb.prec = verb.prec * 10 + Number(chars[i++]);
    }
    if (chars[i] === '[') {
      i++;
      if (!isDigit(chars[i]) || chars[i] === '0') fail();
      verb.argNum = 0;
      while (isDigit(chars[i])) verb.argNum = verb.argNum * 10 + Number(chars[i++]);
      if (chars[i] !== ']') fail();
      i++;
    }
    if (!isLetter(chars[i])) fail();
    verb.mode = chars[i]!;
    i++;
    verb.raw = chars.slice(start, i).join('');
    if (verb.argNum > highestArgIdx) highestArgIdx = verb.argNum;
    out += formatOne(verb, args);
    nextArg = verb.argNum + 1;
  }
  if (highestArgIdx < args.length) {
    const firstBad = highestArgIdx + 1;
    if (highestArgIdx === 0)
      throw new FunctionArgError(firstBad, 'too many arguments; no verbs in format string');
    throw new FunctionArgError(firstBad, `too many arguments; only ${highestArgIdx} used by format string`);
  }
  return out;
}

function formatOne(verb: Verb, args: readonly Value[]): string {
  const argIdx = verb.argNum - 1;
  if (argIdx >= args.length) {
    throw new FunctionError(
      `not enough arguments for "${verb.raw}" at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
    );
  }
  const arg = args[argIdx]!;
  if (verb.mode !== 'v' && arg.state === 'null') {
    throw new FunctionError(
      `unsupported value for "${verb.raw}" at ${verb.offset}: null value cannot be formatted`,
    );
  }
  switch (verb.mode) {
    case 'v':
      return formatAsIs(verb, arg);
    case 't':
      return asBool(convertFor(verb, arg, BoolType)) ? 'true' : 'false';
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      return formatInteger(verb, asBigFloat(convertFor(verb, arg, NumberType)));
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, asBigFloat(convertFor(verb, arg, NumberType)));
    case 's':
    case 'q':
      return formatString(verb, asString(convertFor(verb, arg, StringType)));
    default:
      throw new FunctionError(
        `unsupported format verb ${goQuoteRune(verb.mode)} in "${verb.raw}" at offset ${verb.offset}`,
      );
  }
}

function convertFor(verb: Verb, arg: Value, type: typeof StringType): Value {
  const r = convert(arg, type);
  if (!r.ok) throw new FunctionError(`unsupported value for "${verb.raw}" at ${verb.offset}: ${r.message}`);
  return r.value;
}

function formatAsIs(verb: Verb, arg: Value): string {
  if (!verb.sharp && arg.state === 'known') {
    if (arg.type.kind === 'string') return padWidth(verb, asString(arg));
    if (arg.type.kind === 'number') return padWidth(verb, asBigFloat(arg).text('g', -1));
  }
  let json: string;
  try {
    json = jsonMarshal(arg);
  } catch (e) {
    throw new FunctionError(`unsupported value for "${verb.raw}" at ${verb.offset}: ${errorMessage(e)}`);
  }
  return padWidth(verb, json);
}

function formatString(verb: Verb, str: string): string {
  if (verb.prec > 0) str = graphemes(str).slice(0, verb.prec).join('');
  return padWidth(verb, verb.mode === 'q' ? jsonQuoteString(str) : str);
}

/** cty's own padding (counted in grapheme clusters), used for %v, %s, %q. */
function padWidth(verb: Verb, s: string): string {
  if (verb.width < 0) return s;
  const have = graphemeCount(s);
  if (have >= verb.width) return s;
  const pads = (verb.zero ? '0' : ' ').repeat(verb.width - have);
  return verb.minus ? s + pads : pads + s;
}

/** Go's big.Int Format for %b %d %o %x %X with flags, width and precision. */
function formatInteger(verb: Verb, bf: BigFloat): string {
  if (bf.isInfinite() || !bf.isInteger()) {
    throw new FunctionError(`unsupported value for "${verb.raw}" at ${verb.offset}: an integer is required`);
  }
  const n = bf.toBigInt();
  const base = { b: 2, o: 8, d: 10, x: 16, X: 16 }[verb.mode as 'b' | 'o' | 'd' | 'x' | 'X'];
  let digits = (n < 0n ? -n : n).toString(base);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  const sign = n < 0n ? '-' : verb.plus ? '+' : verb.space ? ' ' : '';
  let prefix = '';
  if (verb.sharp)
    prefix = { b: '0b', o: '0', d: '', x: '0x', X: '0X' }[verb.mode as 'b' | 'o' | 'd' | 'x' | 'X'];
  let zeros = 0;
  if (verb.prec >= 0) {
    if (digits.length < verb.prec) zeros = verb.prec - digits.length;
    else if (digits === '0' && verb.prec === 0) return '';
  }
  let left = 0;
  let right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (verb.width >= 0 && length < verb.width) {
    const d = verb.width - length;
    if (verb.minus) right = d;
    else if (verb.zero && verb.prec < 0) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/** Go's big.Float Format for %e %E %f %g %G. */
function formatFloat(verb: Verb, bf: BigFloat): string {
  const lower = verb.mode.toLowerCase() as 'e' | 'f' | 'g';
  let prec = verb.prec;
  if (prec < 0 && lower !== 'g') prec = 6;
  let text = bf.text(lower, prec);
  if (verb.mode === 'E' || verb.mode === 'G') text = bf.isInfinite() ? text : text.toUpperCase();
  let sign = '';
  if (text.startsWith('-')) {
    sign = '-';
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    sign = verb.space ? ' ' : '+';
    text = text.slice(1);
  } else if (verb.plus) sign = '+';
  else if (verb.space) sign = ' ';
  let padding = 0;
  if (verb.width >= 0 && verb.width > sign.length + text.length)
    padding = verb.width - sign.length - text.length;
  if (verb.zero && !bf.isInfinite()) return sign + '0'.repeat(padding) + text;
  if (verb.minus) return sign + text + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + text;
}

export const FormatFunc = defineFunction({
  params: [param('format', StringType)],
  varParam: param('args', DynamicType, { allowNull: true, allowUnknown: true }),
  returnType: StringType,
  impl: (args) => {
    if (!args.slice(1).every(isWhollyKnown)) return unknownVal(StringType);
    return stringVal(formatValues(asString(args[0]!), args.slice(1)));
  },
});

export const FormatListFunc = defineFunction({
  params: [param('format', StringType)],
  varParam: param('args', DynamicType, { allowNull: true, allowUnknown: true }),
  returnType: listOf(StringType),
  impl: (allArgs, retType) => {
    const fmt = asString(allArgs[0]!);
    const args = allArgs.slice(1);
    if (args.length === 0) return listVal([stringVal(formatValues(fmt, []))]);
    let iterLen = -1;
    let lenChooser = -1;
    const iterators: (readonly Value[] | undefined)[] = [];
    let unknown = false;
    args.forEach((arg, i) => {
      const k = arg.type.kind;
      if ((k === 'list' || k === 'set' || k === 'tuple') && arg.state !== 'null') {
        if (k !== 'tuple' && arg.state !== 'known') {
          unknown = true;
          return;
        }
        const thisLen = k === 'tuple' ? arg.type.elems.length : elements(arg).length;
        if (iterLen === -1) {
          iterLen = thisLen;
          lenChooser = i;
        } else if (thisLen !== iterLen) {
          throw new FunctionArgError(
            i + 1,
            `argument ${i + 1} has length ${thisLen}, which is inconsistent with argument ${lenChooser + 1} of length ${iterLen}`,
          );
        }
        if (arg.state !== 'known') {
          unknown = true;
          return;
        }
        iterators[i] = elements(arg);
      } else if (arg.state === 'unknown' && arg.type.kind === 'dynamic') {
        unknown = true;
      }
    });
    if (unknown) return unknownVal(retType);
    if (iterLen === 0) return listValEmpty(StringType);
    if (iterLen === -1) iterLen = 1;
    const out: Value[] = [];
    for (let n = 0; n < iterLen; n++) {
      const fmtArgs = args.map((a, i) => iterators[i]?.[n] ?? a);
      if (!fmtArgs.every(isWhollyKnown)) {
        out.push(unknownVal(StringType));
        continue;
      }
      try {
        out.push(stringVal(formatValues(fmt, fmtArgs)));
      } catch (e) {
        throw new FunctionError(`error on format iteration ${n}: ${errorMessage(e)}`);
      }
    }
    return listVal(out);
  },
});
