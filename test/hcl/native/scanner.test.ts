import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lexConfig, lexConfigWithDiags, lexTemplate } from '../../../src/hcl/native/lex.js';
import { validIdentifier } from '../../../src/hcl/native/scanner.js';
import { showRange } from './ast-print.js';

function types(src: string): string[] {
  return lexConfig(src, 't.hcl').map((t) => t.type.replace(/^Token/, ''));
}
function texts(src: string): string[] {
  return lexConfig(src, 't.hcl').map((t) => t.text);
}

test('punctuation, operators and keywords-as-identifiers', () => {
  assert.deepEqual(types('a == b != c >= d <= e && f || g :: ... => ? : !'), [
    'Ident',
    'EqualOp',
    'Ident',
    'NotEqual',
    'Ident',
    'GreaterThanEq',
    'Ident',
    'LessThanEq',
    'Ident',
    'And',
    'Ident',
    'Or',
    'Ident',
    'DoubleColon',
    'Ellipsis',
    'FatArrow',
    'Question',
    'Colon',
    'Bang',
    'EOF',
  ]);
  assert.deepEqual(types('[](){}.,*/%+-=<>'), [
    'OBrack',
    'CBrack',
    'OParen',
    'CParen',
    'OBrace',
    'CBrace',
    'Dot',
    'Comma',
    'Star',
    'Slash',
    'Percent',
    'Plus',
    'Minus',
    'Equal',
    'LessThan',
    'GreaterThan',
    'EOF',
  ]);
});

test('number literals never end with a dot, so legacy a.0.b indexing scans', () => {
  assert.deepEqual(texts('1 1.5 1e10 1.2E-3 1. a.0.b'), [
    '1',
    '1.5',
    '1e10',
    '1.2E-3',
    '1',
    '.',
    'a',
    '.',
    '0',
    '.',
    'b',
    '',
  ]);
  assert.deepEqual(texts('1e'), ['1', 'e', '']);
});

test('identifiers may contain dashes and Unicode letters', () => {
  assert.deepEqual(texts('foo-bar _x héllo'), ['foo-bar', '_x', 'héllo', '']);
  assert.ok(validIdentifier('foo-bar'));
  assert.ok(!validIdentifier('1foo'));
  assert.ok(!validIdentifier('foo bar'));
});

test('comments are tokens; line comments include their newline', () => {
  const toks = lexConfig('a = 1 # hash\n// slash\r\n/* multi\nline */ b\n', 't.hcl');
  const comments = toks.filter((t) => t.type === 'TokenComment');
  assert.deepEqual(
    comments.map((t) => t.text),
    ['# hash\n', '// slash\r\n', '/* multi\nline */'],
  );
  assert.equal(showRange(comments[0]?.range), '1:7-2:1@6-13');
  assert.equal(showRange(comments[2]?.range), '3:1-4:8@23-39');
  // The comment's newline ends the line: no separate newline token follows it.
  assert.deepEqual(types('a # x\nb'), ['Ident', 'Comment', 'Ident', 'EOF']);
});

test('an unterminated block comment scans as slash and star', () => {
  assert.deepEqual(types('/* x'), ['Slash', 'Star', 'Ident', 'EOF']);
});

test('quoted template tokens, with interpolation and escapes kept raw', () => {
  const toks = lexConfig('"a${b}\\"c$${d}%%{e}"', 't.hcl');
  assert.deepEqual(
    toks.map((t) => [t.type, t.text]),
    [
      ['TokenOQuote', '"'],
      ['TokenQuotedLit', 'a'],
      ['TokenTemplateInterp', '${'],
      ['TokenIdent', 'b'],
      ['TokenTemplateSeqEnd', '}'],
      ['TokenQuotedLit', '\\"c'],
      ['TokenQuotedLit', '$${'],
      ['TokenQuotedLit', 'd}'],
      ['TokenQuotedLit', '%%{'],
      ['TokenQuotedLit', 'e}'],
      ['TokenCQuote', '"'],
      ['TokenEOF', ''],
    ],
  );
});

