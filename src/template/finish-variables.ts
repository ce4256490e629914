/**
 * After values are collected: each variable's final value (the last assignment), "Unset variable"
 * for those with none, the validation rules, and the `var` values with sensitive ones marked.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { HclFunction } from '../hcl/hcl.js';
import type { Value } from '../hcl/value.js';
import { SensitiveMark } from '../hcl/value.js';
import { markValue, unknownVal } from '../hcl/values.js';
import type { Variable } from './model.js';
import { validateValue } from './variable-validation.js';
import type { VariableDecls } from './variables.js';

function unsetVariable(name: string, decl: { declRange: Variable['declRange'] }): Diagnostic {
  return errorDiag(
    `Unset variable ${JSON.stringify(name)}`,
    `A used variable must be set or have a default value; see https://packer.io/docs/templates/hcl_templates/syntax for details. Set it with -var ${name}=…, a var file, or PKR_VAR_${name}.`,
    decl.declRange,
  );
}

export function finishVariables(
  decls: VariableDecls,
  functions: ReadonlyMap<string, HclFunction>,
): { variables: Map<string, Variable>; values: Map<string, Value>; diags: Diagnostic[] } {
  const variables = new Map<string, Variable>();
  const values = new Map<string, Value>();
  const diags: Diagnostic[] = [];
  for (const decl of decls.values()) {
    const last = decl.assignments[decl.assignments.length - 1];
    if (decl.broken) {
      // Its declaration was already reported.
    } else if (!last) diags.push(unsetVariable(decl.name, decl));
    else diags.push(...validateValue(decl.name, decl.validations, last, functions, decl.declRange));
    const plain = last && !decl.broken ? last.value : unknownVal(decl.type);
    const value = decl.sensitive ? markValue(plain, SensitiveMark) : plain;
    values.set(decl.name, value);
    const def = decl.assignments.find((a) => a.from === 'default');
    variables.set(decl.name, {
      name: decl.name,
      type: decl.type,
      description: decl.description,
      sensitive: decl.sensitive,
      default: def && (decl.sensitive ? markValue(def.value, SensitiveMark) : def.value),
      validations: decl.validations,
      value,
      valueSource: last?.from,
      declRange: decl.declRange,
    });
  }
  return { variables, values, diags };
}
