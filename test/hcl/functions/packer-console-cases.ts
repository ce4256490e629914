/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: the rows are HCL, whose templates use ${...} */
/**
 * The differential table for packer-console.test.ts: expressions evaluated by Debian's `packer console`
 * (Packer 1.6.6) and by imgbuild, compared on the text `packer console` prints.
 *
 * Rows are single-line expressions, evaluated in a directory holding the fixture files below and a
 * template declaring the variables and locals below.
 */
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import bcryptjs from 'bcryptjs';

/** Every function Packer 1.6.6 knows (found by calling each documented name in `packer console`). */
export const PACKER_1_6_6_FUNCTIONS = [
  'abs',
  'abspath',
  'aws_secretsmanager',
  'base64decode',
  'base64encode',
  'basename',
  'bcrypt',
  'can',
  'ceil',
  'chomp',
  'chunklist',
  'cidrhost',
  'cidrnetmask',
  'cidrsubnet',
  'cidrsubnets',
  'coalesce',
  'coalescelist',
  'compact',
  'concat',
  'consul_key',
  'contains',
  'convert',
  'csvdecode',
  'dirname',
  'distinct',
  'element',
  'file',
  'fileexists',
  'fileset',
  'flatten',
  'floor',
  'format',
  'formatdate',
  'formatlist',
  'indent',
  'index',
  'join',
  'jsondecode',
  'jsonencode',
  'keys',
  'length',
  'log',
  'lookup',
  'lower',
  'max',
  'md5',
  'merge',
  'min',
  'parseint',
  'pathexpand',
  'pow',
  'range',
  'regex_replace',
  'replace',
  'reverse',
  'rsadecrypt',
  'setintersection',
  'setproduct',
  'setunion',
  'sha1',
  'sha256',
  'sha512',
  'signum',
  'slice',
  'sort',
  'split',
  'strrev',
  'substr',
  'timeadd',
  'timestamp',
  'title',
  'trim',
  'trimprefix',
  'trimspace',
  'trimsuffix',
  'try',
  'upper',
  'urlencode',
  'uuidv4',
  'uuidv5',
  'values',
  'vault',
  'yamldecode',
  'yamlencode',
  'zipmap',
];

/** Documented names (packer-functions.md, Packer 1.16) that 1.6.6 does not have: "Call to unknown function". */
export const NEWER_THAN_1_6_6 = [
  'alltrue',
  'anytrue',
  'aws_secretsmanager_raw',
  'base64gzip',
  'endswith',
  'env',
  'filebase64',
  'legacy_isotime',
  'legacy_strftime',
  'regex',
  'regexall',
  'rfc3339_parse',
  'startswith',
  'strcontains',
  'sum',
  'templatefile',
  'textdecodebase64',
  'textencodebase64',
  'unix_timestamp_parse',
];

export const TEMPLATE = `variable "name" {
  default = "world"
}
variable "nums" {
  default = [1, 2, 3]
}
variable "tags" {
  default = { env = "prod", team = "infra" }
}
variable "servers" {
  default = [{ name = "a", port = 80 }, { name = "b", port = 443 }]
}
variable "typed" {
  type    = list(string)
  default = ["x", "y"]
}
locals {
  doubled  = [for n in var.nums : n * 2]
  greeting = "hello, \${var.name}"
}
`;

/** The same declarations, for building our evaluation context: name -> [default expression, type expression?]. */
export const VARIABLES: Record<string, [string, string?]> = {
  name: ['"world"'],
  nums: ['[1, 2, 3]'],
  tags: ['{ env = "prod", team = "infra" }'],
  servers: ['[{ name = "a", port = 80 }, { name = "b", port = 443 }]'],
  typed: ['["x", "y"]', 'list(string)'],
};
export const LOCALS: Record<string, string> = {
  doubled: '[for n in var.nums : n * 2]',
  greeting: '"hello, ${var.name}"',
};

/** Fixture files (relative path -> contents) written next to the template. */
export const FIXTURES: Record<string, string | Buffer> = {
  'hello.txt': 'Hello, World!\n',
  'data/a.txt': 'a',
  'data/b.json': '{"k": [1, 2]}',
  'data/sub/c.txt': 'c',
  'data/sub/deeper/d.txt': 'd',
  'data/.hidden': 'h',
  'binary.bin': Buffer.from([0xff, 0xfe, 0x00, 0x41]),
  'greeting.pkrtpl.hcl': 'Hi ${name}!\n%{ for x in items ~}\n- ${x}\n%{ endfor ~}\n',
};

