/**
 * Packer's boot command language (packer-plugin-sdk bootcommand/boot_command.pigeon), parsed the way
 * its PEG does: at each position try, in order, `<wait…>`, a one-character toggle `<xOn>`/`<xOff>`,
 * a special key `<enter>`/`<leftCtrlOn>`, and otherwise type the character itself. Anything that is
 * not one of those forms (`<enterr>`, `<WAIT>`, `<wait05>`) is typed literally, as Packer does.
 */

export type KeyAction = 'press' | 'on' | 'off';

export type BootExpression =
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'special'; readonly key: SpecialKey; readonly action: KeyAction }
  | { readonly kind: 'char'; readonly char: string; readonly action: KeyAction };

/** The grammar's special keys in its order (the order matters: `f10` before `f1`). */
export const SPECIAL_KEYS = [
  'bs',
  'del',
  'enter',
  'esc',
  'f10',
  'f11',
  'f12',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'f6',
  'f7',
  'f8',
  'f9',
  'return',
  'tab',
  'up',
  'down',
  'spacebar',
  'insert',
  'home',
  'end',
  'pageup',
  'pagedown',
  'leftalt',
  'leftctrl',
  'leftmeta',
  'leftshift',
  'rightalt',
  'rightctrl',
  'rightmeta',
  'rightshift',
  'leftsuper',
  'rightsuper',
  'left',
  'right',
  'menu',
] as const;
export type SpecialKey = (typeof SPECIAL_KEYS)[number];

/** Go's time units, in the grammar's order (`ms` before `m`). */
const UNITS: readonly [string, number][] = [
  ['ns', 1e-6],
  ['us', 1e-3],
  ['µs', 1e-3],
  ['ms', 1],
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
];

export function parseBootCommand(command: string): BootExpression[] {
  const chars = [...command];
  const out: BootExpression[] = [];
  let pos = 0;
  while (pos < chars.length) {
    const found =
      chars[pos] === '<' ? (wait(chars, pos) ?? toggle(chars, pos) ?? special(chars, pos)) : undefined;
    if (found) {
      out.push(found.expr);
      pos = found.end;
    } else {
      out.push({ kind: 'char', char: chars[pos]!, action: 'press' });
      pos++;
    }
  }
  return out;
}

type Match = { expr: BootExpression; end: number };

/** Matches `word` (case-insensitively when asked) at pos; returns the position after it. */
function literal(chars: string[], pos: number, word: string, caseless: boolean): number | undefined {
  const w = [...word];
  for (let i = 0; i < w.length; i++) {
    const c = chars[pos + i];
    if (c === undefined) return undefined;
    if (caseless ? c.toLowerCase() !== w[i]!.toLowerCase() : c !== w[i]) return undefined;
  }
  return pos + w.length;
}

function onOff(chars: string[], pos: number): { action: KeyAction; end: number } | undefined {
  const on = literal(chars, pos, 'on', true);
  if (on !== undefined) return { action: 'on', end: on };
  const off = literal(chars, pos, 'off', true);
  if (off !== undefined) return { action: 'off', end: off };
  return undefined;
}

function wait(chars: string[], pos: number): Match | undefined {
  const start = literal(chars, pos + 1, 'wait', false);
  if (start === undefined) return undefined;
  let ms = 1000;
  let end = start;
  const d = duration(chars, start);
  if (d !== undefined) {
    ms = d.ms;
    end = d.end;
  } else {
    const n = integer(chars, start);
    if (n !== undefined) {
      ms = n.value * 1000;
      end = n.end;
    }
  }
  if (chars[end] !== '>') return undefined;
  return { expr: { kind: 'wait', ms }, end: end + 1 };
}

function integer(chars: string[], pos: number): { value: number; end: number } | undefined {
  if (chars[pos] === '0') return { value: 0, end: pos + 1 };
  if (!/[1-9]/.test(chars[pos] ?? '')) return undefined;
  let end = pos + 1;
  while (/[0-9]/.test(chars[end] ?? '')) end++;
  return { value: Number(chars.slice(pos, end).join('')), end };
}

/** `( Number TimeUnit )+`, Go's time.ParseDuration syntax; a sign only counts on the first term. */
function duration(chars: string[], pos: number): { ms: number; end: number } | undefined {
  let end = pos;
  let total = 0;
  let terms = 0;
  let negative = false;
  for (;;) {
    let p = end;
    const minus = chars[p] === '-';
    if (minus) p++;
    const n = integer(chars, p);
    if (n === undefined) break;
    p = n.end;
    let text = chars.slice(end + (minus ? 1 : 0), p).join('');
    if (chars[p] === '.' && /[0-9]/.test(chars[p + 1] ?? '')) {
      let q = p + 1;
      while (/[0-9]/.test(chars[q] ?? '')) q++;
      text = chars.slice(end + (minus ? 1 : 0), q).join('');
      p = q;
    }
    const unit = UNITS.find(([u]) => literal(chars, p, u, false) !== undefined);
    if (unit === undefined) break;
    if (minus && terms > 0) return undefined; // Go rejects "1s-2s"
    if (minus) negative = true;
    total += Number(text) * unit[1];
    end = p + [...unit[0]].length;
    terms++;
  }
  if (terms === 0) return undefined;
  return { ms: negative ? -total : total, end };
}

function toggle(chars: string[], pos: number): Match | undefined {
  const char = chars[pos + 1];
  if (char === undefined) return undefined;
  const t = onOff(chars, pos + 2);
  if (t === undefined || chars[t.end] !== '>') return undefined;
  return { expr: { kind: 'char', char, action: t.action }, end: t.end + 1 };
}

function special(chars: string[], pos: number): Match | undefined {
  for (const key of SPECIAL_KEYS) {
    const after = literal(chars, pos + 1, key, true);
    if (after === undefined) continue;
    // PEG: the first key that matches is kept even if what follows fails.
    const t = onOff(chars, after);
    const end = t?.end ?? after;
    if (chars[end] !== '>') return undefined;
    return { expr: { kind: 'special', key, action: t?.action ?? 'press' }, end: end + 1 };
  }
  return undefined;
}

/** Packer's Validate: every wait must be positive. Returns the error messages. */
export function validateBootCommand(expressions: readonly BootExpression[]): string[] {
  return expressions
    .filter((e): e is Extract<BootExpression, { kind: 'wait' }> => e.kind === 'wait' && e.ms <= 0)
    .map((e) => `Expecting a positive wait value. Got ${formatGoDuration(e.ms)}`);
}

/** Go's Duration.String for whole and fractional seconds/milliseconds (enough for messages). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const fixed = (n: number, digits: number) => n.toFixed(digits).replace(/\.0*$|(\.\d*?)0+$/, '$1');
  if (rest < 1e-3) return `${sign}${fixed(rest * 1e6, 0)}ns`;
  if (rest < 1) return `${sign}${fixed(rest * 1e3, 3)}µs`;
  if (rest < 1000) return `${sign}${fixed(rest, 6)}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = fixed(rest / 1000, 9) || '0';
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
