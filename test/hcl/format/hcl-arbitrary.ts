/**
 * Test helper: a fast-check generator of native-syntax HCL files with irregular layout — random spaces and
 * tabs between tokens, multi-line tuples/objects/calls, heredocs, templates, comments, blank lines — meant
 * to be syntactically valid so that `packer fmt` formats them.
 */
import fc from 'fast-check';

const gap = fc.constantFrom('', '', ' ', ' ', '  ', '\t', '   ');
const gap1 = fc.constantFrom(' ', ' ', '  ', '\t', ' \t');
const ident = fc.constantFrom(
  'a',
  'b',
  'foo',
  'bar_baz',
  'x1',
  'long_name_here',
  'né',
  'var',
  'local',
  'count',
);
const number = fc.constantFrom('0', '1', '42', '3.14', '1e3', '2.5E-2');
const stringPart = fc.constantFrom('', 'abc', 'a b', '$${x}', '%%{y}', '\\"q\\"', 'é ü', '\\n');

type Gen = fc.Arbitrary<string>;

const comment = fc.constantFrom('# note', '// note', '/* note */', '# é comment', '#', '/* a\n  b */');

const exprs: Gen = fc.letrec<{ expr: string; term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    number,
    ident,
    fc.tuple(ident, gap, ident).map(([a, g, b]) => `${a}${g}.${g}${b}`),
    fc.tuple(ident, gap, number).map(([a, g, n]) => `${a}[${g}${n.replace(/\..*|e.*|E.*/, '')}${g}]`),
    fc.tuple(ident, gap, ident).map(([a, g, b]) => `${a}${g}[*]${g}.${b}`),
    fc.tuple(ident, ident).map(([a, b]) => `${a}.*.${b}`),
    fc
      .tuple(stringPart, fc.option(fc.tuple(gap, tie('expr'), gap)), stringPart)
      .map(([p1, i, p2]) => (i ? `"${p1}\${${i[0]}${i[1]}${i[2]}}${p2}"` : `"${p1}${p2}"`)),
    fc.tuple(gap, tie('expr'), gap).map(([g1, e, g2]) => `(${g1}${e}${g2})`),
    fc
      .tuple(gap, ident, stringPart, fc.constantFrom('', '~'))
      .map(([g, c, p, t]) => `"%{${t}${g}if ${c}${g}${t}}${p}%{${g}else${g}}x%{${g}endif${g}${t}}"`),
    fc
      .tuple(gap, ident, tie('expr'))
      .map(([g, x, coll]) => `"%{${g}for ${x} in ${coll}${g}}\${${g}${x}${g}},%{${g}endfor${g}}"`),
    fc
      .tuple(ident, gap, fc.array(tie('expr'), { maxLength: 3 }), gap, fc.boolean())
      .map(
        ([f, g, args, g2, spread]) =>
          `${f}(${g}${args.join(`,${g2}`)}${spread && args.length > 0 ? '...' : ''})`,
      ),
    fc
      .tuple(gap, fc.array(tie('expr'), { maxLength: 3 }), gap)
      .map(([g, es, g2]) => `[${g}${es.join(`${g2},${g}`)}]`),
    fc
      .tuple(fc.array(fc.tuple(ident, gap, tie('expr')), { maxLength: 3 }), gap)
      .map(([kvs, g]) => `{${g}${kvs.map(([k, g2, v]) => `${k}${g2}=${g2}${v}`).join(`,${g}`)}${g}}`),
    fc
      .tuple(fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([es, trailing]) => `[\n${es.join(',\n')}${trailing ? ',' : ''}\n]`),
    fc
      .tuple(fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), comment, gap)
      .map(
        ([es, c, g]) =>
          `[${g}${c.startsWith('/*') ? c : ''}\n${es.map((e) => `${g}${e},${g}${c}\n`).join('\n')}]`,
      ),
    fc
      .tuple(fc.array(fc.tuple(ident, gap, tie('expr')), { minLength: 1, maxLength: 3 }), gap)
      .map(([kvs, g]) => `{\n${kvs.map(([k, g2, v]) => `${g}${k}${g2}=${g2}${v}`).join('\n')}\n}`),
    fc.tuple(gap, tie('term')).map(([g, t]) => `-${g}${t}`),
    fc.tuple(gap, tie('term')).map(([g, t]) => `!${g}${t}`),
    fc
      .tuple(gap1, ident, gap1, tie('expr'), gap, tie('expr'))
      .map(([g, x, g2, coll, g3, body]) => `[for${g}${x}${g2}in${g}${coll}${g3}:${g3}${body}]`),
    fc
      .tuple(gap1, ident, ident, tie('expr'), gap, tie('expr'))
      .map(
        ([g, k, v, coll, g3, body]) =>
          `{for${g}${k},${g3}${v}${g}in${g}${coll}${g3}:${g3}${k}${g}=>${g3}${body}}`,
      ),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('term'),
    fc
      .tuple(
        tie('term'),
        gap1,
        fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'),
        gap1,
        tie('term'),
      )
      .map(([a, g, op, g2, b]) => `${a}${g}${op}${g2}${b}`),
    fc
      .tuple(tie('term'), gap1, tie('term'), tie('term'))
      .map(([c, g, a, b]) => `${c}${g}?${g}${a}${g}:${g}${b}`),
  ),
})).expr;

