/**
 * The part of Packer's legacy template interpolation (Go text/template plus Packer's functions) that
 * provisioners render at build time: execute_command, inline commands, file sources and destinations.
 * Supported: `{{.Name}}` (spaces and `{{-`/`-}}` trim markers allowed), string literals, and the
 * functions build, upper, lower, timestamp, uuid and pwd with literal or field arguments. A missing key
 * renders as Go does for maps: `<no value>`. Like Packer's interpolate.Render, rendering repeats until
 * the text no longer changes (so `{{"{{"}}` escapes do not survive either).
 */
import { randomUUID } from 'node:crypto';

const ACTION = /\{\{(-[ \t\r\n])?[ \t\r\n]*([\s\S]*?)[ \t\r\n]*([ \t\r\n]-)?\}\}/g;
const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|\.([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/y;

export class TemplateError extends Error {}

type Data = Readonly<Record<string, unknown>>;
type Arg = { literal: string } | { field: string };

const FUNCTIONS: Record<string, (data: Data, args: string[]) => string> = {
  build: (data, [name]) => {
    if (name === undefined || !(name in data))
      throw new TemplateError(`loaded data, but couldn't find ${name} in it`);
    return show(data[name]);
  },
  upper: (_, [s]) => (s ?? '').toUpperCase(),
  lower: (_, [s]) => (s ?? '').toLowerCase(),
  timestamp: () => String(Math.floor(Date.now() / 1000)),
  uuid: () => randomUUID(),
  pwd: () => process.cwd(),
};

/** Renders repeatedly until stable (at most a few passes, so self-reproducing text cannot loop). */
export function renderGoTemplate(template: string, data: Data): string {
  let text = template;
  for (let pass = 0; pass < 10; pass++) {
    const next = renderOnce(text, data);
    if (next === text) break;
    text = next;
  }
  return text;
}

export function renderOnce(template: string, data: Data): string {
  let out = '';
  let last = 0;
  let trimNext = false;
  for (const m of template.matchAll(ACTION)) {
    let text = template.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1]) text = text.replace(/\s+$/, '');
    out += text + evaluate(m[2]!, data);
    trimNext = m[3] !== undefined;
    last = m.index + m[0].length;
  }
  let rest = template.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  return out + rest;
}

function evaluate(action: string, data: Data): string {
  const tokens: Array<Arg | { name: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < action.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(action);
    if (!m)
      throw new TemplateError(`template: root:1: unexpected "${action.slice(start).trim()}" in command`);
    if (m[1] !== undefined) tokens.push({ literal: JSON.parse(`"${m[1]}"`) as string });
    else if (m[2] !== undefined) tokens.push({ literal: m[2] });
    else if (m[3] !== undefined) tokens.push({ field: m[3] });
    else tokens.push({ name: m[4]! });
  }
  const [head, ...rest] = tokens;
  if (head === undefined) throw new TemplateError('template: root:1: missing value for command');
  const argValue = (a: Arg | { name: string }): string => {
    if ('literal' in a) return a.literal;
    if ('field' in a) return show(data[a.field]);
    throw new TemplateError(`template: root:1: unexpected function "${a.name}" as an argument`);
  };
  if (!('name' in head)) {
    if (rest.length > 0) throw new TemplateError(`template: root:1: can't give argument to non-function`);
    return argValue(head);
  }
  const fn = FUNCTIONS[head.name];
  if (!fn) throw new TemplateError(`template: root:1: function "${head.name}" not defined`);
  return fn(data, rest.map(argValue));
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}
