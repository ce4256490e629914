/**
 * Test helpers: call a Packer function by name with JS-built arguments, and show values compactly with
 * their types (`list["a"]`, `["a", 1]` for a tuple, `{a=1}` for an object, `map{a=1}`, `set[...]`).
 */
import assert from 'node:assert/strict';
import { FunctionArgError, FunctionError, type HclFunction } from '../../../src/hcl/hcl.js';
import { callFunction } from '../../../src/hcl/functions/call.js';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import type { Value } from '../../../src/hcl/value.js';
import { valueFromJs } from '../../../src/hcl/values.js';
import { type ShowStyle, showValue } from '../show-value.js';

export const table: Map<string, HclFunction> = packerFunctions({ baseDir: '.' });

export function fn(name: string): HclFunction {
  const f = table.get(name);
  if (!f) throw new Error(`no function ${name}`);
  return f;
}

/** Calls `name` with arguments given as Values or plain JS data (see valueFromJs). */
export function call(name: string, ...args: unknown[]): Value {
  return callFunction(
    fn(name),
    args.map((a) => valueFromJs(a)),
  );
}

const style: ShowStyle = {
  labels: { list: 'list', set: 'set', tuple: '', map: 'map', object: '' },
  marks: (marks) => `@${[...marks].sort().join(',')}`,
};

export function show(v: Value): string {
  return showValue(v, style);
}

/** Asserts that calling `name` shows as `expected`. */
export function expectCall(expected: string, name: string, ...args: unknown[]): void {
  let got: string;
  try {
    got = show(call(name, ...args));
  } catch (e) {
    got = `ERROR ${e instanceof Error ? e.message : String(e)}`;
  }
  assert.equal(
    got,
    expected,
    `${name}(${args.map((a) => (isValue(a) ? show(a) : JSON.stringify(a))).join(', ')})`,
  );
}

/** Asserts that calling `name` fails with this message (and argument index, for argument errors). */
export function expectError(
  message: string | RegExp,
  name: string,
  args: unknown[],
  argIndex?: number,
): void {
  try {
    const v = call(name, ...args);
    assert.fail(`${name} returned ${show(v)}, expected error ${message}`);
  } catch (e) {
    if (!(e instanceof FunctionError || e instanceof FunctionArgError)) throw e;
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    if (argIndex !== undefined) {
      assert.ok(e instanceof FunctionArgError, `expected an argument error, got ${e.name}: ${e.message}`);
      assert.equal(e.argIndex, argIndex);
    }
  }
}

function isValue(a: unknown): a is Value {
  return typeof a === 'object' && a !== null && 'state' in a && 'type' in a;
}
