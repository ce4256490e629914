/**
 * Go's fmt.Sprintf for string arguments, enough for env_var_format (`%s='%s' `, `export %s='%s'\n`,
 * `set %s=%s && `): %s and %v insert, %q quotes, %% is a percent; anything else prints Go's complaint,
 * as does a missing or an extra argument.
 */
export function goSprintf(format: string, args: readonly string[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const verb = format[++i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[next++]!;
    if (verb === 's' || verb === 'v') out += arg;
    else if (verb === 'q') out += JSON.stringify(arg);
    else out += `%!${verb}(string=${arg})`;
  }
  if (next < args.length) {
    out += `%!(EXTRA ${args
      .slice(next)
      .map((a) => `string=${a}`)
      .join(', ')})`;
  }
  return out;
}