test('strip markers are part of the sequence tokens', () => {
  assert.deepEqual(texts('"${~ a ~}%{~ if x ~}"'), ['"', '${~', 'a', '~}', '%{~', 'if', 'x', '~}', '"', '']);
});

test('braces inside an interpolation nest correctly', () => {
  assert.deepEqual(types('"${ {a = 1}.a }x"'), [
    'OQuote',
    'TemplateInterp',
    'OBrace',
    'Ident',
    'Equal',
    'NumberLit',
    'CBrace',
    'Dot',
    'Ident',
    'TemplateSeqEnd',
    'QuotedLit',
    'CQuote',
    'EOF',
  ]);
});

test('a newline inside a quoted string is a quoted-newline token with a diagnostic', () => {
  const { tokens, diags } = lexConfigWithDiags('a = "foo\nbar"\n', 't.hcl');
  assert.ok(tokens.some((t) => t.type === 'TokenQuotedNewline'));
  assert.equal(diags[0]?.summary, 'Invalid multi-line string');
});

test('heredoc: opener includes its newline, one literal per line, marker then a separate newline', () => {
  const toks = lexConfig('x = <<EOT\nhello\n  ${a}\nEOT\ny = 1\n', 't.hcl');
  assert.deepEqual(
    toks.map((t) => [t.type, t.text, showRange(t.range)]),
    [
      ['TokenIdent', 'x', '1:1-1:2@0-1'],
      ['TokenEqual', '=', '1:3-1:4@2-3'],
      ['TokenOHeredoc', '<<EOT\n', '1:5-2:1@4-10'],
      ['TokenStringLit', 'hello\n', '2:1-3:1@10-16'],
      ['TokenStringLit', '  ', '3:1-3:3@16-18'],
      ['TokenTemplateInterp', '${', '3:3-3:5@18-20'],
      ['TokenIdent', 'a', '3:5-3:6@20-21'],
      ['TokenTemplateSeqEnd', '}', '3:6-3:7@21-22'],
      ['TokenStringLit', '\n', '3:7-4:1@22-23'],
      ['TokenCHeredoc', 'EOT', '4:1-4:4@23-26'],
      ['TokenNewline', '\n', '4:4-5:1@26-27'],
      ['TokenIdent', 'y', '5:1-5:2@27-28'],
      ['TokenEqual', '=', '5:3-5:4@29-30'],
      ['TokenNumberLit', '1', '5:5-5:6@31-32'],
      ['TokenNewline', '\n', '5:6-6:1@32-33'],
      ['TokenEOF', '', '6:1-6:1@33-33'],
    ],
  );
});

test('heredoc marker must be alone on its line and not follow an interpolation', () => {
  const toks = lexConfig('x = <<-EOT\n  NOT EOT\n  ${a} EOT\n  EOT\n', 't.hcl');
  const lits = toks.filter((t) => t.type === 'TokenStringLit').map((t) => t.text);
  assert.deepEqual(lits, ['  NOT EOT\n', '  ', ' EOT\n']);
  assert.equal(toks.filter((t) => t.type === 'TokenCHeredoc')[0]?.text, '  EOT');
});

test('CRLF line endings', () => {
  const toks = lexConfig('a = <<EOT\r\nx\r\nEOT\r\nb = 2\r\n', 't.hcl');
  assert.deepEqual(
    toks.map((t) => [t.type, t.text]),
    [
      ['TokenIdent', 'a'],
      ['TokenEqual', '='],
      ['TokenOHeredoc', '<<EOT\r\n'],
      ['TokenStringLit', 'x\r\n'],
      ['TokenCHeredoc', 'EOT'],
      ['TokenNewline', '\r\n'],
      ['TokenIdent', 'b'],
      ['TokenEqual', '='],
      ['TokenNumberLit', '2'],
      ['TokenNewline', '\r\n'],
      ['TokenEOF', ''],
    ],
  );
  assert.equal(showRange(toks[6]?.range), '4:1-4:2@19-20');
});

