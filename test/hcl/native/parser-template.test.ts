import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type * as ast from '../../../src/hcl/ast.js';
import { parseConfig, parseExpression, parseTemplate } from '../../../src/hcl/native/parser.js';
import { show, showRange } from './ast-print.js';

const specsuite = new URL('../../../../shared/corpus/hcl-specsuite/', import.meta.url);

function parse(src: string): { expr: ast.Expr; diags: string[] } {
  const { expr, diags } = parseExpression(src, 'x');
  return { expr, diags: diags.map((d) => `${d.summary} @ ${showRange(d.subject)}`) };
}

/** [source, tree shape, diagnostics] for quoted templates and heredocs in expressions. */
const cases: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['"a ${b} c"', '(template "a " b " c")', []],
  ['"${a}${b}"', '(template a b)', []],
  ['"a $${b} %%{c}"', '(template "a ${b} %{c}")', []],
  ['"a  ${~ b ~}  c"', '(template "a" b "c")', []],
  ['"%{if a}x%{else}y%{endif}"', '(template (? a (template "x") (template "y")))', []],
  ['"%{if a}x%{endif}"', '(template (? a (template "x") (template "")))', []],
  ['"%{for x in xs}${x},%{endfor}"', '(template (join (for x in xs : (template x ","))))', []],
  ['"%{for k, v in m}${k}=${v}%{endfor}"', '(template (join (for k,v in m : (template k "=" v))))', []],
  [
    '"a\n  %{~ if x ~}\n  y\n  %{~ endif ~}\n"',
    '(template "a")',
    // Go HCL reports each line end and the unterminated string (five errors); we report it once.
    ['Unterminated template string @ 1:1-1:3@0-2'],
  ],
  ['"%{ if a }"', '(template <dynamic>)', ['Unexpected end of template @ 1:11-1:12@10-11']],
  ['"%{ endif }"', '(template <dynamic>)', ['Unexpected endif directive @ 1:2-1:12@1-11']],
  ['"%{ for x in y }"', '(template <dynamic>)', ['Unexpected end of template @ 1:17-1:18@16-17']],
  ['"%{ else }"', '(template <dynamic>)', ['Unexpected else directive @ 1:2-1:11@1-10']],
  ['"%{ iff a }"', '(template "")', ['Invalid template control keyword @ 1:5-1:8@4-7']],
  [
    '"%{ if a b }%{ endif }"',
    '(template (? a (template "") (template "")))',
    ['Extra characters in if marker @ 1:10-1:11@9-10'],
  ],
  ['"${a b}"', '(wrap a)', ['Extra characters after interpolation expression @ 1:6-1:7@5-6']],
  ['"${a"', '(wrap a)', ['Unclosed template interpolation sequence @ 1:2-1:4@1-3']],
  ['"${a:b}"', '(wrap a)', ['Extra characters after interpolation expression @ 1:5-1:6@4-5']],
  ['"${"', '(wrap (template ""))', ['Unterminated template string @ 1:5-1:5@4-4']],
  [
    '"%{ for in x }%{ endfor }"',
    '(template <dynamic>)',
    ["Invalid 'for' directive @ 1:12-1:13@11-12", 'Unexpected endfor directive @ 1:15-1:26@14-25'],
  ],
  [
    '"%{if a}%{else}%{else}%{endif}"',
    '(template <dynamic> <dynamic>)',
    ['Unexpected else directive @ 1:16-1:23@15-22', 'Unexpected endif directive @ 1:23-1:31@22-30'],
  ],
  [
    '"%{for x in y}%{else}%{endfor}"',
    '(template <dynamic> <dynamic>)',
    ['Unexpected else directive @ 1:15-1:22@14-21', 'Unexpected endfor directive @ 1:22-1:31@21-30'],
  ],
  ['"%{if a}%{endfor}"', '(template <dynamic>)', ['Unexpected endfor directive @ 1:9-1:18@8-17']],
  ['<<EOT\nhello ${name}\nEOT\n', '(template "hello " name "\\n")', []],
  ['<<-EOT\n    a\n      b\n    EOT\n', '(template "a\\n  b\\n")', []],
  ['<<EOT\n${a}\nEOT\n', '(template a "\\n")', []],
  ['<<EOT\nunterminated\n', '(template "unterminated\\n")', ['Unterminated template string @ 3:1-3:1@19-19']],
  ['"é"', '(template "é")', []],
  ['"\\\\"', '(template "\\\\")', []],
  ['"$"', '(template "$")', []],
  ['"%"', '(template "%")', []],
  ['"$$"', '(template "$$")', []],
  ['"a$"', '(template "a$")', []],
];

