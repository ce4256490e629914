/**
 * `formatHcl`: the canonical layout of a native-syntax file, byte for byte what `packer fmt` writes. Only
 * whitespace between tokens changes; the diagnostics are the file's syntax errors, which callers such as
 * the `fmt` command use to refuse a file, as Packer does.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { lexConfig } from '../native/lex.js';
import { parseConfig } from '../native/parser.js';
import { formatSource } from './format-source.js';

export { formatSource } from './format-source.js';

export interface FormatResult {
  readonly output: string;
  readonly diags: Diagnostic[];
}

/**
 * Packer 1.6.6 parses with HCL v2.6.0, which predates namespaced function calls (`ns::fn()`): there `::`
 * is two colons and always a syntax error, so such files are refused as packer refuses them.
 */
function namespaceDiags(src: string, filename: string): Diagnostic[] {
  return lexConfig(src, filename)
    .filter((t) => t.type === 'TokenDoubleColon')
    .map((t) =>
      errorDiag(
        'Unsupported namespaced function call',
        'Function namespaces ("::") are not part of the HCL version Packer 1.6.6 accepts.',
        t.range,
      ),
    );
}

export function formatHcl(src: string, filename = '<input>'): FormatResult {
  const { diags } = parseConfig(src, filename);
  return { output: formatSource(src, filename), diags: [...diags, ...namespaceDiags(src, filename)] };
}
