import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Body } from '../../../src/hcl/ast.js';
import { parseConfig } from '../../../src/hcl/native/parser.js';
import { show, showRange } from './ast-print.js';

const specsuite = new URL('../../../../shared/corpus/hcl-specsuite/', import.meta.url);

function parse(src: string): { body: Body; diags: string[] } {
  const { body, diags } = parseConfig(src, 't.hcl');
  return { body, diags: diags.map((d) => `${d.summary} @ ${showRange(d.subject)}`) };
}

/** The from/to positions asserted by a spec-suite .t file, as "l:c-l:c@b-b". */
function expectedRanges(tFile: string): string[] {
  const text = readFileSync(new URL(tFile, specsuite), 'utf8');
  const pos =
    /from\s*\{\s*line\s*=\s*(\d+)\s*column\s*=\s*(\d+)\s*byte\s*=\s*(\d+)\s*\}\s*to\s*\{\s*line\s*=\s*(\d+)\s*column\s*=\s*(\d+)\s*byte\s*=\s*(\d+)\s*\}/g;
  return [...text.matchAll(pos)].map((m) => `${m[1]}:${m[2]}-${m[4]}:${m[5]}@${m[3]}-${m[6]}`);
}

function actualRanges(hclFile: string): string[] {
  const src = readFileSync(new URL(hclFile, specsuite), 'utf8');
  return parseConfig(src, hclFile).diags.map((d) => showRange(d.subject));
}

test('spec suite: syntax errors are reported at exactly the ranges the suite asserts', () => {
  for (const name of [
    'structure/blocks/single_oneline_invalid',
    'structure/blocks/single_unclosed',
    'structure/attributes/singleline_bad',
  ]) {
    assert.deepEqual(actualRanges(`${name}.hcl`), expectedRanges(`${name}.t`), name);
  }
});

test('spec suite: valid structure files parse without diagnostics', () => {
  for (const name of [
    'structure/blocks/single_oneline',
    'structure/blocks/single_expected',
    'structure/blocks/single_empty_oneline',
    'structure/attributes/expected',
    'structure/attributes/unexpected',
    'comments/hash_comment',
    'comments/slash_comment',
    'comments/multiline_comment',
    'expressions/heredoc',
    'expressions/operators',
    'expressions/primitive_literals',
    'empty',
  ]) {
    assert.deepEqual(actualRanges(`${name}.hcl`), [], name);
  }
});

test('one-line block errors use HCL summaries', () => {
  assert.deepEqual(parse('a { b = "foo", c = "bar" }\n').diags, [
    'Invalid single-argument block definition @ 1:14-1:15@13-14',
  ]);
  assert.deepEqual(parse('a { d {} }\n').diags, ['Argument definition required @ 1:5-1:8@4-7']);
  assert.deepEqual(parse('a { b = 1 c = 2 }').diags, [
    'Invalid single-argument block definition @ 1:11-1:12@10-11',
  ]);
  assert.deepEqual(parse('a { b = 1').diags, ['Unclosed configuration block @ 1:3-1:4@2-3']);
});

test('attributes and blocks with quoted and identifier labels, in source order', () => {
  const { body, diags } = parse('a = 1\nb "x" y {\n  c = true\n  d {}\n}\ne = "s"\nb "z" {}\n');
  assert.deepEqual(diags, []);
  assert.deepEqual(
    body.attributes.map((a) => `${a.name}=${show(a.expr)}`),
    ['a=1', 'e=(template "s")'],
  );
  assert.deepEqual(
    body.blocks.map((b) => `${b.type}[${b.labels.join(',')}]`),
    ['b[x,y]', 'b[z]'],
  );
  const b = body.blocks[0];
  assert.ok(b);
  assert.equal(showRange(b.range), '2:1-5:2@6-35');
  assert.equal(showRange(b.typeRange), '2:1-2:2@6-7');
  assert.deepEqual(b.labelRanges.map(showRange), ['2:3-2:6@8-11', '2:7-2:8@12-13']);
  assert.equal(showRange(b.openBraceRange), '2:9-2:10@14-15');
  assert.equal(showRange(b.closeBraceRange), '5:1-5:2@34-35');
  assert.equal(showRange(b.body.range), '2:9-5:2@14-35');
  assert.equal(showRange(b.body.endRange), '5:2-5:2@35-35');
  assert.equal(b.body.attributes[0]?.name, 'c');
  assert.equal(b.body.blocks[0]?.type, 'd');
  const a = body.attributes[0];
  assert.ok(a);
  assert.equal(showRange(a.range), '1:1-1:6@0-5');
  assert.equal(showRange(a.nameRange), '1:1-1:2@0-1');
  assert.equal(showRange(a.equalsRange), '1:3-1:4@2-3');
  assert.equal(showRange(body.range), '1:1-8:1@0-53');
});

