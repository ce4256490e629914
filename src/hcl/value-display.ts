/**
 * A Value printed exactly as `packer console` prints it (Packer 1.6.6: `PrintableCtyValue`, which shims
 * the value to plain Go data and formats that with the REPL's `FormatResult`).
 *
 * The rules: anything not wholly known prints as `<unknown>`; null as `null`; a top-level string raw,
 * nested strings Go-quoted (`%q`); numbers as Go `int` when they are whole and fit in 64 bits, otherwise
 * as float64 with `%g`; lists, sets and tuples one element a line with a trailing comma; maps and objects
 * as `"key" = value` lines in byte-wise key order, leaving out null attributes; two-space indentation.
 */
import { compareStrings, goQuote } from './go-strings.js';
import type { BigFloat } from './number.js';
import type { Value } from './value.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The text `packer console` prints for this value; `nested` formats it as an element of a collection
 * (strings quoted), as it appears inside a printed list.
 */
export function displayValue(v: Value, nested = false): string {
  if (!isWhollyKnownValue(v)) return '<unknown>';
  return formatResult(v, nested);
}

function isWhollyKnownValue(v: Value): boolean {
  if (v.state === 'unknown') return false;
  if (v.state === 'null') return true;
  const p = v.v;
  if (Array.isArray(p)) return p.every(isWhollyKnownValue);
  if (p instanceof Map) return [...p.values()].every(isWhollyKnownValue);
  return true;
}

function formatResult(v: Value, nested: boolean): string {
  if (v.state !== 'known') return 'null';
  const t = v.type;
  switch (t.kind) {
    case 'string':
      return nested ? goQuote(v.v as string) : (v.v as string);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'number':
      return formatNumber(v.v as BigFloat);
    case 'list':
    case 'set':
    case 'tuple':
      return formatList(v.v as readonly Value[]);
    case 'map':
    case 'object':
      return formatMap(v.v as ReadonlyMap<string, Value>);
    default:
      return '<unknown-type>';
  }
}

function formatList(elems: readonly Value[]): string {
  let out = '[';
  if (elems.length > 0) out += '\n';
  for (const e of elems) out += `${indent(formatResult(e, true))},\n`;
  return `${out}]`;
}

function formatMap(attrs: ReadonlyMap<string, Value>): string {
  // Null attributes are dropped by the shim before formatting.
  const keys = [...attrs.keys()].filter((k) => attrs.get(k)!.state !== 'null').sort(compareStrings);
  let out = '{';
  if (keys.length > 0) out += '\n';
  for (const k of keys) out += `${indent(`${goQuote(k)} = ${formatResult(attrs.get(k)!, true)}`)}\n`;
  return `${out}}`;
}

/** Prefixes every line with two spaces, as the REPL's line scanner does (dropping a final empty line). */
function indent(text: string): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => `  ${l.endsWith('\r') ? l.slice(0, -1) : l}`).join('\n');
}

/** A number as the shim + REPL print it: an exact int64 as an integer, anything else via float64 `%g`. */
export function formatNumber(n: BigFloat): string {
  if (!n.isInfinite() && n.isInteger()) {
    const b = n.toBigInt();
    if (b >= INT64_MIN && b <= INT64_MAX) return b.toString();
  }
  return formatGoFloatG(n.isInfinite() ? (n.sign() < 0 ? -Infinity : Infinity) : n.toNumber());
}

/** Go's `fmt.Sprintf("%g", f)` for a float64: shortest digits; exponent form when the exponent is < -4 or >= 6. */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? `0${abs}` : abs}`;
  }
  // Plain decimal notation with the same shortest digits.
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const pointPos = exp + 1; // digits before the decimal point
  let body: string;
  if (pointPos <= 0) body = `0.${'0'.repeat(-pointPos)}${digits}`;
  else if (pointPos >= digits.length) body = digits + '0'.repeat(pointPos - digits.length);
  else body = `${digits.slice(0, pointPos)}.${digits.slice(pointPos)}`;
  return neg ? `-${body}` : body;
}
