/**
 * RE2 (Go regexp/syntax) patterns on JavaScript's engine: translates an RE2 pattern to an equivalent
 * `u`-flag RegExp, rejecting what RE2 rejects (look-around, backreferences) with Go's error codes, and
 * re-implements Go's match iteration and `$name` replacement expansion, which differ from JavaScript's.
 */

/** A pattern error with Go's regexp/syntax code and offending expression. */
export class Re2Error extends Error {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(`${code}: \`${expr}\``);
  }
}

export interface CompiledRe2 {
  /** Global, unicode RegExp; use with lastIndex. */
  readonly re: RegExp;
  /** Name of each capture group by index (index 0 is the whole match, always ''). */
  readonly names: readonly string[];
}

/** POSIX classes as code point ranges (Go's regexp/syntax perl_groups.go). */
const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0x5f, 0x5f],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** RE2's \s: [\t\n\f\r ]. */
const PERL_SPACE: [number, number][] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];

/** Class-body text for the ranges, or for their complement within all of Unicode. */
function rangesText(ranges: [number, number][], negate: boolean): string {
  let rs = [...ranges].sort((x, y) => x[0] - y[0]);
  if (negate) {
    const out: [number, number][] = [];
    let next = 0;
    for (const [lo, hi] of rs) {
      if (lo > next) out.push([next, lo - 1]);
      next = Math.max(next, hi + 1);
    }
    if (next <= 0x10ffff) out.push([next, 0x10ffff]);
    rs = out;
  }
  return rs.map(([lo, hi]) => (lo === hi ? hexEscape(lo) : `${hexEscape(lo)}-${hexEscape(hi)}`)).join('');
}

const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
/** Go: any escaped ASCII character that is not a letter or digit stands for itself. */
const isEscapablePunct = (c: string) => c.length === 1 && c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(c);
const hexEscape = (cp: number) => `\\u{${cp.toString(16)}}`;

