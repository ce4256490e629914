/**
 * The `> expression` / result examples of Packer's function docs (string, collection, numeric and
 * encoding pages), evaluated with our parser, evaluator, function table and console display.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { displayValue } from '../../../src/hcl/value-display.js';

const docs = new URL(
  '../../../../shared/corpus/packer-docs/docs/templates/hcl_templates/functions/',
  import.meta.url,
);

/** Examples whose documented output is not what Packer prints, and why. */
const KNOWN_DOC_ERRORS: Record<string, string> = {
  'format("Hello, %s!", var.name)': 'needs a variable the page does not declare',
  '"Hello, ${var.name}!"': 'needs a variable the page does not declare',
  '"  items: %{indent(2, "[\\n  foo,\\n  bar,\\n]\\n")}"': 'the page uses %{ } where ${ } is meant',
  'regex_replace("-ab-axxb-", "a(x*)b", "${1}W")':
    'in HCL "${1}" is an interpolation, so the replacement is "1W"',
  'chunklist(["a", "b", "c", "d", "e"], 2)': 'the page abbreviates the console layout',
  'chunklist(["a", "b", "c", "d", "e"], 1)': 'the page abbreviates the console layout',
  'flatten([["a", "b"], [], ["c"]])': 'the page abbreviates the console layout',
  'flatten([[["a", "b"], []], ["c"]])': 'the page abbreviates the console layout',
  'setunion(["a", "b"], ["b", "c"], ["d"])': 'the page shows an arbitrary order; cty sets are sorted',
  'zipmap(["a", "b"], [1, 2])': 'the page puts commas between object attributes',
  'csvdecode("a,b,c\\n1,2,3\\n4,5,6")': 'the page omits the trailing comma after the last element',
  'urlencode("Hello World")': "Go's url.QueryEscape writes a space as +, not %20",
  '"http://example.com/search?q=${urlencode("packer urlencode")}"':
    "Go's url.QueryEscape writes a space as +",
};

interface Example {
  readonly page: string;
  readonly expr: string;
  readonly expected: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const category of ['string', 'collection', 'numeric', 'encoding']) {
    const dir = new URL(`${category}/`, docs);
    for (const page of readdirSync(dir).sort()) {
      const text = readFileSync(new URL(page, dir), 'utf8');
      for (const block of text.matchAll(/```shell-session\n([\s\S]*?)```/g)) {
        const lines = block[1]!.split('\n');
        for (let i = 0; i < lines.length; i++) {
          if (!lines[i]!.startsWith('> ')) continue;
          const expr = lines[i]!.slice(2);
          const result: string[] = [];
          while (i + 1 < lines.length && !lines[i + 1]!.startsWith('> ')) result.push(lines[++i]!);
          out.push({ page: `${category}/${page}`, expr, expected: result.join('\n').trim() });
        }
      }
    }
  }
  return out;
}

/** What `packer console` prints: the value, or "Error: summary" and the detail. */
function consoleText(expr: string, functions: ReturnType<typeof packerFunctions>): string {
  const parsed = parseExpression(expr, '<console-input>');
  const r = nativeExpression(parsed.expr).value({ functions });
  const err = [...parsed.diags, ...r.diags].find((d) => d.severity === 'error');
  return err ? `Error: ${err.summary}\n${err.detail ?? ''}` : displayValue(r.value).trim();
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

test('the documented examples evaluate to the documented results', () => {
  const functions = packerFunctions({ baseDir: '.' });
  const all = examples();
  assert.ok(all.length > 100, `found ${all.length} examples`);
  const failures: string[] = [];
  let known = 0;
  for (const ex of all) {
    if (KNOWN_DOC_ERRORS[ex.expr]) {
      known++;
      continue;
    }
    const got = consoleText(ex.expr, functions);
    if (squash(got) !== squash(ex.expected))
      failures.push(`${ex.page}: ${ex.expr}\n  expected: ${ex.expected}\n  got: ${got}`);
  }
  assert.equal(known, Object.keys(KNOWN_DOC_ERRORS).length, 'every known doc error still exists');
  assert.deepEqual(failures, []);
});
