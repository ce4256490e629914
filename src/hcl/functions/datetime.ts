/**
 * Date and time functions (cty stdlib formatdate/timeadd, Packer's timestamp, legacy_isotime,
 * legacy_strftime, rfc3339_parse, unix_timestamp_parse).
 * Exports `datetimeFunctions` (and `makeDatetimeFunctions(start)`): formatdate, legacy_isotime,
 * legacy_strftime, rfc3339_parse, timeadd, timestamp, unix_timestamp_parse.
 *
 * The "current time" is the run's start time, captured once when this module loads (as Packer captures
 * it at package initialisation), so every call in one run agrees.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../hcl.js';
import { NumberType, objectOf, StringType, type Type } from '../types.js';
import type { Value } from '../value.js';
import { asString, numberVal, objectVal, stringVal } from '../values.js';
import { defineFunction, param } from './call.js';
import {
  type Civil,
  civil,
  daysIn,
  type GoParseError,
  type GoTime,
  formatGoLayout,
  isoWeek,
  MONTH_NAMES,
  parseGoDuration,
  parseGoLayout,
  RFC3339,
  timeFromUnixNanos,
  unixNanos,
  WEEKDAY_NAMES,
} from './gotime.js';
import { errorMessage, toGoInt } from './util.js';

/** The run's start time (UTC; the wall clock has millisecond resolution). */
export const runStartTime: GoTime = timeFromUnixNanos(BigInt(Date.now()) * 1_000_000n);

// ---- RFC 3339 timestamps as cty parses them ----

/** cty's strict RFC 3339 parse; an Error with cty's message on failure. */
export function parseTimestamp(ts: string): GoTime {
  const strict = parseStrictRfc3339(ts);
  if (strict) return strict;
  const general = parseGoLayout(RFC3339, ts);
  if (!general.ok) throw new Error(timestampErrorMessage(general.error));
  // Go's general parser accepted what the strict one did not; cty names the reason.
  if (ts[12] === ':') {
    throw new Error(timestampErrorMessage({ layoutElem: '15', valueElem: ts.slice(11, 12), message: '' }));
  }
  if (ts[19] === ',') {
    throw new Error(timestampErrorMessage({ layoutElem: '.', valueElem: ',', message: '' }));
  }
  if (!ts.endsWith('Z')) {
    const hh = Number(ts.slice(-5, -3));
    const mm = Number(ts.slice(-2));
    if (hh >= 24 || mm >= 60) {
      throw new Error(timestampErrorMessage({ layoutElem: 'Z07:00', valueElem: ts.slice(-6), message: '' }));
    }
    return general.time;
  }
  throw new Error(timestampErrorMessage({ layoutElem: RFC3339, valueElem: ts, message: '' }));
}

function parseStrictRfc3339(s: string): GoTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8]!;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  const r = parseGoLayout(RFC3339, s);
  return r.ok ? r.time : undefined;
}

/** cty's wording for a Go time.ParseError from the RFC 3339 layout. */
function timestampErrorMessage(err: GoParseError): string {
  const prefix = 'not a valid RFC3339 timestamp';
  if (err.layoutElem === '' && err.valueElem === '' && err.message !== '') return `${prefix}${err.message}`;
  let what: string;
  switch (err.layoutElem) {
    case '2006':
      what = 'year';
      break;
    case '01':
      what = 'month';
      break;
    case '02':
      what = 'day of month';
      break;
    case '15':
      what = 'hour';
      break;
    case '04':
      what = 'minute';
      break;
    case '05':
      what = 'second';
      break;
    case 'Z07:00':
      what = 'UTC offset';
      break;
    case 'T':
      return `${prefix}: missing required time introducer 'T'`;
    case ':':
    case '-':
      return err.valueElem === ''
        ? `${prefix}: end of string where ${JSON.stringify(err.layoutElem)} is expected`
        : `${prefix}: found ${JSON.stringify(err.valueElem)} where ${JSON.stringify(err.layoutElem)} is expected`;
    default:
      what = 'timestamp segment';
  }
  if (err.valueElem === '') return `${prefix}: end of string before ${what}`;
  if (what === 'hour' && err.valueElem.includes(':'))
    return `${prefix}: hour must be between 0 and 23 inclusive`;
  if (what === 'hour' && err.valueElem.length !== 2) return `${prefix}: hour must have exactly two digits`;
  if (what === 'minute' && err.valueElem.length !== 2)
    return `${prefix}: minute must have exactly two digits`;
  return `${prefix}: cannot use ${JSON.stringify(err.valueElem)} as ${what}`;
}

// ---- formatdate ----

const ESC = "'";

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}

