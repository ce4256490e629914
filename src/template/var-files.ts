/** Reading a var file (`-var-file` or `*.auto.pkrvars.*`): HCL or JSON syntax, chosen by extension. */
import { extname } from 'node:path';
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { ParsedFile } from '../hcl/parse.js';
import { readConfigFile } from './template-files.js';

export function readVarFile(name: string, cwd: string): { parsed?: ParsedFile; diags: Diagnostic[] } {
  const ext = extname(name);
  if (ext !== '.hcl' && ext !== '.json') {
    return {
      diags: [
        errorDiag(`Could not guess format of ${name}`, 'A var file must be suffixed with `.hcl` or `.json`.'),
      ],
    };
  }
  const r = readConfigFile(name, cwd);
  // A var file with syntax errors is left out; its diagnostics say why.
  if (r.diags.some((d) => d.severity === 'error')) return { diags: r.diags };
  return r;
}