test('one-line blocks with a single attribute and empty one-line blocks', () => {
  const { body, diags } = parse('a { b = "foo" }\nc {}\n');
  assert.deepEqual(diags, []);
  assert.equal(show(body.blocks[0]?.body.attributes[0]?.expr ?? assert.fail()), '(template "foo")');
  assert.equal(body.blocks[1]?.body.attributes.length, 0);
});

test('block labels: escapes are resolved, template sequences rejected', () => {
  const { body, diags } = parseConfig('a "x\\ty" "${b}" {}\n', 't.hcl');
  assert.deepEqual(body.blocks[0]?.labels, ['x\ty', '${ ... }']);
  assert.equal(diags[0]?.summary, 'Invalid string literal');
  assert.match(diags[0]?.detail ?? '', /double it \(as "\$\$"\)/);
});

test('comments anywhere are ignored by the parser, and a line comment ends an attribute', () => {
  const { body, diags } = parse('# top\na = 1 # end\n/* c */ b = 2 // x\nc { # in\n  d = 3\n}\n');
  assert.deepEqual(diags, []);
  assert.deepEqual(
    body.attributes.map((a) => a.name),
    ['a', 'b'],
  );
  assert.equal(body.blocks[0]?.body.attributes[0]?.name, 'd');
});

test('attribute errors: missing newline, comma, redefinition, quoted name, missing equals', () => {
  assert.deepEqual(parse('a = 1 b = 2\n').diags, ['Missing newline after argument @ 1:7-1:8@6-7']);
  assert.deepEqual(parse('a = 1, b = 2\n').diags, ['Unexpected comma after argument @ 1:6-1:7@5-6']);
  const redef = parseConfig('a = 1\na = 2\n', 't.hcl');
  assert.equal(redef.diags[0]?.summary, 'Attribute redefined');
  assert.equal(
    redef.diags[0]?.detail,
    'The argument "a" was already set at t.hcl:1,1-2. Each argument may be set only once.',
  );
  assert.equal(redef.body.attributes.length, 1);
  assert.deepEqual(parse('"a" = 1\n').diags, ['Invalid argument name @ 1:1-1:2@0-1']);
  assert.deepEqual(parse('a\nb = 1\n').diags, ['Argument or block definition required @ 1:1-1:2@0-1']);
});

test('block header errors', () => {
  assert.deepEqual(parse('a = {\n}\nb = 1\n').diags, []);
  assert.deepEqual(parse('a "b" = {}\n').diags, ['Invalid block definition @ 1:7-1:8@6-7']);
  assert.deepEqual(parse('a "b"\n{}\n').diags.slice(0, 1), ['Invalid block definition @ 1:6-2:1@5-6']);
  assert.equal(parse('a {\n} b = 1\n').diags[0], 'Missing newline after block definition @ 2:3-2:4@6-7');
});

test('recovery: after an error, parsing resumes and follow-on errors are suppressed (as packer validate shows)', () => {
  const one = parse('a = (1 +\nb = 2\nc {\n  d = [1,\n}\ne = 3\n');
  assert.deepEqual(one.diags, ['Unbalanced parentheses @ 2:3-2:4@11-12']);
  assert.deepEqual(
    one.body.blocks.map((b) => b.type),
    ['c'],
  );
  const two = parse('x = 1\ny = foo(\nz = 2\nblock "a" {\n  q = [1 2]\n}\nw = 4\n');
  assert.deepEqual(two.diags, ['Missing argument separator @ 3:3-3:4@17-18']);
  assert.deepEqual(
    two.body.attributes.map((a) => `${a.name}=${show(a.expr)}`),
    ['x=1', 'y=(foo(z))'],
  );
});

test('an unclosed block reports the opening brace', () => {
  assert.deepEqual(parse('a {\n  b = 1\n').diags, ['Unclosed configuration block @ 1:3-1:4@2-3']);
});

test('a stray closing brace at top level', () => {
  assert.deepEqual(parse('}\n').diags, ['Argument or block definition required @ 1:1-1:2@0-1']);
});

/** hclsyntax's TestParseConfigDiagnostics: [input, summary, subject, context]. */
const unclosedCases: ReadonlyArray<readonly [string, string, string, string]> = [
  ['blah {\n', 'Unclosed configuration block', '1:6-1:7@5-6', '<none>'],
  ['blah {\n  a = 1\n', 'Unclosed configuration block', '1:6-1:7@5-6', '<none>'],
  ['blah {', 'Unclosed configuration block', '1:6-1:7@5-6', '<none>'],
  ['blah { a = 1', 'Unclosed configuration block', '1:6-1:7@5-6', '1:1-1:7@0-6'],
  ['foo = { a = 1', 'Unterminated object constructor expression', '1:7-1:8@6-7', '<none>'],
  ['foo = { a ', 'Unterminated object constructor expression', '1:7-1:8@6-7', '<none>'],
  ['foo = [ a', 'Unterminated tuple constructor expression', '1:7-1:8@6-7', '<none>'],
  ['foo = boop("a"', 'Unterminated function call', '1:7-1:12@6-11', '<none>'],
  ['foo = (1', 'Unbalanced parentheses', '1:9-1:9@8-8', '1:7-1:9@6-8'],
  ['foo = "${a', 'Unclosed template interpolation sequence', '1:8-1:10@7-9', '<none>'],
  ['foo = "${a"', 'Unclosed template interpolation sequence', '1:8-1:10@7-9', '<none>'],
  ['foo = "${a}', 'Unterminated template string', '1:12-1:12@11-11', '1:8-1:12@7-11'],
  // Go HCL also reports every line end the string swallows, up to the end of the file.
  ['foo = "abc\nbar = "x"\n}\n', 'Unterminated template string', '1:7-1:11@6-10', '<none>'],
  ['foo = {', 'Missing expression', '1:8-1:8@7-7', '<none>'],
  ['foo = [', 'Missing expression', '1:8-1:8@7-7', '<none>'],
  ['foo = foo(', 'Missing expression', '1:11-1:11@10-10', '<none>'],
];