/** Splits a formatdate spec into literal runs, quoted literals and verb runs (repeated letters). */
function splitDateFormat(spec: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < spec.length) {
    const c = spec[i]!;
    let end: number;
    if (c === ESC) {
      if (spec[i + 1] === ESC) end = i + 2;
      else {
        end = spec.length;
        for (let j = i + 1; j < spec.length; j++) {
          if (spec[j] !== ESC) continue;
          if (j + 1 === spec.length) break;
          if (spec[j + 1] === ESC) {
            j++;
            continue;
          }
          end = j + 1;
          break;
        }
      }
    } else if (isAsciiLetter(c)) {
      end = i + 1;
      while (end < spec.length && spec[end] === c) end++;
    } else {
      end = i + 1;
      while (end < spec.length && spec[end] !== ESC && !isAsciiLetter(spec[end])) end++;
    }
    tokens.push(spec.slice(i, end));
    i = end;
  }
  return tokens;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDateVerb(tok: string, t: GoTime, c: Civil): string {
  const bad = (detail?: string) =>
    new FunctionArgError(0, `invalid date format verb ${JSON.stringify(tok)}${detail ? `: ${detail}` : ''}`);
  const n = tok.length;
  switch (tok[0]) {
    case 'Y':
      if (n === 2) return pad2(c.year % 100);
      if (n === 4) return String(c.year).padStart(4, '0');
      throw bad('year must either be "YY" or "YYYY"');
    case 'M':
      if (n === 1) return String(c.month);
      if (n === 2) return pad2(c.month);
      if (n === 3) return MONTH_NAMES[c.month - 1]!.slice(0, 3);
      if (n === 4) return MONTH_NAMES[c.month - 1]!;
      throw bad('month must be "M", "MM", "MMM", or "MMMM"');
    case 'D':
      if (n === 1) return String(c.day);
      if (n === 2) return pad2(c.day);
      throw bad('day of month must either be "D" or "DD"');
    case 'E':
      if (n === 3) return WEEKDAY_NAMES[c.weekday]!.slice(0, 3);
      if (n === 4) return WEEKDAY_NAMES[c.weekday]!;
      throw bad('day of week must either be "EEE" or "EEEE"');
    case 'h':
      if (n === 1) return String(c.hour);
      if (n === 2) return pad2(c.hour);
      throw bad('24-hour must either be "h" or "hh"');
    case 'H': {
      const h = c.hour % 12 === 0 ? 12 : c.hour % 12;
      if (n === 1) return String(h);
      if (n === 2) return pad2(h);
      throw bad('12-hour must either be "H" or "HH"');
    }
    case 'A':
    case 'a': {
      if (n !== 2) throw bad(`must be "${tok[0]}${tok[0]}"`);
      const pm = c.hour >= 12;
      const s = pm ? 'PM' : 'AM';
      return tok[0] === 'A' ? s : s.toLowerCase();
    }
    case 'm':
      if (n === 1) return String(c.minute);
      if (n === 2) return pad2(c.minute);
      throw bad('minute must either be "m" or "mm"');
    case 's':
      if (n === 1) return String(c.second);
      if (n === 2) return pad2(c.second);
      throw bad('second must either be "s" or "ss"');
    case 'Z':
      if (n === 1) return formatGoLayout(t, 'Z07:00');
      if (n === 3) {
        const s = formatGoLayout(t, '-0700');
        return s === '+0000' ? 'UTC' : s;
      }
      if (n === 4) return formatGoLayout(t, '-0700');
      if (n === 5) return formatGoLayout(t, '-07:00');
      throw bad('timezone must be Z, ZZZZ, or ZZZZZ');
    default:
      throw bad();
  }
}

export function formatDate(spec: string, t: GoTime): string {
  const c = civil(t);
  let out = '';
  for (const tok of splitDateFormat(spec)) {
    if (tok[0] === ESC) {
      if (!tok.endsWith(ESC) || tok.length === 1) throw new FunctionArgError(0, "unterminated literal '");
      if (tok.length === 2) out += ESC;
      else {
        const raw = tok.slice(1, -1);
        for (let i = 0; i < raw.length; i++) {
          out += raw[i];
          if (raw[i] === ESC) i++;
        }
      }
    } else if (isAsciiLetter(tok[0])) out += formatDateVerb(tok, t, c);
    else out += tok;
  }
  return out;
}

const formatdate = defineFunction({
  description: 'Formats a timestamp given in RFC 3339 syntax into another timestamp in some other syntax.',
  params: [param('format', StringType), param('time', StringType)],
  returnType: StringType,
  impl: (args) => {
    let t: GoTime;
    try {
      t = parseTimestamp(asString(args[1]!));
    } catch (e) {
      throw new FunctionArgError(1, errorMessage(e));
    }
    return stringVal(formatDate(asString(args[0]!), t));
  },
});

const timeadd = defineFunction({
  description: 'Adds the duration represented by the given duration string to the given RFC 3339 timestamp.',
  params: [param('timestamp', StringType), param('duration', StringType)],
  returnType: StringType,
  impl: (args) => {
    try {
      const t = parseTimestamp(asString(args[0]!));
      const d = parseGoDuration(asString(args[1]!));
      const sum = timeFromUnixNanos(unixNanos(t) + d, t.offset, t.zoneName);
      return stringVal(formatGoLayout(sum, RFC3339));
    } catch (e) {
      throw new FunctionError(errorMessage(e));
    }
  },
});

// ---- strftime (jehiah/go-strftime) ----