export interface ConsoleCase {
  /** One line of HCL, as typed into `packer console`. */
  readonly expr: string;
  /** Packer 1.6.6 fails on it: its error summary (and ours must match, with the same detail). */
  readonly error?: string;
  /** Compare the error summary only (the detail wording differs between Go/cty versions). */
  readonly summaryOnly?: boolean;
  /** The result varies between runs: check each side's printed (nested) value instead of comparing. */
  readonly property?: (printed: string) => void;
  /**
   * We deliberately differ from 1.6.6 (newer Packer/cty behaviour): why, and what we print instead
   * (the nested display text, or `error: <summary>`).
   */
  readonly differs?: { readonly reason: string; readonly ours: string; readonly detail?: string };
}

const RFC3339_UTC = /^"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"$/;
const UUID_V4 = /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/;

const NEWER = 'Packer 1.6.6 has no such function (added in a later Packer)';
const INDEX_REASON =
  "Packer 1.6.6 registered cty's index(collection, key) lookup; newer Packer has Terraform's index(list, value)";
const INVALID_INDEX = 'The given key does not identify an element in this collection value:';

export const CASES: readonly ConsoleCase[] = [
  // ---- literals, operators, conditionals ----
  { expr: '1' },
  { expr: '-1.5' },
  { expr: '1/3' },
  { expr: '2/3' },
  { expr: '1e20' },
  { expr: '123456789012345678' },
  { expr: '9223372036854775807' },
  { expr: '9223372036854775808' },
  { expr: '0.0001' },
  { expr: '0.00001' },
  { expr: '1234567.5' },
  { expr: '0.1 + 0.2' },
  { expr: '10 % 3' },
  { expr: '-7 % 3' },
  { expr: '2 * 3 + 4' },
  { expr: '2 * (3 + 4)' },
  { expr: '1 == 1.0' },
  { expr: '"a" == "a"' },
  { expr: '[1] == [1]' },
  { expr: '1 != 2' },
  { expr: '3 >= 2 && 1 < 0' },
  { expr: 'true || false' },
  { expr: '!true' },
  { expr: 'true ? "yes" : "no"' },
  { expr: 'var.name == "world" ? 1 : 2' },
  { expr: 'null' },
  { expr: '"abc"' },
  { expr: '"tab\\there"' },
  { expr: '"quote\\"s and \\\\ back"' },
  { expr: '"unicode é ü 日本"' },
  { expr: '"\\u00e9"' },
  { expr: '[]' },
  { expr: '{}' },
  { expr: '[1, "a", true, null]' },
  { expr: '{a = 1, b = "two", c = [3], d = null}' },
  { expr: '{"key with space" = 1, b = {c = {d = 2}}}' },
  { expr: '[[1, [2, []]], {}]' },
  { expr: '1 + "a"', error: 'Invalid operand' },
  { expr: '"a" + 1', error: 'Invalid operand' },
  { expr: 'true ? 1 : "a"' },
  { expr: '1 / 0' },
  // ---- templates ----
  { expr: '"hello ${var.name}"' },
  { expr: '"${1 + 2} items"' },
  { expr: '"%{if var.name == "world"}yes%{else}no%{endif}"' },
  { expr: '"%{for n in var.nums}${n},%{endfor}"' },
  { expr: '"%{for k, v in var.tags}${k}=${v} %{endfor}"' },
  { expr: '"$${literal} %%{also}"' },
  { expr: '"{{ .HTTPIP }}:{{ .HTTPPort }}"' },
  { expr: '"a ${"b ${"c"}"}"' },
  // ---- variables, locals, traversals, splats, for-expressions ----
  { expr: 'var.name' },
  { expr: 'var.nums' },
  { expr: 'var.tags' },
  { expr: 'var.tags.env' },
  { expr: 'var.tags["team"]' },
  { expr: 'var.servers' },
  { expr: 'var.servers[1].name' },
  { expr: 'var.servers[*].name' },
  { expr: 'var.servers.*.port' },
  { expr: 'var.typed' },
  { expr: 'local.doubled' },
  { expr: 'local.greeting' },
  { expr: 'var.nums[0]' },
  {
    expr: 'var.nums[5]',
    error: 'Invalid index',
    differs: {
      reason:
        'newer HCL explains why the index is invalid; 1.6.6 says only that the key does not identify an element',
      ours: 'error: Invalid index',
      detail: `${INVALID_INDEX} the given index is greater than or equal to the length of the collection.`,
    },
  },
  { expr: 'var.nope', error: 'Unsupported attribute' },
  { expr: 'var.tags.missing', error: 'Unsupported attribute' },
  { expr: '[for n in var.nums : n * n]' },
  { expr: '[for i, n in var.nums : i + n if n > 1]' },
  { expr: '{for k, v in var.tags : upper(k) => v}' },
  { expr: '{for s in var.servers : s.name => s.port}' },
  { expr: '{for s in ["a", "b", "a"] : s => 1...}' },
  { expr: '[for k, v in {b = 2, a = 1} : "${k}${v}"]' },
  { expr: '[for s in var.servers : s.port if s.name != "a"]' },
  { expr: '[1, 2, 3][*]' },
  { expr: '{a = 1}[*]' },
  { expr: '"x"[*]' },
  {
    expr: 'null[*]',
    differs: {
      reason: 'HCL 2.9+ gives an empty tuple for a null splat source; 1.6.6 gave an unknown value',
      ours: '[]',
    },
  },
  { expr: '{a = {b = 1}}.a.b' },
  { expr: '{a = 1}.b', error: 'Unsupported attribute' },
  {
    expr: '[1, 2][5]',
    error: 'Invalid index',
    differs: {
      reason: 'newer HCL explains why the index is invalid',
      ours: 'error: Invalid index',
      detail: `${INVALID_INDEX} the given index is greater than or equal to the length of the collection.`,
    },
  },
  // ---- collection functions ----
  { expr: 'chunklist([1, 2, 3, 4, 5], 2)' },
  { expr: 'coalesce("", "b", "c")' },
  { expr: 'coalesce(1, 2)' },
  { expr: 'coalescelist([], ["a"], ["b"])' },
  { expr: 'compact(["a", "", "b", ""])' },
  { expr: 'concat([1, 2], [3], [])' },
  { expr: 'contains(["a", "b"], "b")' },
  { expr: 'contains([1, 2], 3)' },
  { expr: 'distinct(["a", "b", "a", "c", "b"])' },
  { expr: 'element(["a", "b", "c"], 4)' },
  { expr: 'element([], 0)', error: 'Error in function call' },
  { expr: 'flatten([[1, [2]], [], [[3, [[4]]]]])' },
  {
    expr: 'index(["a", "b", "c"], "b")',
    differs: { reason: INDEX_REASON, ours: '1' },
  },
  {
    expr: 'index(["a"], "z")',
    differs: {
      reason: INDEX_REASON,
      ours: 'error: Error in function call',
      detail: 'Call to function "index" failed: item not found.',
    },
  },
  { expr: 'keys({b = 1, a = 2, c = 3})' },
  { expr: 'length([1, 2, 3])' },
  { expr: 'length({a = 1})' },
  { expr: 'length("héllo")' },
  { expr: 'lookup({a = "x"}, "a", "d")' },
  { expr: 'lookup({a = "x"}, "b", "d")' },
  { expr: 'merge({a = 1, b = 2}, {b = 3, c = 4})' },
  { expr: 'range(3)' },
  { expr: 'range(1, 10, 3)' },
  { expr: 'range(5, 0, -2)' },
  { expr: 'reverse([1, 2, 3])' },
  { expr: 'setintersection(["a", "b"], ["b", "c"], ["b"])' },
  { expr: 'setproduct(["a", "b"], [1, 2])' },
  { expr: 'setunion(["b", "a"], ["c"])' },
  { expr: 'slice(["a", "b", "c", "d"], 1, 3)' },
  { expr: 'sort(["b", "a", "C", "10", "9"])' },
  { expr: 'values({b = 2, a = 1})' },
  { expr: 'zipmap(["a", "b"], [1, 2])' },
  // ---- conversion ----
  { expr: 'can(var.nope)' },
  { expr: 'can(var.name)' },
  { expr: 'try(var.nope, "fallback")' },
  { expr: 'try(var.tags.env, "fallback")' },
  { expr: 'convert(1, string)' },
  { expr: 'convert(["a", "b"], set(string))' },
  { expr: 'convert({a = 1}, map(string))' },
  { expr: 'convert("true", bool)' },
  // ---- numeric ----
  { expr: 'abs(-12.5)' },
  { expr: 'ceil(1.2)' },
  { expr: 'floor(-1.2)' },
  { expr: 'log(16, 2)' },
  { expr: 'max(3, 10, 2)' },
  { expr: 'min(3, 10, 2)' },
  { expr: 'parseint("ff", 16)' },
  { expr: 'parseint("-101", 2)' },
  { expr: 'parseint("zz", 10)', error: 'Invalid function argument' },
  { expr: 'pow(2, 10)' },
  { expr: 'pow(2, 0.5)' },
  { expr: 'signum(-3)' },
  // ---- string ----
  { expr: 'chomp("hello\\n\\n")' },
  { expr: 'format("%s has %d items (%.2f%%)", "list", 3, 99.5)' },
  { expr: 'format("%q %v %5s|%-5s|", "x", true, "r", "l")' },
  { expr: 'formatlist("%s=%s", ["a", "b"], ["1", "2"])' },
  { expr: 'indent(2, "a\\nb\\nc")' },
  { expr: 'join("-", ["a", "b", "c"])' },
  { expr: 'lower("HeLLo ÀÉ")' },
  { expr: 'upper("hello àé")' },
  { expr: 'regex_replace("hello world", "o(\\\\w)", "0$1")' },
  { expr: 'replace("a-b-c", "-", "+")' },
  { expr: 'split(",", "a,b,,c")' },
  { expr: 'strrev("hello")' },
  { expr: 'substr("hello world", 1, 4)' },
  { expr: 'substr("hello", -3, -1)' },
  { expr: 'title("hello big world")' },
  { expr: 'trim("?!hello?!", "!?")' },
  { expr: 'trimprefix("helloworld", "hello")' },
  { expr: 'trimsuffix("helloworld", "world")' },
  { expr: 'trimspace("  \\t hi \\n ")' },
  { expr: 'upper(1, 2)', error: 'Too many function arguments' },
  { expr: 'md5()', error: 'Not enough function arguments' },
  { expr: 'nosuchfunction(1)', error: 'Call to unknown function' },
  // ---- encoding ----
  { expr: 'base64encode("Hello, World!")' },
  { expr: 'base64decode("SGVsbG8sIFdvcmxkIQ==")' },
  { expr: 'csvdecode("a,b\\n1,2\\n3,4")' },
  { expr: 'jsondecode("{\\"a\\": [1, 2.5, true, null], \\"b\\": \\"x\\"}")' },
  { expr: 'jsonencode({a = [1, "b", null], c = {d = true}})' },
  { expr: 'jsonencode("<tag> & \\"quote\\"")' },
  { expr: 'jsondecode("{")', error: 'Error in function call', summaryOnly: true },
  { expr: 'urlencode("a b&c=d/é")' },
  { expr: 'yamldecode("a: 1\\nb: [x, y]\\nc: {d: true}")' },
  { expr: 'yamlencode({a = 1, b = ["x", "y"], c = "multi\\nline"})' },
  // ---- crypto ----
  { expr: 'md5("hello")' },
  { expr: 'sha1("hello")' },
  { expr: 'sha256("hello")' },
  { expr: 'sha512("hello")' },
  { expr: 'sha256("")' },
  { expr: 'md5("héllo wörld")' },
  { expr: 'rsadecrypt(file("cipher.b64"), file("key.pem"))' },
  { expr: 'rsadecrypt("!!notbase64", file("key.pem"))', error: 'Error in function call' },
  { expr: 'rsadecrypt(file("cipher.b64"), "not a key")', error: 'Error in function call' },
  {
    expr: 'bcrypt("s3cret")',
    property: (p) => {
      assert.match(p, /^"\$2a\$10\$[./A-Za-z0-9]{53}"$/);
      assert.ok(bcryptjs.compareSync('s3cret', JSON.parse(p)), 'the hash verifies');
    },
  },
  {
    expr: 'bcrypt("s3cret", 5)',
    property: (p) => {
      assert.match(p, /^"\$2a\$05\$/);
      assert.ok(bcryptjs.compareSync('s3cret', JSON.parse(p)), 'the hash verifies');
    },
  },
  // ---- datetime ----
  { expr: 'formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")' },
  { expr: 'formatdate("EEEE, DD-MMM-YY HH:mm:ss aa", "2018-01-02T23:12:01-08:00")' },
  { expr: 'formatdate("EEE M/D h:m:s AA Z ZZZZ ZZZZZ", "2020-02-29T03:04:05.123+05:30")' },
  { expr: 'formatdate("EEE M/D h:m:s A", "2020-02-29T03:04:05Z")', error: 'Invalid function argument' },
  { expr: "formatdate(\"'Date:' YYYY-MM-DD 'o''clock' ''\", \"2021-12-31T00:00:00Z\")" },
  { expr: 'formatdate("MMMM", "2021-09-01T00:00:00Z")' },
  { expr: 'formatdate("YYY", "2021-09-01T00:00:00Z")', error: 'Invalid function argument' },
  { expr: 'formatdate("YYYY", "2021-13-01T00:00:00Z")', error: 'Invalid function argument' },
  { expr: 'formatdate("YYYY", "2021-02-30T00:00:00Z")', error: 'Invalid function argument' },
  { expr: 'formatdate("YYYY", "2021-02-03")', error: 'Invalid function argument' },
  {
    expr: 'formatdate("YYYY", "2021-02-03T1:00:00Z")',
    differs: {
      reason: 'cty 1.13+ parses RFC 3339 strictly (a two-digit hour); the cty in 1.6.6 accepted one digit',
      ours: 'error: Invalid function argument',
      detail:
        'Invalid value for "time" parameter: not a valid RFC3339 timestamp: hour must have exactly two digits.',
    },
  },
  { expr: 'timeadd("2017-11-22T00:00:00Z", "10m")' },
  { expr: 'timeadd("2017-11-22T00:00:00Z", "-1h30m")' },
  { expr: 'timeadd("2017-11-22T23:00:00+02:00", "1.5h")' },
  { expr: 'timeadd("2016-02-28T12:00:00Z", "24h1s500ms")' },
  { expr: 'timeadd("2017-11-22T00:00:00Z", "1d")', error: 'Error in function call' },
  { expr: 'timeadd("2017-11-22T00:00:00Z", "10")', error: 'Error in function call' },
  { expr: 'timestamp()', property: (p) => assert.match(p, RFC3339_UTC) },
  { expr: 'timestamp() == timestamp()' },
  // ---- file ----
  { expr: 'file("hello.txt")' },
  { expr: 'file("data/sub/c.txt")' },
  { expr: 'file("missing.txt")', error: 'Error in function call' },
  { expr: 'file("binary.bin")', error: 'Error in function call' },
  { expr: 'fileexists("hello.txt")' },
  { expr: 'fileexists("nope.txt")' },
  { expr: 'fileexists("data")', error: 'Error in function call' },
  { expr: 'fileset(".", "data/*")' },
  { expr: 'fileset("data", "**")' },
  { expr: 'fileset("data", "**/*.txt")' },
  { expr: 'fileset("data", "sub/*.{txt,json}")' },
  { expr: 'fileset(".", "*.txt")' },
  { expr: 'fileset("nowhere", "*")' },
  { expr: 'basename("/a/b/c.txt")' },
  { expr: 'basename("a/b/")' },
  { expr: 'basename("")' },
  { expr: 'dirname("/a/b/c.txt")' },
  { expr: 'dirname("a/b/")' },
  { expr: 'dirname("c.txt")' },
  { expr: 'abspath("/a/../b/./c")' },
  { expr: 'pathexpand("/no/tilde")' },
  { expr: 'pathexpand("~user/x")', error: 'Error in function call' },
  { expr: 'jsondecode(file("data/b.json")).k' },
  // ---- ipnet ----
  { expr: 'cidrhost("10.12.112.0/20", 16)' },
  { expr: 'cidrhost("10.12.112.0/20", 268)' },
  { expr: 'cidrhost("10.12.112.0/20", -1)' },
  { expr: 'cidrhost("fd00:fd12:3456:7890::/56", 16)' },
  { expr: 'cidrhost("10.0.0.0/30", 5)', error: 'Error in function call' },
  { expr: 'cidrhost("not-a-cidr", 1)', error: 'Error in function call' },
  { expr: 'cidrnetmask("172.16.0.0/12")' },
  { expr: 'cidrnetmask("10.0.0.0/32")' },
  { expr: 'cidrnetmask("fd00::/48")' },
  { expr: 'cidrsubnet("172.16.0.0/12", 4, 2)' },
  { expr: 'cidrsubnet("10.1.2.0/24", 4, 15)' },
  { expr: 'cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)' },
  { expr: 'cidrsubnet("10.1.2.0/24", 4, 16)', error: 'Error in function call' },
  { expr: 'cidrsubnet("10.0.0.0/30", 4, 0)', error: 'Error in function call' },
  { expr: 'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)' },
  { expr: 'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)' },
  { expr: 'cidrsubnets("10.0.0.0/30", 1, 1, 1)', error: 'Invalid function argument' },
  { expr: 'cidrsubnets("10.0.0.0/8")' },
  // ---- uuid ----
  { expr: 'uuidv5("dns", "www.terraform.io")' },
  { expr: 'uuidv5("url", "https://www.terraform.io/")' },
  { expr: 'uuidv5("oid", "1.2.3")' },
  { expr: 'uuidv5("x500", "CN=x")' },
  { expr: 'uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")' },
  { expr: 'uuidv5("nope", "x")', error: 'Error in function call' },
  { expr: 'uuidv4()', property: (p) => assert.match(p, UUID_V4) },
  { expr: 'uuidv4() == uuidv4()' },
  // ---- contextual ----
  { expr: 'vault("secret/data/x", "k")', error: 'Error in function call' },
  {
    expr: 'consul_key("some/key")',
    differs: {
      reason:
        'Packer tries a Consul agent on 127.0.0.1:8500; imgbuild has no Consul client unless one is configured',
      ours: 'error: Error in function call',
    },
  },
  {
    expr: 'aws_secretsmanager("name", "key")',
    differs: {
      reason: 'Packer asks the AWS SDK (no region here); imgbuild has no AWS client unless one is configured',
      ours: 'error: Error in function call',
    },
  },
  // ---- functions newer than 1.6.6 (Packer reports "Call to unknown function") ----
  { expr: 'alltrue([true, "true"])', differs: { reason: NEWER, ours: 'true' } },
  { expr: 'anytrue([false, "true"])', differs: { reason: NEWER, ours: 'true' } },
  { expr: 'sum([1, 2.5, 3])', differs: { reason: NEWER, ours: '6.5' } },
  { expr: 'startswith("hello", "he")', differs: { reason: NEWER, ours: 'true' } },
  { expr: 'endswith("hello", "lo")', differs: { reason: NEWER, ours: 'true' } },
  { expr: 'strcontains("hello", "ell")', differs: { reason: NEWER, ours: 'true' } },
  { expr: 'regex("(\\\\d+)-(\\\\d+)", "10-20")', differs: { reason: NEWER, ours: '[\n  "10",\n  "20",\n]' } },
  { expr: 'regexall("\\\\d", "a1b2")', differs: { reason: NEWER, ours: '[\n  "1",\n  "2",\n]' } },
  {
    expr: 'base64gzip("hello")',
    differs: { reason: NEWER, ours: 'property: gzip that decompresses to the input' },
    property: (p) => assert.equal(gunzipSync(Buffer.from(JSON.parse(p), 'base64')).toString(), 'hello'),
  },
  { expr: 'filebase64("binary.bin")', differs: { reason: NEWER, ours: '"//4AQQ=="' } },
  { expr: 'textencodebase64("Hi", "UTF-16LE")', differs: { reason: NEWER, ours: '"SABpAA=="' } },
  { expr: 'textdecodebase64("SABpAA==", "UTF-16LE")', differs: { reason: NEWER, ours: '"Hi"' } },
  {
    expr: 'templatefile("greeting.pkrtpl.hcl", {name = "Ann", items = ["a", "b"]})',
    differs: { reason: NEWER, ours: '"Hi Ann!\\n- a\\n- b\\n"' },
  },
  {
    expr: 'rfc3339_parse("2023-07-25T23:43:16Z").unix',
    differs: { reason: NEWER, ours: '1690328596' },
  },
  {
    expr: 'unix_timestamp_parse(1690328596).rfc3339',
    differs: { reason: NEWER, ours: '"2023-07-25T23:43:16Z"' },
  },
  {
    expr: 'legacy_isotime("2006")',
    differs: { reason: NEWER, ours: 'property: a four-digit year' },
    property: (p) => assert.match(p, /^"\d{4}"$/),
  },
  {
    expr: 'legacy_strftime("%Y-%m")',
    differs: { reason: NEWER, ours: 'property: year-month' },
    property: (p) => assert.match(p, /^"\d{4}-\d{2}"$/),
  },
  {
    expr: 'aws_secretsmanager_raw("name")',
    differs: { reason: NEWER, ours: 'error: Error in function call' },
  },
  // Packer offers env() only in variable defaults, so both report an unknown function here.
  { expr: 'env("IMGBUILD_TEST_UNSET_VARIABLE")', error: 'Call to unknown function' },
];