const heredoc = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.constantFrom('line one', '  indented', '${x}', '', 'a = b'), { maxLength: 3 }),
  )
  .map(
    ([flush, lines]) =>
      `<<${flush ? '-' : ''}EOT\n${lines.map((l) => `${l}\n`).join('')}${flush ? '  ' : ''}EOT`,
  );

const attribute: Gen = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(gap, ident, gap, exprs, gap, fc.option(comment))
      .map(([g, k, g2, v, g3, c]) => `${g}${k}${g2}=${g2}${v}${c === null ? '' : `${g3} ${c}`}\n`),
  },
  // A heredoc's closing marker must be alone on its line, so no trailing comment.
  {
    weight: 1,
    arbitrary: fc.tuple(gap, ident, gap, heredoc).map(([g, k, g2, v]) => `${g}${k}${g2}=${g2}${v}\n`),
  },
);

/** Whole-file layout variations: CRLF newlines, trailing spaces, no final newline. */
function relayout(src: string, crlf: boolean, trailing: string, finalNewline: boolean): string {
  let out =
    trailing === ''
      ? src
      : src.replace(/\n/g, (nl, offset: number) => (offset % 3 === 0 ? `${trailing}${nl}` : nl));
  if (!finalNewline) out = out.replace(/\n$/, '');
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

export const hclFile: Gen = fc.letrec<{ body: string; item: string }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: attribute },
    { weight: 1, arbitrary: fc.tuple(gap, comment).map(([g, c]) => `${g}${c}\n`) },
    { weight: 1, arbitrary: gap.map((g) => `${g}\n`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          gap,
          ident,
          fc.array(fc.constantFrom('"x"', '"a b"', 'lbl'), { maxLength: 2 }),
          gap1,
          tie('body'),
        )
        .map(
          ([g, t, labels, g2, body]) =>
            `${g}${t}${labels.map((l) => ` ${l}`).join('')}${g2}{\n${body}${g}}\n`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(ident, gap1, ident, gap, exprs)
        .map(([t, g, k, g2, v]) => `${t}${g}{${g}${k}${g2}=${g2}${v}${g}}\n`),
    },
  ),
  body: fc.array(tie('item'), { maxLength: 5 }).map((items) => items.join('')),
})).body;

export const hclFileVariants: Gen = fc
  .tuple(hclFile, fc.boolean(), fc.constantFrom('', '', ' ', '\t', '   '), fc.boolean())
  .map(([src, crlf, trailing, finalNewline]) => relayout(src, crlf, trailing, finalNewline));
