/**
 * Every expression in the real Packer templates of the corpus evaluates without throwing, with
 * all referenced variables unknown and Packer's function table available.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type * as ast from '../../../src/hcl/ast.js';
import { rootContext } from '../../../src/hcl/eval-context.js';
import { packerFunctions, variableDefaultFunctions } from '../../../src/hcl/functions/registry.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseConfig } from '../../../src/hcl/native/parser.js';
import type { Value } from '../../../src/hcl/value.js';
import { DynamicVal } from '../../../src/hcl/values.js';
import { type CorpusFile, corpusTemplates, templatesDir } from '../corpus-files.js';
import { diagText } from './helpers.js';

/** Every attribute, except variable types (type expressions, which are not evaluated). */
function attributes(body: ast.Body, inVariable = false): ast.Attribute[] {
  return [
    ...body.attributes.filter((a) => !(inVariable && a.name === 'type')),
    ...body.blocks.flatMap((b) => attributes(b.body, b.type === 'variable')),
  ];
}

test('corpus templates: every attribute expression evaluates without throwing', (t) => {
  let files: CorpusFile[];
  try {
    files = corpusTemplates('.pkr.hcl', '.pkrvars.hcl');
  } catch {
    t.skip(`corpus not found at ${templatesDir}`);
    return;
  }
  assert.ok(files.length > 20, `expected many templates, found ${files.length}`);
  let evaluated = 0;
  const summaries = new Map<string, number>();
  for (const { path: file, text } of files) {
    const { body } = parseConfig(text, path.basename(file));
    const fns = new Map([...packerFunctions({ baseDir: path.dirname(file) }), ...variableDefaultFunctions()]);
    for (const attr of attributes(body)) {
      const expr = nativeExpression(attr.expr);
      const roots = new Map<string, Value>();
      for (const v of expr.variables()) {
        const root = v[0];
        if (root?.type === 'root') roots.set(root.name, DynamicVal);
      }
      const r = expr.value(rootContext(roots, fns));
      evaluated++;
      for (const d of r.diags) summaries.set(d.summary, (summaries.get(d.summary) ?? 0) + 1);
      if (process.env.SHOW_DIAGS) for (const d of r.diags) console.log(file, diagText(d));
    }
  }
  assert.ok(evaluated > 500, `evaluated ${evaluated}`);
  // With every variable unknown, the only failures left come from functions reading files that
  // the corpus does not include (e.g. fileset() finding nothing, then indexing its result).
  for (const summary of summaries.keys()) {
    assert.ok(
      ['Error in function call', 'Invalid function argument', 'Invalid index'].includes(summary),
      `unexpected: ${summary}`,
    );
  }
});
