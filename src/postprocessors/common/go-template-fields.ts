/**
 * The build-time part of Packer's Go-template interpolation that post-processor outputs use:
 * `{{.BuildName}}`, `{{ .ChecksumType }}`, `{{- .X -}}`, and the contextual `{{build_name}}` and
 * `{{build_type}}`. Values come from a data map (the artifact's generated data plus the plugin's own
 * fields); a missing field renders as Go's `<no value>`. Any other action is an error rather than
 * being written into a file name.
 */
export function renderFields(text: string, data: Readonly<Record<string, unknown>>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    const close = text.indexOf('}}', open + 2);
    if (close < 0) throw new Error(`template: unclosed action in ${JSON.stringify(text)}`);
    let literal = text.slice(i, open);
    let action = text.slice(open + 2, close);
    const trimLeft = /^-\s/.test(action);
    const trimRight = /\s-$/.test(action);
    if (trimLeft) {
      literal = literal.replace(/\s+$/, '');
      action = action.slice(1);
    }
    if (trimRight) action = action.slice(0, -1);
    out += literal + renderAction(action.trim(), data, text);
    i = close + 2;
    if (trimRight) {
      while (i < text.length && /\s/.test(text[i] as string)) i++;
    }
  }
  return out;
}

function renderAction(action: string, data: Readonly<Record<string, unknown>>, text: string): string {
  const field = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(action);
  if (field) return show(data[field[1] as string]);
  if (action === 'build_name') return show(data.BuildName);
  if (action === 'build_type') return show(data.BuilderType);
  throw new Error(`template: unsupported action {{${action}}} in ${JSON.stringify(text)}`);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  return typeof value === 'string' ? value : String(value);
}
