/**
 * Expressions exercising the evaluator (operators, conditionals, for, splat, templates, traversal,
 * try/can/convert), compared with Debian's `packer console` (Packer 1.6.6) in console.test.ts.
 * `differs` records where imgbuild follows current HCL/cty instead of the older versions in 1.6.6.
 */

/** Variables defined in the template both sides evaluate against (name -> default expression). */
export const CONSOLE_VARIABLES: Record<string, string> = {
  name: '"world"',
  nums: '[1, 2, 3]',
  tags: '{ env = "prod", team = "infra" }',
  servers: '[{ name = "a", port = 80 }, { name = "b", port = 443 }]',
  flag: 'true',
  empty: '[]',
  nested: '{ a = { b = [10, 20] } }',
};

export interface EvalConsoleCase {
  readonly expr: string;
  /** What imgbuild says where Packer 1.6.6 (older HCL/cty) says something else. */
  readonly differs?: { readonly ours: string; readonly why: string };
}

export const CONSOLE_CASES: EvalConsoleCase[] = [
  // arithmetic and comparison
  { expr: '1 + 2 * 3' },
  { expr: '(1 + 2) * 3' },
  { expr: '7 / 2' },
  { expr: '7 % 3' },
  { expr: '-7 % 3' },
  { expr: '7.5 % 2' },
  { expr: '5 % 0' },
  { expr: '1 / 0' },
  { expr: '-1 / 0' },
  { expr: '0 / 0' },
  { expr: '0.1 + 0.2' },
  { expr: '1e3 + 1' },
  { expr: '100000000000000000000 + 1' },
  { expr: '2 - 5' },
  { expr: '-var.nums[0]' },
  { expr: '"3" + 4' },
  { expr: '"x" + 1' },
  { expr: 'true + 1' },
  { expr: 'null + 1' },
  { expr: '1 < 2' },
  { expr: '2 <= 2' },
  { expr: '"10" > 9' },
  { expr: '1 == 1.0' },
  { expr: '1 == "1"' },
  { expr: '"a" != "b"' },
  { expr: 'var.nums == [1, 2, 3]' },
  { expr: 'var.tags == { env = "prod", team = "infra" }' },
  { expr: 'null == null' },
  { expr: '!var.flag' },
  { expr: '!"true"' },
  { expr: '!1' },
  { expr: 'true && false || true' },
  { expr: 'false || "true"' },
  // conditionals
  { expr: 'var.flag ? "yes" : "no"' },
  { expr: 'false ? 1 : "two"' },
  { expr: 'true ? null : "x"' },
  { expr: 'true ? [1] : []' },
  {
    expr: 'true ? 1 : {}',
    differs: {
      ours: "error: Inconsistent conditional result types: The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is object.",
      why: 'current HCL describes the mismatch per branch',
    },
  },
  { expr: '"true" ? 1 : 2' },
  { expr: '"yes" ? 1 : 2' },
  { expr: 'null ? 1 : 2' },
  { expr: 'true ? { a = 1 } : { a = 1, b = 2 }' },
  // traversal and index
  { expr: 'var.servers[1].port' },
  { expr: 'var.servers[1]["name"]' },
  { expr: 'var.tags.env' },
  { expr: 'var.tags["team"]' },
  { expr: 'var.nested.a.b[1]' },
  { expr: 'var.nums["1"]' },
  {
    expr: 'var.nums[3]',
    differs: {
      ours: 'error: Invalid index: The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.',
      why: 'current HCL explains out-of-range indices',
    },
  },
  {
    expr: 'var.nums[-1]',
    differs: {
      ours: 'error: Invalid index: The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.',
      why: 'current HCL explains negative indices',
    },
  },
  {
    expr: 'var.nums[1.5]',
    differs: {
      ours: 'error: Invalid index: The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.',
      why: 'current HCL no longer shows the (possibly sensitive) index',
    },
  },
  {
    expr: 'var.empty[0]',
    differs: {
      ours: 'error: Invalid index: The given key does not identify an element in this collection value: the collection has no elements.',
      why: 'current HCL explains indexing an empty collection',
    },
  },
  { expr: 'var.tags.missing' },
  { expr: 'var.tags["missing"]' },
  {
    expr: 'var.name.length',
    differs: {
      ours: "error: Unsupported attribute: Can't access attributes on a primitive-typed value (string).",
      why: 'current HCL names the primitive type',
    },
  },
  { expr: 'var.name[0]' },
  { expr: 'var.servers.name' },
  { expr: 'var.nope' },
  { expr: 'vars.name' },
  { expr: 'local.nope' },
  // collections
  { expr: '[1, "a", true]' },
  { expr: '{ a = 1, "b" = 2, (var.name) = 3 }' },
  { expr: '{ a.b = 1 }' },
  // for expressions
  { expr: '[for n in var.nums : n * 2]' },
  { expr: '[for i, n in var.nums : i + n if n > 1]' },
  { expr: '{for s in var.servers : s.name => s.port}' },
  { expr: '{for k, v in var.tags : v => k}' },
  { expr: '{for n in [1, 2, 1] : n => n...}' },
  { expr: '{for n in [1, 2, 1] : n => n}' },
  { expr: '[for c in "abc" : c]' },
  { expr: '[for x in null : x]' },
  { expr: '{for n in [1] : [n] => n}' },
  { expr: '[for n in var.nums : n if n]' },
  { expr: '[for k, v in { b = 1, a = 2 } : k]' },
  // splats
  { expr: 'var.servers[*].name' },
  { expr: 'var.servers.*.port' },
  { expr: 'var.name[*]' },
  {
    expr: 'null[*]',
    differs: {
      ours: 'value: []',
      why: 'current HCL splats null into an empty tuple (1.6.6 gave an unknown)',
    },
  },
  { expr: 'var.tags[*].env' },
  { expr: 'var.servers[*].nope' },
  // templates
  { expr: '"hello ${var.name}"' },
  { expr: '"${var.nums[0]}${var.flag}"' },
  { expr: '"%{if var.flag}on%{else}off%{endif}"' },
  { expr: '"%{for n in var.nums}${n},%{endfor}"' },
  { expr: '"%{for k, v in var.tags}${k}=${v} %{endfor}"' },
  { expr: '"x${null}"' },
  { expr: '"x${var.nums}"' },
  { expr: '"${var.nums}"' },
  // functions through the evaluator
  { expr: 'upper(var.name)' },
  { expr: 'max(var.nums...)' },
  { expr: 'max([]...)' },
  { expr: 'max("a"...)' },
  { expr: 'uper("x")' },
  { expr: 'upper()' },
  { expr: 'upper("a", "b")' },
  { expr: 'upper([])' },
  { expr: 'try(var.tags.missing, "default")' },
  { expr: 'try(var.nums[0], "default")' },
  { expr: 'can(var.tags.missing)' },
  { expr: 'can(var.tags.env)' },
  { expr: 'convert(var.nums, list(string))' },
  { expr: 'convert("5", number)' },
  { expr: 'convert("x", number)' },
  { expr: 'convert({ a = 1 }, map(string))' },
];
