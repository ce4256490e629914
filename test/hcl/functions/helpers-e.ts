/** Small helpers for the functions-B tests: call a function as HCL would and print the result. */
import { callFunction } from '../../../src/hcl/functions/call.js';
import type { HclFunction } from '../../../src/hcl/hcl.js';
import type { Value } from '../../../src/hcl/value.js';
import { displayValue } from '../../../src/hcl/value-display.js';
import { numberVal, stringVal } from '../../../src/hcl/values.js';

/** Plain JS arguments become cty values: strings, numbers (or already-built Values). */
export function arg(x: string | number | Value): Value {
  if (typeof x === 'string') return stringVal(x);
  if (typeof x === 'number') return numberVal(x);
  return x;
}

export function call(
  fns: Record<string, HclFunction>,
  name: string,
  ...args: (string | number | Value)[]
): Value {
  const fn = fns[name];
  if (!fn) throw new Error(`no function ${name}`);
  return callFunction(fn, args.map(arg));
}

/** The result as `packer console` prints it (strings raw at top level). */
export function show(
  fns: Record<string, HclFunction>,
  name: string,
  ...args: (string | number | Value)[]
): string {
  return displayValue(call(fns, name, ...args));
}

/** The message of the error the call throws. */
export function errorOf(
  fns: Record<string, HclFunction>,
  name: string,
  ...args: (string | number | Value)[]
): string {
  try {
    call(fns, name, ...args);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error(`${name} did not fail`);
}