test('unclosed constructs: exactly one diagnostic each, with HCL subject and context ranges', () => {
  for (const [src, summary, subject, context] of unclosedCases) {
    const { diags } = parseConfig(src, 'test.hcl');
    assert.deepEqual(
      diags.map((d) => [d.summary, showRange(d.subject), showRange(d.context)]),
      [[summary, subject, context]],
      src,
    );
  }
});

test('invalid characters in place of an expression: two errors and a placeholder attribute', () => {
  for (const src of ['a = `str`', "a = 'str'"]) {
    const { body, diags } = parseConfig(src, 't.hcl');
    assert.deepEqual(
      diags.map((d) => d.summary),
      ['Invalid character', 'Invalid expression'],
    );
    const a = body.attributes[0];
    assert.ok(a);
    assert.equal(showRange(a.range), '1:1-1:4@0-3');
    assert.equal(showRange(a.expr.range), '1:5-1:6@4-5');
    assert.equal(showRange(body.range), '1:1-1:10@0-9');
  }
});

test('a trailing comma after an argument', () => {
  const { body, diags } = parseConfig('a = 1,', 't.hcl');
  assert.deepEqual(
    diags.map((d) => d.summary),
    ['Unexpected comma after argument'],
  );
  assert.equal(showRange(body.attributes[0]?.range), '1:1-1:6@0-5');
  assert.equal(showRange(body.endRange), '1:7-1:7@6-6');
});

test('a lone tab is whitespace', () => {
  const { body, diags } = parseConfig('\t', 't.hcl');
  assert.deepEqual(diags, []);
  assert.equal(showRange(body.range), '1:2-1:2@1-1');
});

test('recovery inside a function argument keeps the call and the next attribute (hclsyntax partial-AST case)', () => {
  const { body, diags } = parseConfig('attr = object({ foo = })\nattr2 = "foo"\n', 't.hcl');
  assert.deepEqual(
    diags.map((d) => `${d.summary} @ ${showRange(d.subject)}`),
    ['Invalid expression @ 1:23-1:24@22-23'],
  );
  const attr = body.attributes[0];
  assert.ok(attr?.expr.kind === 'functionCall');
  assert.equal(showRange(attr.range), '1:1-1:25@0-24');
  assert.equal(showRange(attr.expr.closeParenRange), '1:24-1:25@23-24');
  assert.equal(showRange(attr.expr.args[0]?.range), '1:15-1:24@14-23');
  assert.equal(showRange(body.attributes[1]?.expr.range), '2:9-2:14@33-38');
});

test('an object item whose value has a dangling dot is kept with a placeholder value', () => {
  const { body } = parseConfig('a = { b = c. }', 't.hcl');
  const e = body.attributes[0]?.expr;
  assert.ok(e?.kind === 'objectCons');
  assert.equal(show(e), '{b=<dynamic>}');
  assert.equal(showRange(e.items[0]?.valueExpr.range), '1:11-1:13@10-12');
  assert.equal(showRange(e.range), '1:5-1:15@4-14');
});

test('labels: an unterminated label string and labels as in hclsyntax', () => {
  const { body, diags } = parseConfig('block "unterminated_string "name" {}', 't.hcl');
  assert.deepEqual(
    diags.map((d) => d.summary),
    ['Unterminated string literal', 'Invalid block definition'],
  );
  const b = body.blocks[0];
  assert.deepEqual(b?.labels, ['unterminated_string ', 'name', ' {}']);
  assert.deepEqual(b?.labelRanges.map(showRange), ['1:7-1:29@6-28', '1:29-1:33@28-32', '1:33-1:37@32-36']);
  assert.equal(showRange(b?.body.range), '1:1-1:6@0-5');
  const esc = parseConfig('block "f\\o" {}\n', 't.hcl');
  assert.deepEqual(esc.body.blocks[0]?.labels, ['fo']);
  assert.equal(esc.diags.length, 1);
});

test('two blocks on one line', () => {
  assert.deepEqual(parse('block {}block {}\n').diags, [
    'Missing newline after block definition @ 1:9-1:14@8-13',
  ]);
});
