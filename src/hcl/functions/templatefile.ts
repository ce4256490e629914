/**
 * templatefile(path, vars): renders a file as an HCL template with `vars` as its only variables and the
 * full function table, except that templatefile cannot call itself (Packer's MakeTemplateFileFunc).
 * Exports `makeTemplateFileFunction(baseDir, functions)`; the registry registers it as "templatefile".
 */
import type { Diagnostic } from '../diagnostics.js';
import { FunctionArgError, FunctionError, type HclFunction } from '../hcl.js';
import { parseTemplate, validIdentifier } from '../native/parser.js';
import { nativeExpression } from '../native/expression.js';
import { formatRange } from '../pos.js';
import { traversalRootName } from '../traversal.js';
import { DynamicType, StringType, type Type } from '../types.js';
import type { Value } from '../value.js';
import { asString, entries, isWhollyKnown } from '../values.js';
import { defineFunction, param } from './call.js';
import { readTextFile } from './file.js';

type FunctionTable = ReadonlyMap<string, HclFunction> | Readonly<Record<string, HclFunction>>;

const params = [param('path', StringType), param('vars', DynamicType)];

/** hcl.Diagnostics.Error(): the first diagnostic as "range: summary; detail", plus a count of the rest. */
function diagnosticsMessage(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error');
  const first = errors[0]!;
  const where = first.subject ? formatRange(first.subject) : '<nil>';
  const text = `${where}: ${first.summary}; ${first.detail ?? ''}`;
  return errors.length > 1 ? `${text}, and ${errors.length - 1} other diagnostic(s)` : text;
}

const recursionGuard: HclFunction = {
  params,
  returnType: () => {
    throw new FunctionError('cannot recursively call templatefile from inside templatefile call');
  },
  impl: () => {
    throw new FunctionError('cannot recursively call templatefile from inside templatefile call');
  },
};

/**
 * The templatefile function. `functions` is called at render time (the table usually contains this
 * function, so it cannot be built first); its own "templatefile" entry is replaced by a guard.
 */
export function makeTemplateFileFunction(baseDir: string, functions: () => FunctionTable): HclFunction {
  const render = (path: string, vars: Value): Value => {
    const src = readTextFile(baseDir, path);
    const parsed = parseTemplate(src, path);
    if (parsed.diags.some((d) => d.severity === 'error'))
      throw new FunctionError(diagnosticsMessage(parsed.diags));
    const expr = nativeExpression(parsed.expr);

    const kind = vars.type.kind;
    if (kind !== 'map' && kind !== 'object')
      throw new FunctionArgError(1, 'invalid vars value: must be a map');
    const variables = new Map(entries(vars));
    for (const name of variables.keys()) {
      if (!validIdentifier(name)) {
        throw new FunctionArgError(
          1,
          `invalid template variable name ${JSON.stringify(name)}: must start with a letter, followed by zero or more letters, digits, and underscores`,
        );
      }
    }
    for (const traversal of expr.variables()) {
      const root = traversalRootName(traversal);
      if (root !== undefined && !variables.has(root)) {
        throw new FunctionArgError(
          1,
          `vars map does not contain key ${JSON.stringify(root)}, referenced at ${formatRange(traversal[0]!.range)}`,
        );
      }
    }

    const table = functions();
    const fns = new Map<string, HclFunction>(table instanceof Map ? table : Object.entries(table));
    fns.set('templatefile', recursionGuard);
    const result = expr.value({ variables, functions: fns });
    if (result.diags.some((d) => d.severity === 'error'))
      throw new FunctionError(diagnosticsMessage(result.diags));
    return result.value;
  };

  return defineFunction({
    description: 'Renders a file as an HCL template with the given variables.',
    params,
    returnType: (args): Type => {
      if (!isWhollyKnown(args[0]!) || args[1]!.state === 'unknown') return DynamicType;
      return render(asString(args[0]!), args[1]!).type;
    },
    impl: (args) => render(asString(args[0]!), args[1]!),
  });
}
