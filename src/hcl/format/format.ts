/**
 * `formatHcl`: the canonical layout of a native-syntax file, byte for byte what `packer fmt` writes. Only
 * whitespace between tokens changes; the diagnostics are the file's syntax errors, which callers such as
 * the `fmt` command use to refuse a file, as Packer does.
 */
import type { Diagnostic } from '../diagnostics.js';
import { parseConfig } from '../native/parser.js';
import { formatSource } from './format-source.js';

export { formatSource } from './format-source.js';

export interface FormatResult {
  readonly output: string;
  readonly diags: Diagnostic[];
}

export function formatHcl(src: string, filename = '<input>'): FormatResult {
  const { diags } = parseConfig(src, filename);
  return { output: formatSource(src, filename), diags: [...diags] };
}
