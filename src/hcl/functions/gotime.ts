/**
 * The parts of Go's `time` package that Packer's date functions expose: a time with a fixed UTC offset,
 * `Time.Format` layouts ("2006-01-02T15:04:05Z07:00"), `time.Parse` for the RFC 3339 layouts (with its
 * error details, which cty turns into messages), and `time.ParseDuration`.
 */

export interface GoTime {
  /** Whole seconds since the Unix epoch. */
  readonly unix: bigint;
  /** Nanoseconds within the second, 0 ≤ nsec < 1e9. */
  readonly nsec: number;
  /** Offset from UTC in seconds (east positive). */
  readonly offset: number;
  /** Zone abbreviation; "UTC" for UTC times, "" for a parsed numeric offset. */
  readonly zoneName: string;
}

export interface Civil {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number; // 0 = Sunday
  readonly yday: number; // 1..366
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const NS_PER_SEC = 1_000_000_000n;

export function timeFromUnixNanos(ns: bigint, offset = 0, zoneName = offset === 0 ? 'UTC' : ''): GoTime {
  let sec = ns / NS_PER_SEC;
  let rem = ns % NS_PER_SEC;
  if (rem < 0n) {
    rem += NS_PER_SEC;
    sec -= 1n;
  }
  return { unix: sec, nsec: Number(rem), offset, zoneName };
}

export function unixNanos(t: GoTime): bigint {
  return t.unix * NS_PER_SEC + BigInt(t.nsec);
}

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The wall-clock fields of t in its own offset. */
export function civil(t: GoTime): Civil {
  const local = t.unix + BigInt(t.offset);
  let days = local / 86400n;
  let secs = local % 86400n;
  if (secs < 0n) {
    secs += 86400n;
    days -= 1n;
  }
  const d = Number(days);
  const s = Number(secs);
  const { year, month, day } = civilFromDays(d);
  return {
    year,
    month,
    day,
    hour: Math.floor(s / 3600),
    minute: Math.floor((s % 3600) / 60),
    second: s % 60,
    weekday: (((d + 4) % 7) + 7) % 7,
    yday: d - daysFromCivil(year, 1, 1) + 1,
  };
}

/** Go's Time.ISOWeek. */
export function isoWeek(t: GoTime): { year: number; week: number } {
  const c = civil(t);
  const days = daysFromCivil(c.year, c.month, c.day);
  const thursday = days + 3 - ((c.weekday + 6) % 7);
  const tc = civilFromDays(thursday);
  const yday = thursday - daysFromCivil(tc.year, 1, 1);
  return { year: tc.year, week: Math.floor(yday / 7) + 1 };
}

// ---- Formatting (Time.Format) ----

type Std =
  | 'January'
  | 'Jan'
  | '1'
  | '01'
  | 'Monday'
  | 'Mon'
  | '2'
  | '_2'
  | '02'
  | '__2'
  | '002'
  | '15'
  | '3'
  | '03'
  | '4'
  | '04'
  | '5'
  | '05'
  | '2006'
  | '06'
  | 'PM'
  | 'pm'
  | 'MST'
  | 'Z0700'
  | 'Z070000'
  | 'Z07'
  | 'Z07:00'
  | 'Z07:00:00'
  | '-0700'
  | '-070000'
  | '-07'
  | '-07:00'
  | '-07:00:00'
  | 'frac';

interface Chunk {
  readonly prefix: string;
  readonly std?: Std;
  /** For fractional seconds: the separator, digit count and whether trailing zeros are trimmed ('9'). */
  readonly frac?: { sep: string; digits: number; trim: boolean };
  readonly suffix: string;
}

const ZERO_STD: Std[] = ['01', '02', '03', '04', '05', '06'];
const TZ_LAYOUTS: Std[] = ['-070000', '-07:00:00', '-0700', '-07:00', '-07'];
const ISO_TZ_LAYOUTS: Std[] = ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];

function isAsciiDigit(s: string, i: number): boolean {
  return i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
}

function startsWithLower(s: string): boolean {
  return s.length > 0 && s.charCodeAt(0) >= 97 && s.charCodeAt(0) <= 122;
}

