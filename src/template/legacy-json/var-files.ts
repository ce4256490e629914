/** Variable values given to a legacy template: -var arguments and JSON var files. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Diagnostic, errorDiag, hasErrors } from '../../hcl/diagnostics.js';
import { type JsonBody, parseJson } from '../../hcl/json/index.js';
import type { SourceFile } from '../../hcl/render.js';
import type { LegacyLoadOptions } from './load.js';
import type { GivenValue } from './variables.js';

/** -var-file then -var values; a later file overrides an earlier one, and -var overrides files. */
export function givenValues(
  opts: LegacyLoadOptions,
  files: Map<string, SourceFile>,
  diags: Diagnostic[],
): Map<string, GivenValue> {
  const fromFiles = new Map<string, GivenValue>();
  const fromCli = new Map<string, GivenValue>();
  const setCli = (text: string) => {
    const eq = text.indexOf('=');
    if (eq < 0) {
      diags.push(errorDiag(`No '=' value in arg: ${text}`, 'A -var option is written -var name=value.'));
      return;
    }
    fromCli.set(text.slice(0, eq), { value: text.slice(eq + 1), source: 'cli' });
  };
  const varFiles = [...(opts.varFiles ?? [])];
  for (const arg of opts.varArgs ?? []) {
    if (arg.kind === 'var-file') varFiles.push(arg.path);
    else if ('text' in arg) setCli(arg.text);
    else fromCli.set(arg.name, { value: arg.value, source: 'cli' });
  }
  const vars = opts.vars ?? [];
  if (vars instanceof Map) for (const [name, value] of vars) fromCli.set(name, { value, source: 'cli' });
  else for (const text of vars as readonly string[]) setCli(text);

  for (const path of varFiles) readVarFile(path, opts.cwd, files, fromFiles, diags);
  return new Map([...fromFiles, ...fromCli]);
}

/** A legacy var file: a JSON object of strings (Packer decodes it into a map of strings). */
function readVarFile(
  path: string,
  cwd: string,
  files: Map<string, SourceFile>,
  into: Map<string, GivenValue>,
  diags: Diagnostic[],
): void {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    diags.push(errorDiag(`open ${path}: no such file or directory`, (e as Error).message));
    return;
  }
  files.set(path, { text });
  const parsed = parseJson(text, path);
  const node = (parsed.body as JsonBody).node;
  diags.push(...parsed.diags);
  if (hasErrors(parsed.diags)) return;
  if (node.kind !== 'object') {
    diags.push(
      errorDiag(
        `Error reading variables in '${path}': json: cannot unmarshal array into Go value of type map[string]string`,
        undefined,
        node.range,
      ),
    );
    return;
  }
  for (const p of node.properties) {
    if (p.value.kind !== 'string') {
      diags.push(
        errorDiag(
          `Error reading variables in '${path}': json: cannot unmarshal ${p.value.kind} into Go value of type string`,
          'Values in a variables file for a legacy JSON template are strings.',
          p.value.range,
        ),
      );
      continue;
    }
    into.set(p.name, { value: p.value.value, source: 'varfile', range: p.value.range });
  }
}
