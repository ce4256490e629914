/**
 * `formatHcl`: the canonical layout of a native-syntax file, byte for byte what `packer fmt` writes. Only
 * whitespace between tokens changes; the diagnostics are the file's syntax errors, which callers such as
 * the `fmt` command use to refuse a file, as Packer does.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { lexConfig } from '../native/lex.js';
import { parseConfigTokens } from '../native/parser.js';
import type { Token } from '../native/tokens.js';
import { formatLexed } from './format-source.js';

export { formatSource } from './format-source.js';

export interface FormatResult {
  readonly output: string;
  readonly diags: Diagnostic[];
}

/**
 * Packer 1.6.6 parses with HCL v2.6.0, which predates namespaced function calls (`ns::fn()`): there `::`
 * is two colons and always a syntax error, so such files are refused as packer refuses them.
 */
function namespaceDiags(tokens: readonly Token[]): Diagnostic[] {
  return tokens
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
  // One scan serves the syntax check and the layout.
  const tokens = lexConfig(src, filename);
  const { diags } = parseConfigTokens(tokens);
  return { output: formatLexed(tokens), diags: [...diags, ...namespaceDiags(tokens)] };
}