/** Go's nextStdChunk: the literal text before the next layout element, the element, and the rest. */
function nextStdChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const at = (s: string) => layout.startsWith(s, i);
    const cut = (std: Std, len: number, prefixEnd = i): Chunk => ({
      prefix: layout.slice(0, prefixEnd),
      std,
      suffix: layout.slice(i + len),
    });
    switch (c) {
      case 'J':
        if (at('Jan')) {
          if (at('January')) return cut('January', 7);
          if (!startsWithLower(layout.slice(i + 3))) return cut('Jan', 3);
        }
        break;
      case 'M':
        if (at('Mon')) {
          if (at('Monday')) return cut('Monday', 6);
          if (!startsWithLower(layout.slice(i + 3))) return cut('Mon', 3);
        }
        if (at('MST')) return cut('MST', 3);
        break;
      case '0': {
        const n = layout.charCodeAt(i + 1);
        if (n >= 49 && n <= 54) return cut(ZERO_STD[n - 49]!, 2);
        if (at('002')) return cut('002', 3);
        break;
      }
      case '1':
        if (at('15')) return cut('15', 2);
        return cut('1', 1);
      case '2':
        if (at('2006')) return cut('2006', 4);
        return cut('2', 1);
      case '_':
        if (layout[i + 1] === '2') {
          if (at('_2006'))
            return { prefix: layout.slice(0, i + 1), std: '2006', suffix: layout.slice(i + 5) };
          return cut('_2', 2);
        }
        if (at('__2')) return cut('__2', 3);
        break;
      case '3':
        return cut('3', 1);
      case '4':
        return cut('4', 1);
      case '5':
        return cut('5', 1);
      case 'P':
        if (at('PM')) return cut('PM', 2);
        break;
      case 'p':
        if (at('pm')) return cut('pm', 2);
        break;
      case '-':
        for (const tz of TZ_LAYOUTS) if (at(tz)) return cut(tz, tz.length);
        break;
      case 'Z':
        for (const tz of ISO_TZ_LAYOUTS) if (at(tz)) return cut(tz, tz.length);
        break;
      case '.':
      case ',': {
        const d = layout[i + 1];
        if (d === '0' || d === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === d) j++;
          if (!isAsciiDigit(layout, j)) {
            return {
              prefix: layout.slice(0, i),
              std: 'frac',
              frac: { sep: c, digits: j - (i + 1), trim: d === '9' },
              suffix: layout.slice(j),
            };
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, suffix: '' };
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** Go's Time.Format with a reference-time layout. */
export function formatGoLayout(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  for (;;) {
    const chunk = nextStdChunk(layout);
    out += chunk.prefix;
    if (!chunk.std) break;
    layout = chunk.suffix;
    out += formatStd(t, c, chunk);
  }
  return out;
}

function formatStd(t: GoTime, c: Civil, chunk: Chunk): string {
  const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  switch (chunk.std!) {
    case 'January':
      return MONTH_NAMES[c.month - 1]!;
    case 'Jan':
      return MONTH_NAMES[c.month - 1]!.slice(0, 3);
    case '1':
      return String(c.month);
    case '01':
      return pad(c.month, 2);
    case 'Monday':
      return WEEKDAY_NAMES[c.weekday]!;
    case 'Mon':
      return WEEKDAY_NAMES[c.weekday]!.slice(0, 3);
    case '2':
      return String(c.day);
    case '_2':
      return c.day < 10 ? ` ${c.day}` : String(c.day);
    case '02':
      return pad(c.day, 2);
    case '__2':
      return String(c.yday).padStart(3, ' ');
    case '002':
      return pad(c.yday, 3);
    case '15':
      return pad(c.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return pad(hour12, 2);
    case '4':
      return String(c.minute);
    case '04':
      return pad(c.minute, 2);
    case '5':
      return String(c.second);
    case '05':
      return pad(c.second, 2);
    case '2006':
      return pad(c.year, 4);
    case '06':
      return pad(((c.year % 100) + 100) % 100, 2);
    case 'PM':
      return c.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return c.hour >= 12 ? 'pm' : 'am';
    case 'MST':
      return t.zoneName !== '' ? t.zoneName : formatOffset(t.offset, '-0700');
    case 'frac':
      return formatFraction(t.nsec, chunk.frac!);
    default:
      return formatOffset(t.offset, chunk.std!);
  }
}

function formatOffset(offset: number, std: Std): string {
  if (offset === 0 && std.startsWith('Z')) return 'Z';
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = '+';
  if (zone < 0) {
    out = '-';
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  const colon = std.includes(':');
  if (colon) out += ':';
  if (std !== '-07' && std !== 'Z07') out += pad(zone % 60, 2);
  if (std.endsWith('0000') || std.endsWith(':00:00')) {
    if (colon) out += ':';
    out += pad(abs % 60, 2);
  }
  return out;
}

function formatFraction(nsec: number, frac: { sep: string; digits: number; trim: boolean }): string {
  let digits = String(nsec).padStart(9, '0').slice(0, Math.min(frac.digits, 9));
  if (frac.trim) {
    digits = digits.replace(/0+$/, '');
    if (digits === '') return '';
  }
  return frac.sep + digits;
}

export const RFC3339 = '2006-01-02T15:04:05Z07:00';

// ---- Parsing (time.Parse for the RFC 3339 family of layouts) ----

/** Go's *time.ParseError fields. */
export interface GoParseError {
  readonly layoutElem: string;
  readonly valueElem: string;
  readonly message: string;
}

export type ParseResult = { ok: true; time: GoTime } | { ok: false; error: GoParseError };

/**
 * Go's time.Parse for a layout made of the elements RFC 3339 layouts use: 2006 01 02 15 04 05,
 * fractional seconds and Z07:00, with literal separators.
 */
export function parseGoLayout(layout: string, value: string): ParseResult {
  const fail = (layoutElem: string, valueElem: string, message = ''): ParseResult => ({
    ok: false,
    error: { layoutElem, valueElem, message },
  });
  let year = 0;
  let month = -1;
  let day = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nsec = 0;
  let offset: number | undefined;

  for (;;) {
    const chunk = nextStdChunk(layout);
    const stdText = layout.slice(chunk.prefix.length, layout.length - chunk.suffix.length);
    const skipped = skipLiteral(value, chunk.prefix);
    if (!skipped.ok) return fail(chunk.prefix, skipped.rest);
    value = skipped.rest;
    if (!chunk.std) {
      if (value.length !== 0) return fail('', value, `: extra text: ${goQuoteSimple(value)}`);
      break;
    }
    layout = chunk.suffix;
    const hold = value;
    let bad = false;
    let rangeErr = '';
    switch (chunk.std) {
      case '2006': {
        if (value.length < 4 || !isAsciiDigit(value, 0) || !/^\d{4}/.test(value)) {
          bad = true;
          break;
        }
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      }
      case '01':
      case '02':
      case '15':
      case '04':
      case '05': {
        const r = getNum(value, chunk.std !== '15');
        if (!r) {
          bad = true;
          break;
        }
        value = r.rest;
        if (chunk.std === '01') {
          month = r.n;
          if (month <= 0 || month > 12) rangeErr = 'month';
        } else if (chunk.std === '02') day = r.n;
        else if (chunk.std === '15') {
          hour = r.n;
          if (hour >= 24) rangeErr = 'hour';
        } else if (chunk.std === '04') {
          minute = r.n;
          if (minute >= 60) rangeErr = 'minute';
        } else {
          second = r.n;
          if (second >= 60) {
            rangeErr = 'second';
            break;
          }
          // A fraction in the value without one in the layout is still accepted.
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isAsciiDigit(value, 1)) {
            if (nextStdChunk(layout).std === 'frac') break;
            let n = 2;
            while (isAsciiDigit(value, n)) n++;
            nsec = parseNanos(value, n);
            value = value.slice(n);
          }
        }
        break;
      }
      case 'frac': {
        if (chunk.frac!.trim) {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isAsciiDigit(value, 1)) break;
          let i = 0;
          while (isAsciiDigit(value, i + 1)) i++;
          nsec = parseNanos(value, 1 + i);
          value = value.slice(1 + i);
        } else {
          const n = 1 + chunk.frac!.digits;
          if (value.length < n || !/^[.,]/.test(value)) {
            bad = true;
            break;
          }
          nsec = parseNanos(value, n);
          value = value.slice(n);
        }
        break;
      }
      case 'Z07:00': {
        if (value.length >= 1 && value[0] === 'Z') {
          value = value.slice(1);
          offset = 0;
          break;
        }
        if (value.length < 6 || value[3] !== ':') {
          bad = true;
          break;
        }
        const sign = value[0];
        const hh = getNum(value.slice(1, 3), true);
        const mm = getNum(value.slice(4, 6), true);
        value = value.slice(6);
        if (!hh || !mm) {
          bad = true;
          break;
        }
        if (hh.n > 24) rangeErr = 'time zone offset hour';
        if (mm.n > 60) rangeErr = 'time zone offset minute';
        const off = (hh.n * 60 + mm.n) * 60;
        if (sign === '+') offset = off;
        else if (sign === '-') offset = -off;
        else bad = true;
        break;
      }
      default:
        bad = true;
    }
    if (rangeErr !== '') return fail(stdText, value, `: ${rangeErr} out of range`);
    if (bad) return fail(stdText, hold);
  }

  if (day < 1 || day > daysIn(month, year)) return fail('', value, ': day out of range');
  const off = offset ?? 0;
  const days = daysFromCivil(year, month, day);
  const local = BigInt(days) * 86400n + BigInt(hour * 3600 + minute * 60 + second);
  return {
    ok: true,
    time: { unix: local - BigInt(off), nsec, offset: off, zoneName: off === 0 ? 'UTC' : '' },
  };
}

function skipLiteral(value: string, prefix: string): { ok: boolean; rest: string } {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return { ok: false, rest: value };
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return { ok: false, rest: value };
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return { ok: true, rest: value };
}

/** Go's getnum: one or two digits (exactly two when fixed). */
function getNum(s: string, fixed: boolean): { n: number; rest: string } | undefined {
  if (!isAsciiDigit(s, 0)) return undefined;
  if (!isAsciiDigit(s, 1)) {
    if (fixed) return undefined;
    return { n: s.charCodeAt(0) - 48, rest: s.slice(1) };
  }
  return { n: (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), rest: s.slice(2) };
}

/** Nanoseconds from ".ddd…" (n bytes including the separator); digits past the ninth are dropped. */
function parseNanos(value: string, n: number): number {
  const digits = value.slice(1, Math.min(n, 10));
  return Number(digits.padEnd(9, '0'));
}

/** Go's strconv.Quote for the ASCII-heavy strings in time errors. */
function goQuoteSimple(s: string): string {
  return JSON.stringify(s);
}

// ---- Durations (time.ParseDuration) ----

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5
  μs: 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_DURATION = 2n ** 63n - 1n;

/** Go's time.ParseDuration, in nanoseconds; throws with Go's message. */
export function parseGoDuration(input: string): bigint {
  const quoted = JSON.stringify(input);
  const invalid = () => new Error(`time: invalid duration ${quoted}`);
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isAsciiDigit(s, 0))) throw invalid();
    const intMatch = /^\d*/.exec(s)![0];
    s = s.slice(intMatch.length);
    let fracDigits = '';
    const pre = intMatch !== '';
    if (s[0] === '.') {
      s = s.slice(1);
      fracDigits = /^\d*/.exec(s)![0];
      s = s.slice(fracDigits.length);
    }
    if (!pre && fracDigits === '') throw invalid();
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') throw new Error(`time: missing unit in duration ${quoted}`);
    s = s.slice(unitMatch.length);
    const unit = UNIT_NANOS[unitMatch];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(unitMatch)} in duration ${quoted}`);
    let v = BigInt(intMatch === '' ? '0' : intMatch) * unit;
    if (fracDigits !== '') {
      const scale = 10n ** BigInt(fracDigits.length);
      v += (BigInt(fracDigits) * unit) / scale;
    }
    total += v;
    if (total > MAX_DURATION + (neg ? 1n : 0n)) throw invalid();
  }
  return neg ? -total : total;
}