const STRFTIME_LAYOUTS: Record<string, string> = {
  B: 'January',
  b: 'Jan',
  m: '01',
  A: 'Monday',
  a: 'Mon',
  d: '02',
  H: '15',
  I: '03',
  M: '04',
  S: '05',
  Y: '2006',
  y: '06',
  p: 'PM',
  Z: 'MST',
  z: '-0700',
  L: '.000',
};

export function strftime(format: string, t: GoTime): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    const next = pct < 0 ? format.length : pct;
    out += format.slice(i, next);
    if (next + 1 < format.length) {
      const c = format[next + 1]!;
      if (c === '%') out += '%';
      else if (STRFTIME_LAYOUTS[c] !== undefined) out += formatGoLayout(t, STRFTIME_LAYOUTS[c]);
      else out += `%${c}`;
    } else if (next < format.length) out += '%';
    i = next + 2;
  }
  return out;
}

// ---- parsed-date objects ----

function dateFields(t: GoTime): Record<string, Value> {
  const c = civil(t);
  const iso = isoWeek(t);
  return {
    year: numberVal(c.year),
    year_day: numberVal(c.yday),
    day: numberVal(c.day),
    month: numberVal(c.month),
    month_name: stringVal(MONTH_NAMES[c.month - 1]!),
    weekday: numberVal(c.weekday),
    weekday_name: stringVal(WEEKDAY_NAMES[c.weekday]!),
    hour: numberVal(c.hour),
    minute: numberVal(c.minute),
    second: numberVal(c.second),
    iso_year: numberVal(iso.year),
    iso_week: numberVal(iso.week),
  };
}

const DATE_FIELD_TYPES: Record<string, Type> = {
  year: NumberType,
  year_day: NumberType,
  day: NumberType,
  month: NumberType,
  month_name: StringType,
  weekday: NumberType,
  weekday_name: StringType,
  hour: NumberType,
  minute: NumberType,
  second: NumberType,
  iso_year: NumberType,
  iso_week: NumberType,
};

const RFC3339_PARSE_LAYOUTS = ['2006-01-02T15:04:05.999999999Z07:00', '2006-01-02 15:04:05.999999999Z07:00'];

const rfc3339_parse = defineFunction({
  description: 'Parses an RFC 3339 timestamp into an object of its date and time parts.',
  params: [param('timestamp', StringType)],
  returnType: objectOf({ ...DATE_FIELD_TYPES, unix: NumberType }),
  impl: (args) => {
    const ts = asString(args[0]!);
    for (const layout of RFC3339_PARSE_LAYOUTS) {
      const r = parseGoLayout(layout, ts);
      if (r.ok) return objectVal({ ...dateFields(r.time), unix: numberVal(r.time.unix) });
    }
    throw new FunctionArgError(0, `${JSON.stringify(ts)} is not a valid RFC3339 timestamp`);
  },
});

const unix_timestamp_parse = defineFunction({
  description: 'Turns seconds since the Unix epoch into an object of date and time parts (UTC).',
  params: [param('unix_timestamp', NumberType)],
  returnType: objectOf({ ...DATE_FIELD_TYPES, rfc3339: StringType }),
  impl: (args) => {
    let secs: number;
    try {
      secs = toGoInt(args[0]!);
    } catch (e) {
      throw new FunctionArgError(
        0,
        `unix_timestamp must be a whole number of seconds representable as a 64-bit integer: ${errorMessage(e)}`,
      );
    }
    const t = timeFromUnixNanos(BigInt(secs) * 1_000_000_000n);
    return objectVal({ ...dateFields(t), rfc3339: stringVal(formatGoLayout(t, RFC3339)) });
  },
});

/** The date functions, with `start` as the run's time for timestamp/legacy_isotime/legacy_strftime. */
export function makeDatetimeFunctions(start: GoTime = runStartTime): Record<string, HclFunction> {
  const legacy = (name: string, render: (format: string) => string) =>
    defineFunction({
      description: `${name}: the run's start time, formatted`,
      params: [],
      varParam: param('format', StringType),
      returnType: StringType,
      impl: (args) => {
        if (args.length > 1) {
          // Go formats the []cty.Value with %v, which prints each string value's struct ('S' is 83).
          const shown = args.map((a) => `{{{{} 83}} ${asString(a)}}`).join(' ');
          throw new FunctionError(`too many values, 1 needed: [${shown}]`);
        }
        if (args.length === 0) return stringVal(formatGoLayout(start, RFC3339));
        return stringVal(render(asString(args[0]!)));
      },
    });
  return {
    formatdate,
    legacy_isotime: legacy('legacy_isotime', (f) => formatGoLayout(start, f)),
    legacy_strftime: legacy('legacy_strftime', (f) => strftime(f, start)),
    rfc3339_parse,
    timeadd,
    timestamp: defineFunction({
      description: "The run's start time as an RFC 3339 UTC timestamp.",
      params: [],
      returnType: StringType,
      impl: () => stringVal(formatGoLayout(start, RFC3339)),
    }),
    unix_timestamp_parse,
  };
}

export const datetimeFunctions: Record<string, HclFunction> = makeDatetimeFunctions();