test('templates: literals, interpolation, escapes, strip markers, directives and their errors', () => {
  for (const [src, shape, diags] of cases) {
    const got = parse(src);
    assert.deepEqual(got.diags, diags, src);
    assert.equal(show(got.expr), shape, src);
  }
});

test('a single interpolation is a TemplateWrapExpr; a literal-only template keeps one literal part', () => {
  const wrap = parse('"${a}"').expr;
  assert.equal(wrap.kind, 'templateWrap');
  assert.equal(showRange(wrap.range), '1:1-1:7@0-6');
  const lit = parse('"abc"').expr;
  assert.equal(lit.kind, 'template');
  assert.equal(lit.kind === 'template' && lit.parts.length, 1);
  assert.equal(lit.kind === 'template' && showRange(lit.parts[0]?.range), '1:2-1:5@1-4');
});

test('an unknown directive keyword gets a suggestion', () => {
  const { diags } = parseExpression('"%{ iff a }"', 'x');
  assert.equal(diags[0]?.detail, '"iff" is not a valid template control keyword. Did you mean "if"?');
});

test('unbalanced directives name the opening directive position', () => {
  const { diags } = parseExpression('"%{ if a }"', 'x');
  assert.equal(
    diags[0]?.detail,
    'The if directive at x:1,2-11 is missing its corresponding endif directive.',
  );
});

test('strings are NFC-normalised', () => {
  const lit = parse('"e\u0301"').expr;
  assert.ok(lit.kind === 'template');
  const part = lit.parts[0];
  assert.ok(part?.kind === 'literal' && part.value.state === 'known');
  assert.equal(part.value.v, '\u00e9');
});

test('escape sequences and their diagnostics', () => {
  const { expr, diags } = parseExpression('"\\n\\r\\t\\"\\\\\\u00e9\\U0001F600 \\x"', 'x');
  assert.ok(expr.kind === 'template');
  const part = expr.parts[0];
  assert.ok(part?.kind === 'literal' && part.value.state === 'known');
  assert.equal(part.value.v, '\n\r\t"\\\u00e9\u{1F600} x');
  assert.deepEqual(
    diags.map((d) => [d.summary, d.detail, showRange(d.subject)]),
    [
      [
        'Invalid escape sequence',
        'The symbol "x" is not a valid escape sequence selector.',
        '1:29-1:31@28-30',
      ],
    ],
  );
});

test('heredoc ranges: the template spans opener to closing marker', () => {
  const { body } = parseConfig('a = <<EOT\nx\nEOT\nb = 1\n', 't.hcl');
  const a = body.attributes[0];
  assert.ok(a);
  assert.equal(showRange(a.expr.range), '1:5-3:4@4-15');
  assert.equal(a.expr.kind === 'template' && a.expr.heredoc, true);
  assert.equal(showRange(a.range), '1:1-3:4@0-15');
  assert.equal(body.attributes[1]?.name, 'b');
});

test('flush heredoc: literal ranges move past the removed indentation', () => {
  const { body } = parseConfig('a = <<-EOT\n    x ${y}\n    z\n    EOT\n', 't.hcl');
  const e = body.attributes[0]?.expr;
  assert.ok(e?.kind === 'template');
  assert.equal(show(e), '(template "x " y "\\nz\\n")');
  assert.equal(showRange(e.parts[0]?.range), '2:5-2:7@15-17');
});

test('spec suite heredoc.hcl: literal values after (flush) indentation handling', () => {
  const src = readFileSync(new URL('expressions/heredoc.hcl', specsuite), 'utf8');
  const { body, diags } = parseConfig(src, 'heredoc.hcl');
  assert.deepEqual(diags, []);
  const items = new Map<string, string>();
  for (const attr of body.attributes) {
    assert.ok(attr.expr.kind === 'objectCons');
    for (const item of attr.expr.items) items.set(`${attr.name}.${show(item.keyExpr)}`, show(item.valueExpr));
  }
  assert.equal(items.get('normal.indented'), '(template "    Foo\\n    Bar\\n    Baz\\n")');
  assert.equal(items.get('normal.marker_at_suffix'), '(template "    NOT EOT\\n")');
  assert.equal(items.get('flush.indented_less'), '(template "  Foo\\nBar\\n  Baz\\n")');
  assert.equal(items.get('flush.interp_indented_less'), '(template "  Foo\\n" space_bar "\\n  Baz\\n")');
  assert.equal(items.get('flush.tabs'), '(template "Foo\\n Bar\\n Baz\\n")');
  assert.equal(
    items.get('flush.unicode_spaces'),
    `(template ${JSON.stringify('\u2003Foo (there\'s two "em spaces" before Foo there)\nBar\nBaz\n')})`,
  );
  assert.equal(items.get('flush.indented_newlines_between'), '(template "Foo\\n\\nBar\\n\\nBaz\\n")');
});