test('columns count grapheme clusters, bytes count UTF-8', () => {
  // "é" written as e + combining accent is one column, three bytes; the emoji is one column, four bytes.
  const toks = lexConfig('"e\u0301👍" x', 't.hcl');
  assert.equal(showRange(toks[1]?.range), '1:2-1:4@1-8');
  assert.equal(showRange(toks[3]?.range), '1:6-1:7@10-11');
});

test('a byte order mark counts in bytes but not in columns', () => {
  const toks = lexConfig('\uFEFFa = 1', 't.hcl');
  assert.equal(showRange(toks[0]?.range), '1:1-1:2@3-4');
});

test('tabs between tokens are skipped like spaces', () => {
  assert.deepEqual(types('a\t=\t1'), ['Ident', 'Equal', 'NumberLit', 'EOF']);
});

test('invalid characters produce HCL diagnostics', () => {
  const { diags } = lexConfigWithDiags("a = 'x' & b ; c \u201cq\u201d @", 't.hcl');
  assert.deepEqual(
    diags.map((d) => [d.summary, showRange(d.subject)]),
    [
      ['Invalid character', '1:5-1:6@4-5'],
      ['Unsupported operator', '1:9-1:10@8-9'],
      ['Invalid character', '1:13-1:14@12-13'],
      ['Invalid character', '1:17-1:18@16-19'],
      ['Invalid character', '1:19-1:20@20-23'],
      ['Invalid character', '1:21-1:22@24-25'],
    ],
  );
  assert.match(diags[1]?.detail ?? '', /Did you mean boolean AND/);
  assert.match(diags[3]?.detail ?? '', /Curly quotes/);
});

test('template mode: bare literals per line, sequences, trailing dollar is literal', () => {
  const { tokens } = lexTemplate('a ${b}\nc %{if x}y%{endif}$', 't.tpl');
  assert.deepEqual(
    tokens.map((t) => [t.type, t.text]),
    [
      ['TokenStringLit', 'a '],
      ['TokenTemplateInterp', '${'],
      ['TokenIdent', 'b'],
      ['TokenTemplateSeqEnd', '}'],
      ['TokenStringLit', '\n'],
      ['TokenStringLit', 'c '],
      ['TokenTemplateControl', '%{'],
      ['TokenIdent', 'if'],
      ['TokenIdent', 'x'],
      ['TokenTemplateSeqEnd', '}'],
      ['TokenStringLit', 'y'],
      ['TokenTemplateControl', '%{'],
      ['TokenIdent', 'endif'],
      ['TokenTemplateSeqEnd', '}'],
      ['TokenStringLit', '$'],
      ['TokenEOF', ''],
    ],
  );
});

test('token texts cover the source exactly, with only spaces and tabs between them', () => {
  const src = 'a = "x${y}" # c\nb {\n  c = <<-E\n    ${1}\n  E\n}\n';
  let rebuilt = '';
  let lastEnd = 0;
  for (const t of lexConfig(src, 't.hcl')) {
    const gap = src.slice(lastEnd, t.range.start.byte);
    assert.match(gap, /^[ \t]*$/);
    rebuilt += gap + t.text;
    lastEnd = t.range.end.byte;
  }
  assert.equal(rebuilt, src);
});

test("a lone $ or % is a literal token of its own, as in HCL's scanner", () => {
  assert.deepEqual(texts('"hello $$"'), ['"', 'hello ', '$', '$', '"', '']);
  assert.deepEqual(texts('"hello %${world}"'), ['"', 'hello ', '%', '${', 'world', '}', '"', '']);
  assert.deepEqual(texts('"hello %"'), ['"', 'hello ', '%', '"', '']);
});

test('nested heredoc inside an interpolation of a heredoc', () => {
  assert.deepEqual(texts('<<EOF\n${<<-EOF\nhello\nEOF\n}\nEOF\n'), [
    '<<EOF\n',
    '${',
    '<<-EOF\n',
    'hello\n',
    'EOF',
    '\n',
    '}',
    '\n',
    'EOF',
    '\n',
    '',
  ]);
});
