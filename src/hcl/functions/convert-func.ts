/**
 * `convert(value, type)` (HCL's ext/typeexpr ConvertFunc): converts a value to a type constraint
 * written as a type expression, e.g. `convert(x, list(string))`. The type argument is read
 * statically (the rawArgs hook), never evaluated.
 */
import { convert } from '../convert.js';
import { type Diagnostic, hasErrors } from '../diagnostics.js';
import { FunctionArgError, FunctionError, type HclFunction } from '../hcl.js';
import { DynamicType } from '../types.js';
import { typeConstraint } from '../typeexpr.js';
import { DynamicVal, markValue, unknownVal, unmarkDeep } from '../values.js';

export const convertFunc: HclFunction = {
  description: 'Converts a value to the given type constraint.',
  params: [
    { name: 'value', type: DynamicType, allowNull: true, allowDynamicType: true },
    { name: 'type', type: DynamicType },
  ],
  returnType: () => DynamicType,
  impl: () => {
    throw new FunctionError('convert can only be called with a type expression argument');
  },
  rawArgs: (args, ctx) => {
    const diags: Diagnostic[] = [];
    const given = args[0]!.value(ctx);
    diags.push(...given.diags);
    const tc = typeConstraint(args[1]!);
    diags.push(...tc.diags);
    if (hasErrors(diags)) return { value: DynamicVal, diags };

    // As cty's function.Call for a parameter that does not accept marks: convert unmarked, re-mark.
    const [plain, marks] = unmarkDeep(given.value);
    const conv = convert(plain, tc.type);
    if (!conv.ok) throw new FunctionArgError(0, conv.message);
    const result = plain.state === 'unknown' ? unknownVal(conv.value.type) : conv.value;
    return { value: marks.size > 0 ? markValue(result, ...marks) : result, diags };
  },
};
