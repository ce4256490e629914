/**
 * `packer console` in JSON mode (a legacy JSON template, or `-config-type=json`): each line is a Go
 * template (`{{user `x`}}`, `{{timestamp}}`, `{{upper `a`}}` …) rendered with the template's user
 * variables. A result that used a sensitive variable prints as `<sensitive>`.
 */
import { dirname, resolve } from 'node:path';
import { errorDiag } from '../../hcl/diagnostics.js';
import { runStartTime } from '../../hcl/functions/datetime.js';
import { compareStrings } from '../../hcl/go-strings.js';
import { asString } from '../../hcl/values.js';
import { type GoTemplateContext, renderGoTemplate } from '../../template/legacy-json/go-template.js';
import type { Template } from '../../template/model.js';
import { packerVersion } from '../../version.js';
import type { LineResult } from './console-eval.js';
import { isSensitiveValue, sensitiveText } from './sensitive.js';

export const jsonConsoleHelpText = `Packer console JSON Mode.
The Packer console allows you to experiment with Packer interpolations.
You may access variables in the Packer config you called the console with.

Type in the interpolation to test and hit <enter> to see the result.

"variables" will dump all available variables and their values.

"{{timestamp}}" will output the timestamp, for example "1559855090".

To exit the console, type "exit" and hit <enter>, or use Control-C.

/!\\ If you would like to start console in hcl2 mode without a config you can
use the --config-type=hcl2 option.`;

interface UserValue {
  readonly value?: string;
  readonly sensitive: boolean;
}

function userValues(t: Template | undefined): Map<string, UserValue> {
  const out = new Map<string, UserValue>();
  for (const [name, v] of t?.variables ?? []) {
    const known = v.value.state === 'known';
    out.set(name, {
      value: known ? asString(v.value) : undefined,
      sensitive: v.sensitive || isSensitiveValue(v.value),
    });
  }
  return out;
}

export function jsonConsoleContext(t: Template | undefined, cwd: string): GoTemplateContext {
  const users = userValues(t);
  return {
    user: (name) => users.get(name) ?? {},
    startTime: runStartTime,
    templateDir: t ? dirname(resolve(cwd, t.path)) : cwd,
    cwd,
    packerVersion: packerVersion,
  };
}

export function evaluateJsonLine(line: string, t: Template | undefined, ctx: GoTemplateContext): LineResult {
  const files = t?.files ?? new Map();
  const none = { diags: [], files };
  if (line === '') return { out: '', exit: false, ...none };
  if (line === 'exit') return { out: '', exit: true, ...none };
  if (line === 'help') return { out: jsonConsoleHelpText, exit: false, ...none };
  if (line === 'variables') {
    let out = '\n';
    const users = userValues(t);
    for (const name of [...users.keys()].sort(compareStrings)) {
      const u = users.get(name)!;
      out += `${name}: ${u.sensitive ? sensitiveText : (u.value ?? '')},\n`;
    }
    return { out, exit: false, ...none };
  }
  const r = renderGoTemplate(line, ctx);
  if (r.errors.length > 0) {
    return { out: '', exit: false, diags: [errorDiag('Interpolation error', r.errors.join('\n'))], files };
  }
  return { out: r.sensitive ? sensitiveText : r.text, exit: false, ...none };
}