test('parseTemplate: a bare template file', () => {
  const { expr, diags } = parseTemplate(
    'Hello ${name}!\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\nbye $ and %',
    't.tpl',
  );
  assert.deepEqual(diags, []);
  assert.equal(
    show(expr),
    '(template "Hello " name "!\\n" (join (for x in xs : (template "- " x "\\n"))) "bye $ and %")',
  );
  assert.equal(showRange(expr.range), '1:1-5:12@0-64');
  const only = parseTemplate('${x}', 't.tpl');
  assert.equal(show(only.expr), '(wrap x)');
  const empty = parseTemplate('', 't.tpl');
  assert.equal(show(empty.expr), '(template "")');
});

test('parseTemplate honours a start position', () => {
  const { expr } = parseTemplate('a${b}', 't.tpl', { line: 3, column: 5, byte: 20 });
  assert.equal(showRange(expr.range), '3:5-3:10@20-25');
});

/** hclsyntax's template test inputs (parsed with parseTemplate): [source, tree shape, diagnostic count]. */
const bareTemplates: ReadonlyArray<readonly [string, string, number]> = [
  ['1', '(template "1")', 0],
  ['\nhello world\n', '(template "\\nhello world\\n")', 0],
  ['hello ${"world"}', '(template "hello " (template "world"))', 0],
  ['hello\\nworld', '(template "hello\\\\nworld")', 0],
  ['silly ${"${"nesting"}"}', '(template "silly " (wrap (template "nesting")))', 0],
  ['hello $${escaped}', '(template "hello ${escaped}")', 0],
  ['hello $$nonescape', '(template "hello $$nonescape")', 0],
  ['hello %${"world"}', '(template "hello %" (template "world"))', 0],
  ['${true}', '(wrap true)', 0],
  ['trim ${~ "trim"}', '(template "trim" (template "trim"))', 0],
  ['${"trim" ~} trim', '(template (template "trim") "trim")', 0],
  ['trim\n${~"trim"~}\ntrim', '(template "trim" (template "trim") "trim")', 0],
  [' ${~ true ~} ', '(template "" true "")', 0],
  [
    '${"hello "}${~"trim"~}${" hello"}',
    '(template (template "hello ") (template "trim") (template " hello"))',
    0,
  ],
  ['%{ if true ~} hello %{~ endif }', '(template (? true (template "hello") (template "")))', 0],
  [
    '%{ if true ~} hello %{~ else ~} goodbye %{~ endif }',
    '(template (? true (template "hello") (template "goodbye")))',
    0,
  ],
  ['%{ of true ~} hello %{~ endif}', '(template " hello" <dynamic>)', 2],
  [
    '%{ for v in ["a", "b", "c"] ~} ${v} %{~ endfor }',
    '(template (join (for v in [(template "a") (template "b") (template "c")] : (template "" v ""))))',
    0,
  ],
  ['\\uu1234', '(template "\\\\uu1234")', 0],
  ['$', '(template "$")', 0],
  ['$$', '(template "$$")', 0],
  ['%', '(template "%")', 0],
  ['%%', '(template "%%")', 0],
  ['hello %%{ if true }world%%{ endif }', '(template "hello %{ if true }world%{ endif }")', 0],
  ['hello $%{ if true }world%{ endif }', '(template "hello $" (? true (template "world") (template "")))', 0],
  ['%{ endif }', '(template <dynamic>)', 1],
  ['%{ endfor }', '(template <dynamic>)', 1],
];

test('bare templates: strip markers, escapes and directives as hclsyntax parses them', () => {
  for (const [src, shape, count] of bareTemplates) {
    const { expr, diags } = parseTemplate(src, 't.tpl');
    assert.equal(show(expr), shape, src);
    assert.equal(diags.length, count, src);
  }
});
