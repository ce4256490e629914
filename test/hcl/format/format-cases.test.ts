/**
 * formatSource on small inputs that exercise each rule of hclwrite.Format; every expected output is what
 * `packer fmt` (Packer 1.6.6, HCL v2.6.0) wrote for the input.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSource } from '../../../src/hcl/format/format-source.js';

const cases: ReadonlyArray<readonly [name: string, input: string, packerOutput: string]> = [
  [
    'align_equals',
    'a=1\nbbb = 2\n  cc   =   3\n\nd = 4\nblock "x" {\nfoo = 1\n    barbaz=2\n}\n',
    'a   = 1\nbbb = 2\ncc  = 3\n\nd = 4\nblock "x" {\n  foo    = 1\n  barbaz = 2\n}\n',
  ],
  [
    'align_comments',
    'a = 1 # one\nbbbb = 22 // two\nc = 3\n\nx = 1   /* not aligned */\n',
    'a    = 1  # one\nbbbb = 22 // two\nc    = 3\n\nx = 1 /* not aligned */\n',
  ],
  [
    'comment_only_lines',
    '# top\n   // indented comment\nblock {\n# inside\n  a = 1\n}\n',
    '# top\n// indented comment\nblock {\n  # inside\n  a = 1\n}\n',
  ],
  [
    'operators',
    'a = !b\nc = 1-1\nd = -1\ne = a - -1\nf = (a+b)*c/d%e\ng = a==b&&c!=d||e>=f\nh = a<b ? c : d\ni = [-1, - 2]\n',
    'a = ! b\nc = 1 - 1\nd = -1\ne = a - -1\nf = (a + b) * c / d % e\ng = a == b && c != d || e >= f\nh = a < b ? c : d\ni = [-1, -2]\n',
  ],
  [
    'for_expressions',
    'a = [for x in [1,2]: x*2]\nb = {for k,v in m: k=>v...}\nc = [for x in xs: x if x>1]\n',
    'a = [for x in [1, 2] : x * 2]\nb = { for k, v in m : k => v... }\nc = [for x in xs : x if x > 1]\n',
  ],
  [
    'traversals_and_calls',
    'a = foo.bar[0].baz\nb = f (1,2)\nc = f(a...)\nd = a.*.b\ne = a[*].b\nf = upper( "x" )\ng = a [ 1 ]\n',
    'a = foo.bar[0].baz\nb = f(1, 2)\nc = f(a...)\nd = a.*.b\ne = a[*].b\nf = upper("x")\ng = a[1]\n',
  ],
  [
    'templates',
    'a = "${ var.x }-${lower(y)}"\nb = "%{ if c }yes%{ else }no%{ endif }"\nc = "${ {a=1} }"\nd = "a$${b}"\n',
    'a = "${var.x}-${lower(y)}"\nb = "%{if c}yes%{else}no%{endif}"\nc = "${ { a = 1 } }"\nd = "a$${b}"\n',
  ],
  [
    'objects_tuples',
    'a = {}\nb = { }\nc = {x=1,y=2}\nd = [ ]\ne = [1,2,3]\nf = {\nx = 1\nyy = 2\n}\ng = [\n1,\n2,\n]\n',
    'a = {}\nb = {}\nc = { x = 1, y = 2 }\nd = []\ne = [1, 2, 3]\nf = {\n  x  = 1\n  yy = 2\n}\ng = [\n  1,\n  2,\n]\n',
  ],
  [
    'nested_blocks',
    'source "a" "b" {\nx = 1\ninner {\ny = 2\ndeep {\nz = 3\n}\n}\n}\nbuild { sources = ["a"] }\n',
    'source "a" "b" {\n  x = 1\n  inner {\n    y = 2\n    deep {\n      z = 3\n    }\n  }\n}\nbuild { sources = ["a"] }\n',
  ],
  [
    'heredoc',
    'a = <<EOF\n  keep   this\n${ x }\nEOF\nblock {\nb = <<-EOT\n    indented\n    EOT\nc = 1\n}\n',
    'a = <<EOF\n  keep   this\n${x}\nEOF\nblock {\n  b = <<-EOT\n    indented\n    EOT\n  c = 1\n}\n',
  ],
  [
    'multiline_expr',
    'a = merge(\n{a=1},\n{b=2}\n)\nb = [\n  for x in y:\n  x\n]\nc = (\n1 +\n2\n)\n',
    'a = merge(\n  { a = 1 },\n  { b = 2 }\n)\nb = [\n  for x in y :\n  x\n]\nc = (\n  1 +\n  2\n)\n',
  ],
  [
    'degenerate_brackets',
    'a = [\n1]\nb = [[\n1,\n]]\nc = foo(bar(\n1\n))\n',
    'a = [\n1]\nb = [[\n  1,\n]]\nc = foo(bar(\n  1\n))\n',
  ],
  ['tabs_and_crlf', 'a\t=\t1\r\nblock {\r\n\tb = 2\r\n}\r\n', 'a = 1\r\nblock {\r\n  b = 2\r\n}\r\n'],
  ['trailing_spaces_eof', 'a = 1   \nb = 2   ', 'a = 1\nb = 2   '],
  ['blank_lines_with_spaces', 'a = 1\n    \n\t\nb = 2\n\n\n', 'a = 1\n\n\nb = 2\n\n\n'],
  [
    'multiline_comment',
    'a = 1\n/* multi\n   line */\nb = 2 /* x\ny */ \nc = 3\n',
    'a = 1\n/* multi\n   line */\nb = 2 /* x\ny */\nc = 3\n',
  ],
  [
    'unicode_alignment',
    'n\u00e9 = 1\nab = 2\nx = "\u00e9"  # c1\nyyyy = "ab" # c2\n',
    'n\u00e9   = 1\nab   = 2\nx    = "\u00e9"  # c1\nyyyy = "ab" # c2\n',
  ],
  [
    'in_keyword',
    'a = [for x in [foo]: x]\nb = {for i, v in [1]: i => v}\n',
    'a = [for x in [foo] : x]\nb = { for i, v in [1] : i => v }\n',
  ],
  ['attr_after_block_open', 'b { a = 1 }\nc {\n}\nd { }\n', 'b { a = 1 }\nc {\n}\nd {}\n'],
  ['splat_index', 'a = b[0][1]\nc = d.e[*].f[0]\n', 'a = b[0][1]\nc = d.e[*].f[0]\n'],
  ['numbers_exponent', 'a = 1e10\nb = 1.5E-3\nc = 1+2e3\n', 'a = 1e10\nb = 1.5E-3\nc = 1 + 2e3\n'],
  [
    'comment_after_open_brace',
    'block { # c\na = 1 # d\n}\nx = [ # e\n1,\n]\n',
    'block { # c\n  a = 1 # d\n}\nx = [ # e\n  1,\n]\n',
  ],
  [
    'template_control_strip',
    'a = "%{~ for x in y ~}${x}%{~ endfor ~}"\n',
    'a = "%{~for x in y~}${x}%{~endfor~}"\n',
  ],
  ['conditional_object', 'a = b ? {c=1} : {}\n', 'a = b ? { c = 1 } : {}\n'],
  ['empty', '', ''],
  ['only_newlines', '\n\n\n', '\n\n\n'],
  ['bom', '\ufeffa=1\n', 'a = 1\n'],
  [
    'variable_block_style',
    'variable "x" {\n  type = list(string)\n  default = ["a","b"]\n  description = "d"\n}\n',
    'variable "x" {\n  type        = list(string)\n  default     = ["a", "b"]\n  description = "d"\n}\n',
  ],
  [
    'long_heredoc_in_block',
    'p {\n  inline = [\n    <<EOF\n  x = 1\nEOF\n  ,\n  "y"\n  ]\n}\n',
    'p {\n  inline = [\n    <<EOF\n  x = 1\nEOF\n    ,\n    "y"\n  ]\n}\n',
  ],
  [
    'object_keys_misc',
    'a = {\n"x" = 1\n(k) = 2\nlonger_key : 3\n}\n',
    'a = {\n  "x" = 1\n  (k) = 2\n  longer_key : 3\n}\n',
  ],
  ['bom_only_keeps_eof_spacing', '\ufeff', '   '],
  ['no_final_newline_comment', 'a=1 # c', 'a = 1 # c'],
  ['leading_blank_line_with_spaces', '  \n  a=1', '\na = 1'],
  ['unicode_combining_mark', 'a = "e\u0301" # c\nbb = "x" # d\n', 'a  = "e\u0301" # c\nbb = "x" # d\n'],
  [
    'unicode_emoji_zwj',
    'a = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67" # c\nbb = "xx" # d\n',
    'a  = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"  # c\nbb = "xx" # d\n',
  ],
  [
    'unicode_flags',
    'a = "\ud83c\uddeb\ud83c\uddf7\ud83c\udde9\ud83c\uddea" # c\nbb = "xx" # d\n',
    'a  = "\ud83c\uddeb\ud83c\uddf7\ud83c\udde9\ud83c\uddea" # c\nbb = "xx" # d\n',
  ],
  [
    'unicode_hangul_jamo',
    'a = "\u1100\u1161\u11a8" # c\nbb = "xx" # d\n',
    'a  = "\u1100\u1161\u11a8"  # c\nbb = "xx" # d\n',
  ],
  [
    'unicode12_indic_conjunct',
    'a = "\u0915\u094d\u0937" # c\nbb = "xx" # d\n',
    'a  = "\u0915\u094d\u0937" # c\nbb = "xx" # d\n',
  ],
  ['unicode_wide_cjk', 'a = "\u6f22\u5b57" # c\nbb = "xx" # d\n', 'a  = "\u6f22\u5b57" # c\nbb = "xx" # d\n'],
];

for (const [name, input, packerOutput] of cases) {
  test(`formats like packer fmt: ${name}`, () => {
    assert.equal(formatSource(input), packerOutput);
  });
}
