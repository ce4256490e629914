/**
 * The small part of Go's text/template that Packer's execute_command and similar options use:
 * `{{.Name}}` (spaces and `{{-`/`-}}` trim markers allowed) and `{{build "Name"}}`. Values come from a
 * flat map, as Packer's generated data is; a missing key renders as Go does for maps: `<no value>`.
 */
const ACTION = /\{\{(-[ \t\r\n])?[ \t\r\n]*([\s\S]*?)[ \t\r\n]*([ \t\r\n]-)?\}\}/g;

export class TemplateError extends Error {}

export function renderGoTemplate(template: string, data: Readonly<Record<string, unknown>>): string {
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

function evaluate(action: string, data: Readonly<Record<string, unknown>>): string {
  const field = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(action);
  if (field) return show(data[field[1]!]);
  const build = /^build\s+(?:"([^"]*)"|`([^`]*)`)$/.exec(action);
  if (build) {
    const name = build[1] ?? build[2]!;
    if (!(name in data)) throw new TemplateError(`loaded data, but couldn't find ${name} in it`);
    return show(data[name]);
  }
  const literal = /^"((?:[^"\\]|\\.)*)"$|^`([^`]*)`$/.exec(action);
  if (literal) return literal[2] ?? JSON.parse(`"${literal[1]}"`);
  const fn = /^[A-Za-z_][A-Za-z0-9_]*/.exec(action);
  if (fn) throw new TemplateError(`template: root:1: function "${fn[0]}" not defined`);
  throw new TemplateError(`template: root:1: unexpected "${action}" in command`);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}
