/**
 * The part of Packer's legacy Go-template interpolation that can happen when a template is read:
 * `{{user `x`}}`, `{{env `X`}}` (variables only), `{{timestamp}}`, `{{isotime}}`, `{{strftime}}`,
 * `{{uuid}}`, `{{pwd}}`, `{{template_dir}}`, `{{packer_version}}` and the pure helpers (upper, lower,
 * replace, replace_all, split) over literal arguments. Everything else (`{{ .HTTPIP }}`,
 * `{{build_name}}`, `{{build `ID`}}`, vault, secrets managers…) stays verbatim for the plugins to
 * render with their own data. A pipeline whose head we can evaluate but whose tail we cannot keeps the
 * tail: `{{isotime | clean_resource_name}}` becomes `{{"2024-…" | clean_resource_name}}`.
 */
import { randomBytes } from 'node:crypto';
import { strftime } from '../../hcl/functions/datetime.js';
import { formatGoLayout, type GoTime, RFC3339 } from '../../hcl/functions/gotime.js';
import { goQuote } from '../../hcl/go-strings.js';

export interface GoTemplateContext {
  /** User variable values (already rendered). */
  readonly user: (name: string) => { value?: string; sensitive?: boolean };
  /** Whether `env` may be used (only in the variables section, as Packer). */
  readonly env?: NodeJS.ProcessEnv;
  readonly startTime: GoTime;
  readonly templateDir: string;
  readonly cwd: string;
  readonly packerVersion: string;
}

export interface RenderResult {
  readonly text: string;
  /** Some sensitive variable's value went into the text. */
  readonly sensitive: boolean;
  /** `{{user `x`}}` names that have no value. */
  readonly undefinedUsers: string[];
  /** Errors from functions (wrong arguments, env outside variables…), in Go's words. */
  readonly errors: string[];
}

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; value: string }
  | { kind: 'pipe' }
  | { kind: 'other' };

/** Renders what can be rendered now; see the module comment. */
export function renderGoTemplate(text: string, ctx: GoTemplateContext): RenderResult {
  const state = { sensitive: false, undefinedUsers: [] as string[], errors: [] as string[] };
  let out = '';
  let i = 0;
  let trimNext = false;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    let literal = open < 0 ? text.slice(i) : text.slice(i, open);
    if (trimNext) literal = literal.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      out += literal;
      break;
    }
    const close = findActionEnd(text, open + 2);
    if (close < 0) {
      out += literal + text.slice(open);
      break;
    }
    const raw = text.slice(open, close + 2);
    let inner = text.slice(open + 2, close);
    const trimLeft = /^-\s/.test(inner);
    const trimRight = /\s-$/.test(inner);
    if (trimLeft) inner = inner.slice(1);
    if (trimRight) inner = inner.slice(0, -1);
    // A comment renders as nothing.
    const rendered = /^\/\*[\s\S]*\*\/$/.test(inner.trim()) ? '' : renderAction(inner, ctx, state);
    if (rendered === undefined) {
      out += literal + raw;
    } else {
      out += (trimLeft ? literal.replace(/\s+$/, '') : literal) + rendered;
      trimNext = trimRight;
    }
    i = close + 2;
  }
  return { text: out, ...state };
}

/** The index of the `}}` closing the action that starts at `from`, skipping string literals. */
function findActionEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

function tokenize(src: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) return undefined;
      tokens.push({ kind: 'string', value: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < src.length && src[j] !== '"'; j++) if (src[j] === '\\') j++;
      try {
        tokens.push({ kind: 'string', value: JSON.parse(src.slice(i, j + 1)) as string });
      } catch {
        return undefined;
      }
      i = j + 1;
    } else if (c === '|') {
      tokens.push({ kind: 'pipe' });
      i++;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9]+/.exec(src.slice(i))!;
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'ident', value: m[0] });
      i += m[0].length;
    } else {
      // Fields, variables, parentheses, comments…: nothing we render.
      tokens.push({ kind: 'other' });
      i++;
    }
  }
  return tokens;
}

type State = { sensitive: boolean; undefinedUsers: string[]; errors: string[] };
type Arg = string | number;

/** The action's replacement text, or undefined to keep it verbatim. */
function renderAction(inner: string, ctx: GoTemplateContext, state: State): string | undefined {
  const tokens = tokenize(inner);
  if (!tokens || tokens.length === 0) return undefined;
  const commands: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'pipe') commands.push([]);
    else commands[commands.length - 1]!.push(t);
  }
  let value: string | undefined;
  let done = 0;
  for (const command of commands) {
    const next = evalCommand(command, done === 0 ? undefined : value, ctx, state);
    if (next === undefined) break;
    value = next;
    done++;
  }
  if (done === 0 || value === undefined) return undefined;
  if (done === commands.length) return value;
  // Keep the rest of the pipeline for the plugin, fed by what we computed.
  const rest = inner.split('|').slice(done).join('|');
  return `{{ ${goQuote(value)} |${rest}}}`;
}

