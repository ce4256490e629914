/**
 * Calling an HclFunction with cty's `function.Call` semantics, plus HCL's per-argument conversion to the
 * parameter type: arity, conversion, null/unknown/dynamic/marked argument handling, result marks.
 */
import { convert } from '../convert.js';
import { type FunctionParam, FunctionArgError, FunctionError, type HclFunction } from '../hcl.js';
import { DynamicType, type Type } from '../types.js';
import type { Mark, Value } from '../value.js';
import { markValue, unknownVal, unmarkDeep } from '../values.js';

/** The parameter that receives argument `index`, or undefined if the call has too many arguments. */
export function paramFor(fn: HclFunction, index: number): FunctionParam | undefined {
  return index < fn.params.length ? fn.params[index] : fn.varParam;
}

/** cty's arity message, or undefined when the argument count is acceptable. */
export function arityError(fn: HclFunction, given: number): string | undefined {
  const want = fn.params.length;
  if (fn.varParam) {
    return given < want ? `wrong number of arguments (at least ${want} required; ${given} given)` : undefined;
  }
  return given !== want ? `wrong number of arguments (${want} required; ${given} given)` : undefined;
}

/**
 * Converts each argument to its parameter's type (as HCL's call expression does before calling), then
 * calls the function as cty's Function.Call does. Throws FunctionArgError (argument-specific) or
 * FunctionError.
 */
export function callFunction(fn: HclFunction, args: readonly Value[]): Value {
  const arity = arityError(fn, args.length);
  if (arity) throw new FunctionError(arity);

  // HCL converts every argument first; the first conversion failure is reported.
  const converted = args.map((arg, i) => {
    const conv = convert(arg, paramFor(fn, i)!.type);
    if (!conv.ok) throw new FunctionArgError(i, conv.message);
    return conv.value;
  });

  // cty strips marks from parameters that do not accept them and puts them on the result.
  const resultMarks = new Set<Mark>();
  const callArgs = converted.map((val, i) => {
    if (paramFor(fn, i)!.allowMarked) return val;
    const [unmarked, marks] = unmarkDeep(val);
    for (const m of marks) resultMarks.add(m);
    return unmarked;
  });
  const withMarks = (v: Value): Value => (resultMarks.size > 0 ? markValue(v, ...resultMarks) : v);

  // Nulls are rejected in argument order. An argument of dynamic type where the parameter does not
  // expect one makes the result type dynamic without consulting the function (cty v1.13, as Packer pins).
  let dynamicArg = false;
  for (let i = 0; i < callArgs.length && !dynamicArg; i++) {
    const param = paramFor(fn, i)!;
    const val = callArgs[i]!;
    if (val.state === 'null' && !param.allowNull) throw new FunctionArgError(i, 'argument must not be null');
    if (val.type.kind === 'dynamic' && !param.allowDynamicType) dynamicArg = true;
  }

  const retType = dynamicArg ? DynamicType : guard(() => fn.returnType(callArgs));
  if (callArgs.some((v, i) => v.state === 'unknown' && !paramFor(fn, i)!.allowUnknown)) {
    return withMarks(unknownVal(retType));
  }
  return withMarks(guard(() => fn.impl(callArgs, retType)));
}

/** Lets function errors through and turns anything else (a bug) into a FunctionError, as cty does with panics. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FunctionArgError || e instanceof FunctionError) throw e;
    throw new FunctionError(
      `panic in function implementation: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** A compact way to declare a parameter: `param('str', StringType, { allowNull: true })`. */
export function param(
  name: string,
  type: Type,
  opts: Omit<FunctionParam, 'name' | 'type'> = {},
): FunctionParam {
  return { name, type, ...opts };
}

export interface FunctionSpec {
  readonly description?: string;
  readonly params: readonly FunctionParam[];
  readonly varParam?: FunctionParam;
  /** A fixed result type, or a function of the (converted, unmarked) arguments. */
  readonly returnType: Type | ((args: readonly Value[]) => Type);
  readonly impl: (args: readonly Value[], returnType: Type) => Value;
}

/** Builds an HclFunction from a spec, as cty's function.New (with StaticReturnType for fixed types). */
export function defineFunction(spec: FunctionSpec): HclFunction {
  const rt = spec.returnType;
  return {
    description: spec.description,
    params: spec.params,
    varParam: spec.varParam,
    returnType: typeof rt === 'function' ? rt : () => rt,
    impl: spec.impl,
  };
}