/** Translates and compiles an RE2 pattern. Throws Re2Error. */
export function compileRe2(pattern: string): CompiledRe2 {
  const chars = [...pattern];
  let i = 0;
  let out = '';
  const names: string[] = [''];
  const seenNames = new Set<string>();
  let depth = 0;
  let flags = 'gu';
  /** Whether the previous item can take a repetition operator (and whether it already has one). */
  let canRepeat = false;
  let lastWasRepeat = false;
  let lastOp = '';

  const rest = () => chars.slice(i).join('');

  // Leading flag groups such as (?i) or (?is) apply to the whole pattern: map them to RegExp flags.
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(rest());
    if (!m) break;
    for (const f of m[1]!) {
      if (f === 'U') throw new Re2Error('unsupported flag (not available on this platform)', '(?U)');
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }

  /** What a backslash and `c` mean when that reads the same inside and outside a class; else undefined. */
  const commonEscape = (c: string, start: number): string | undefined => {
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'n':
      case 't':
      case 'r':
      case 'f':
      case 'v':
        return `\\${c}`;
      case 'a':
        return '\\x07';
      case 'x':
        return hexEscape(readHexEscape(start));
      case 'p':
      case 'P':
        return unicodeClass(c, start);
    }
    return c >= '0' && c <= '7' ? hexEscape(readOctal(c, start)) : undefined;
  };

  const escapeOutside = (): string => {
    // At a backslash, outside a class.
    const start = i;
    i++;
    const c = chars[i];
    if (c === undefined) throw new Re2Error('trailing backslash at end of expression', '');
    i++;
    const common = commonEscape(c, start);
    if (common !== undefined) return common;
    switch (c) {
      case 'b':
      case 'B':
        return `\\${c}`;
      case 's':
        return '[\\t\\n\\f\\r ]';
      case 'S':
        return '[^\\t\\n\\f\\r ]';
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Q': {
        let lit = '';
        while (i < chars.length && !(chars[i] === '\\' && chars[i + 1] === 'E'))
          lit += literalOutside(chars[i++]!);
        if (i < chars.length) i += 2;
        return lit === '' ? '(?:)' : `(?:${lit})`;
      }
      default:
        if (isEscapablePunct(c)) return literalOutside(c);
        throw new Re2Error('invalid escape sequence', chars.slice(start, i).join(''));
    }
  };

  const readOctal = (first: string, start: number): number => {
    // Go: a single non-zero digit is a (unsupported) backreference; otherwise up to three octal digits.
    if (first !== '0' && !(chars[i] !== undefined && chars[i]! >= '0' && chars[i]! <= '7')) {
      throw new Re2Error('invalid escape sequence', chars.slice(start, i).join(''));
    }
    let v = Number(first);
    for (let k = 0; k < 2 && chars[i] !== undefined && chars[i]! >= '0' && chars[i]! <= '7'; k++) {
      v = v * 8 + Number(chars[i++]);
    }
    return v;
  };

  const readHexEscape = (start: number): number => {
    const bad = () => new Re2Error('invalid escape sequence', chars.slice(start, i).join(''));
    if (chars[i] === '{') {
      i++;
      let hex = '';
      while (chars[i] !== undefined && chars[i] !== '}') hex += chars[i++];
      if (chars[i] !== '}' || !/^[0-9a-fA-F]+$/.test(hex)) throw bad();
      i++;
      const v = Number.parseInt(hex, 16);
      if (v > 0x10ffff) throw bad();
      return v;
    }
    const hex = (chars[i] ?? '') + (chars[i + 1] ?? '');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw bad();
    i += 2;
    return Number.parseInt(hex, 16);
  };

  const unicodeClass = (c: string, start: number): string => {
    let name: string;
    if (chars[i] === '{') {
      const close = chars.indexOf('}', i);
      if (close < 0) throw new Re2Error('invalid character class range', chars.slice(start).join(''));
      name = chars.slice(i + 1, close).join('');
      i = close + 1;
    } else {
      name = chars[i++] ?? '';
    }
    let neg = c === 'P';
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    const prop = name === 'Any' ? 'Any' : /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${prop}}`, 'u');
    } catch {
      throw new Re2Error('invalid character class range', chars.slice(start, i).join(''));
    }
    return `\\${neg ? 'P' : 'p'}{${prop}}`;
  };

  const literalOutside = (c: string): string => (JS_SYNTAX.has(c) ? `\\${c}` : hexEscape(c.codePointAt(0)!));
  const literal = (c: string): string =>
    JS_SYNTAX.has(c) || c === '-' ? `\\${c}` : hexEscape(c.codePointAt(0)!);

  const classEscape = (): string => {
    const start = i;
    i++;
    const c = chars[i];
    if (c === undefined) throw new Re2Error('missing closing ]', '');
    i++;
    const common = commonEscape(c, start);
    if (common !== undefined) return common;
    switch (c) {
      case 's':
      case 'S':
        return rangesText(PERL_SPACE, c === 'S');
      default:
        if (isEscapablePunct(c)) return literal(c);
        throw new Re2Error('invalid escape sequence', chars.slice(start, i).join(''));
    }
  };

  const charClass = (): string => {
    const start = i;
    i++; // '['
    let s = '[';
    if (chars[i] === '^') {
      s += '^';
      i++;
    }
    let first = true;
    for (;;) {
      const c = chars[i];
      if (c === undefined) throw new Re2Error('missing closing ]', chars.slice(start).join(''));
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c === '[' && chars[i + 1] === ':') {
        const close = chars.slice(i).join('').indexOf(':]');
        if (close > 0) {
          let name = chars.slice(i + 2, i + close).join('');
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = Object.hasOwn(POSIX_CLASSES, name) ? POSIX_CLASSES[name] : undefined;
          if (!cls)
            throw new Re2Error('invalid character class range', chars.slice(i, i + close + 2).join(''));
          s += rangesText(cls, neg);
          i += close + 2;
          continue;
        }
      }
      if (c === '\\') {
        s += classEscape();
        continue;
      }
      s += c === '[' || c === ']' || c === '/' ? `\\${c}` : c;
      i++;
    }
    return `${s}]`;
  };

  const repetition = (): string | undefined => {
    const c = chars[i];
    let op: string | undefined;
    if (c === '*' || c === '+' || c === '?') {
      op = c;
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(rest());
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[3] ? Number(m[3]) : min;
      if (min > 1000 || max > 1000 || (m[3] && max < min)) throw new Re2Error('invalid repeat count', m[0]);
      op = m[0];
      i += [...m[0]].length;
    } else {
      return undefined;
    }
    if (chars[i] === '?') {
      op += '?';
      i++;
    }
    if (!canRepeat) {
      throw new Re2Error(
        lastWasRepeat ? 'invalid nested repetition operator' : 'missing argument to repetition operator',
        lastWasRepeat ? lastOp + op : op,
      );
    }
    lastOp = op;
    return op;
  };

  while (i < chars.length) {
    const c = chars[i]!;
    const rep = repetition();
    if (rep !== undefined) {
      out += rep;
      canRepeat = false;
      lastWasRepeat = true;
      continue;
    }
    lastWasRepeat = false;
    canRepeat = true;
    if (c === '\\') {
      out += escapeOutside();
      continue;
    }
    if (c === '[') {
      out += charClass();
      continue;
    }
    if (c === '(') {
      const r = rest();
      depth++;
      canRepeat = false;
      if (r.startsWith('(?P<') || r.startsWith('(?<')) {
        const open = r.startsWith('(?P<') ? 4 : 3;
        const close = r.indexOf('>');
        const name = close > 0 ? r.slice(open, close) : '';
        if (close < 0 || !/^[A-Za-z0-9_]+$/.test(name)) {
          if (r.startsWith('(?<=') || r.startsWith('(?<!'))
            throw new Re2Error('invalid or unsupported Perl syntax', r.slice(0, 4));
          throw new Re2Error('invalid named capture', close < 0 ? r : r.slice(0, close + 1));
        }
        if (seenNames.has(name)) throw new Re2Error('duplicate capture group name', name);
        seenNames.add(name);
        names.push(name);
        out += '(';
        i += [...r.slice(0, close + 1)].length;
        continue;
      }
      if (r.startsWith('(?')) {
        const m = /^\(\?([imsU-]*):/.exec(r);
        if (m && m[1] === '') {
          out += '(?:';
          i += 3;
          continue;
        }
        if (m) throw new Re2Error('scoped flags are not supported on this platform', m[0]);
        // A flag group at the top level after text the flags cannot affect applies to the whole pattern.
        const later = /^\(\?([ims]+)\)/.exec(r);
        if (later && depth === 1 && flagsNeutral(chars.slice(0, i).join(''), later[1]!)) {
          for (const f of later[1]!) if (!flags.includes(f)) flags += f;
          depth--;
          i += later[0].length;
          continue;
        }
        const bad = /^\(\?[imsU-]*\)/.exec(r);
        if (bad)
          throw new Re2Error(
            'flags after the start of the pattern are not supported on this platform',
            bad[0],
          );
        throw new Re2Error('invalid or unsupported Perl syntax', r.slice(0, 3));
      }
      names.push('');
      out += '(';
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw new Re2Error('unexpected )', pattern);
      depth--;
      out += ')';
      i++;
      continue;
    }
    if (c === '|') {
      canRepeat = false;
      out += '|';
      i++;
      continue;
    }
    if (c === '^' || c === '$') {
      out += c;
      i++;
      continue;
    }
    if (c === '.') {
      out += '.';
      i++;
      continue;
    }
    out += c === '{' || c === '}' || c === ']' || c === '/' ? `\\${c}` : c;
    i++;
  }
  if (depth > 0) throw new Re2Error('missing closing )', pattern);
  let re: RegExp;
  try {
    re = new RegExp(out, flags);
  } catch (e) {
    throw new Re2Error(`unsupported pattern (${e instanceof Error ? e.message : String(e)})`, pattern);
  }
  return { re, names };
}

/** Whether setting `flags` could not change how `prefix` (RE2 source) matches. */
function flagsNeutral(prefix: string, flags: string): boolean {
  const bare = prefix.replace(/\\./gsu, '');
  const outsideClasses = bare.replace(/\[[^\]]*\]/gu, '');
  if (flags.includes('i') && /\p{L}/u.test(bare)) return false;
  if (flags.includes('s') && outsideClasses.includes('.')) return false;
  if (flags.includes('m') && /[\^$]/.test(outsideClasses)) return false;
  return true;
}

export type MatchIndices = (readonly [number, number] | undefined)[];

function execAt(
  c: CompiledRe2,
  s: string,
  pos: number,
): { indices: MatchIndices; groups: (string | undefined)[] } | undefined {
  c.re.lastIndex = pos;
  const m = c.re.exec(s);
  if (!m) return undefined;
  const start = m.index;
  const end = start + m[0].length;
  return { indices: [[start, end]], groups: [...m] };
}

function advance(s: string, pos: number): number {
  const cp = s.codePointAt(pos);
  return pos + (cp !== undefined && cp > 0xffff ? 2 : 1);
}

export interface Re2Match {
  readonly start: number;
  readonly end: number;
  /** Group texts by index; undefined where a group did not participate. */
  readonly groups: readonly (string | undefined)[];
}

/** The first match, as Go's FindStringSubmatchIndex. */
export function findFirst(c: CompiledRe2, s: string): Re2Match | undefined {
  const m = execAt(c, s, 0);
  return m && { start: m.indices[0]![0], end: m.indices[0]![1], groups: m.groups };
}

/** All matches, as Go's FindAllStringSubmatchIndex(s, -1) (no empty match right after a match). */
export function findAll(c: CompiledRe2, s: string): Re2Match[] {
  const out: Re2Match[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    const m = execAt(c, s, pos);
    if (!m) break;
    const [start, end] = m.indices[0]!;
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos = pos < s.length ? advance(s, pos) : pos + 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push({ start, end, groups: m.groups });
  }
  return out;
}

/** Go's Regexp.ReplaceAllString with `$1`, `${name}` expansion. */
export function replaceAll(c: CompiledRe2, s: string, template: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(c, s, searchPos);
    if (!m) break;
    const [start, end] = m.indices[0]!;
    out += s.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(c, template, m.groups);
    lastMatchEnd = end;
    const width = searchPos < s.length ? advance(s, searchPos) - searchPos : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastMatchEnd);
}

function expand(c: CompiledRe2, template: string, groups: readonly (string | undefined)[]): string {
  let out = '';
  let t = template;
  for (;;) {
    const d = t.indexOf('$');
    if (d < 0) break;
    out += t.slice(0, d);
    t = t.slice(d + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    let name: string | undefined;
    if (t.startsWith('{')) {
      const close = t.indexOf('}');
      const inner = close > 0 ? t.slice(1, close) : '';
      if (close > 0 && inner !== '' && /^[\p{L}\p{Nd}_]+$/u.test(inner)) {
        name = inner;
        t = t.slice(close + 1);
      }
    } else {
      const m = /^[\p{L}\p{Nd}_]+/u.exec(t);
      if (m) {
        name = m[0];
        t = t.slice(m[0].length);
      }
    }
    if (name === undefined) {
      out += '$';
      continue;
    }
    if (/^[0-9]+$/.test(name)) {
      const num = name.length > 8 ? -1 : Number(name);
      if (num >= 0 && num < groups.length) out += groups[num] ?? '';
    } else {
      const idx = c.names.indexOf(name);
      if (idx > 0) out += groups[idx] ?? '';
    }
  }
  return out + t;
}