/** One command of a pipeline; `piped` is the previous command's result (Go appends it as last arg). */
function evalCommand(
  command: Token[],
  piped: string | undefined,
  ctx: GoTemplateContext,
  state: State,
): string | undefined {
  const [head, ...rest] = command;
  if (!head) return undefined;
  if (head.kind === 'string' && rest.length === 0 && piped === undefined) return head.value;
  if (head.kind !== 'ident') return undefined;
  const args: Arg[] = [];
  for (const t of rest) {
    if (t.kind === 'string' || t.kind === 'number') args.push(t.value);
    else return undefined;
  }
  if (piped !== undefined) args.push(piped);
  return callFunction(head.value, args, ctx, state);
}

function callFunction(name: string, args: Arg[], ctx: GoTemplateContext, state: State): string | undefined {
  const str = (i: number) => (typeof args[i] === 'string' ? (args[i] as string) : undefined);
  const int = (i: number) => (typeof args[i] === 'number' ? (args[i] as number) : undefined);
  const arity = (n: number) => args.length === n;
  switch (name) {
    case 'user': {
      const key = str(0);
      if (!arity(1) || key === undefined) return undefined;
      const { value, sensitive } = ctx.user(key);
      if (value === undefined) {
        state.undefinedUsers.push(key);
        return '';
      }
      if (sensitive) state.sensitive = true;
      return value;
    }
    case 'env': {
      const key = str(0);
      if (!arity(1) || key === undefined) return undefined;
      if (!ctx.env) {
        state.errors.push('env vars are not allowed here');
        return undefined;
      }
      return ctx.env[key] ?? '';
    }
    case 'timestamp':
      return arity(0) ? ctx.startTime.unix.toString() : undefined;
    case 'isotime': {
      if (args.length > 1) {
        state.errors.push(`too many values, 1 needed: [${args.join(' ')}]`);
        return undefined;
      }
      if (args.length === 1 && str(0) === undefined) return undefined;
      return formatGoLayout(ctx.startTime, str(0) ?? RFC3339);
    }
    case 'strftime':
      return arity(1) && str(0) !== undefined ? strftime(str(0)!, ctx.startTime) : undefined;
    case 'uuid':
      return arity(0) ? timeOrderedUuid() : undefined;
    case 'pwd':
      return arity(0) ? ctx.cwd : undefined;
    case 'template_dir':
      return arity(0) ? ctx.templateDir : undefined;
    case 'packer_version':
      return arity(0) ? ctx.packerVersion : undefined;
    case 'upper':
      return arity(1) && str(0) !== undefined ? str(0)!.toUpperCase() : undefined;
    case 'lower':
      return arity(1) && str(0) !== undefined ? str(0)!.toLowerCase() : undefined;
    case 'replace_all': {
      const [o, n, s] = [str(0), str(1), str(2)];
      return arity(3) && o !== undefined && n !== undefined && s !== undefined
        ? replaceN(s, o, n, -1)
        : undefined;
    }
    case 'replace': {
      const [o, n, count, s] = [str(0), str(1), int(2), str(3)];
      return arity(4) && o !== undefined && n !== undefined && count !== undefined && s !== undefined
        ? replaceN(s, o, n, count)
        : undefined;
    }
    case 'split': {
      const [s, sep, index] = [str(0), str(1), int(2)];
      if (!arity(3) || s === undefined || sep === undefined || index === undefined) return undefined;
      const parts = goSplit(s, sep);
      if (index < 0 || parts.length <= index) {
        state.errors.push(
          `the substring ${index} was unavailable using the separator value, ${sep}, only ${parts.length} values were found`,
        );
        return undefined;
      }
      return parts[index];
    }
    case 'build_name':
    case 'build_type':
      // Known only to a running build; in the variables section that is an error, as in Packer.
      if (ctx.env && arity(0)) state.errors.push(`${name} not available`);
      return undefined;
    default:
      return undefined;
  }
}

/** Go's strings.Replace: the first n occurrences (all when n < 0); an empty `old` matches between runes. */
function replaceN(s: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return s;
  if (old === '') {
    const runes = [...s];
    let out = '';
    let count = 0;
    for (let i = 0; i <= runes.length; i++) {
      if (n < 0 || count < n) {
        out += replacement;
        count++;
      }
      if (i < runes.length) out += runes[i];
    }
    return out;
  }
  let out = '';
  let from = 0;
  let count = 0;
  for (;;) {
    if (n >= 0 && count >= n) break;
    const at = s.indexOf(old, from);
    if (at < 0) break;
    out += s.slice(from, at) + replacement;
    from = at + old.length;
    count++;
  }
  return out + s.slice(from);
}

/** Go's strings.Split: an empty separator splits into runes. */
function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** The Packer SDK's time-ordered UUID: the Unix time, then random bytes. */
function timeOrderedUuid(): string {
  const unix = (Math.floor(Date.now() / 1000) >>> 0).toString(16).padStart(8, '0');
  const b = randomBytes(12).toString('hex');
  return `${unix}-${b.slice(0, 4)}-${b.slice(4, 8)}-${b.slice(8, 12)}-${b.slice(12, 16)}${b.slice(16)}`;
}
