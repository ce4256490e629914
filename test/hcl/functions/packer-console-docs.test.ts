/**
 * The examples in Packer's function documentation (`> fn(...)` lines in the corpus copy of the docs),
 * evaluated by Debian's `packer console` 1.6.6 and by imgbuild. Where 1.6.6 succeeds the printed results
 * must agree; where 1.6.6 lacks the function, or behaves as the listed older version did, our evaluation
 * must succeed (the docs describe the newer behaviour we follow).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { displayValue } from '../../../src/hcl/value-display.js';
import { packerDiagnostics, packerValues, packerVersion } from './packer-console-oracle.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const docsDir = path.resolve(
  repoRoot,
  '..',
  'shared',
  'corpus',
  'packer-docs',
  'docs',
  'templates',
  'hcl_templates',
  'functions',
);

/** Examples whose 1.6.6 result differs on purpose: the reason, and what we print (as the docs show). */
const NEWER_BEHAVIOUR: Record<string, { reason: string; ours: string }> = {
  'index(["a", "b", "c"], "b")': {
    reason: "1.6.6 registered cty's index(collection, key); the docs describe Terraform's index(list, value)",
    ours: '1',
  },
  'formatdate("H \'o\'\'clock\'", "2018-01-02T23:12:01-08:00")': {
    reason: 'the cty in 1.6.6 dropped a quoted literal containing an escaped quote; fixed later',
    ours: '"11 o\'clock"',
  },
};

/** Examples that fail (the docs say so, or wrongly show a result): both sides must fail the same way. */
const FAILING = new Set([
  'parseint("12", 2)',
  'yamldecode("{a: !not-supported foo}")',
  'yamldecode("{a: &foo [1, *foo, 3]}")',
  'regex("[a-z]+", "53453453.34534523454")',
  // The docs show results, but HCL's type expressions need an element type for list, set and map.
  'convert(["a", "b", 3], list)',
  'convert(["c", "b", "b"], set)',
  'convert({"a" = "foo", "b" = true}, map)',
]);

/** Examples that need files, the clock, randomness or outside services (covered by the main table). */
const EXCLUDED =
  /path\.|var\.|local\.|\b(file|fileexists|fileset|filebase64|templatefile|abspath|pathexpand|timestamp|uuidv4|bcrypt|vault|consul_key|aws_secretsmanager\w*|env|rsadecrypt|legacy_isotime|legacy_strftime)\(/;

function docExamples(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(full);
      else if (ent.name.endsWith('.mdx')) {
        for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
          const m = /^> ([a-z_0-9]+\(.*\))\s*$/.exec(line);
          if (m && !EXCLUDED.test(m[1]!)) found.add(m[1]!);
        }
      }
    }
  };
  walk(docsDir);
  return [...found].sort();
}

function ours(expr: string): { printed?: string; error?: string } {
  const parsed = parseExpression(expr, '<console-input>');
  const perr = parsed.diags.find((d) => d.severity === 'error');
  if (perr) return { error: `${perr.summary}: ${perr.detail ?? ''}` };
  const r = nativeExpression(parsed.expr).value({ functions: packerFunctions({ baseDir: '.' }) });
  const err = r.diags.find((d) => d.severity === 'error');
  return err ? { error: `${err.summary}: ${err.detail ?? ''}` } : { printed: displayValue(r.value, true) };
}

const version = packerVersion();
if (version === undefined || !fs.existsSync(docsDir)) {
  test('packer console vs the documentation examples', () => {
    assert.fail(
      version === undefined
        ? "`packer` is not installed: this test compares with Debian's packer 1.6.6 (`apt-get install packer`)"
        : `the documentation corpus is missing at ${docsDir}`,
    );
  });
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-docs-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 't.pkr.hcl'), '');
  const exprs = docExamples();
  const diags = packerDiagnostics(dir, exprs);
  const okIndexes = exprs.map((_, i) => i).filter((i) => diags[i]!.every((d) => d.severity !== 'Error'));
  const printed = packerValues(
    dir,
    okIndexes.map((i) => exprs[i]!),
  );
  const packerPrinted = new Map(okIndexes.map((i, k) => [i, printed[k]!]));

  test('the documentation offers enough examples', () => {
    assert.ok(exprs.length >= 150, `${exprs.length} examples`);
  });

  describe('documentation examples: packer console 1.6.6 vs imgbuild', () => {
    exprs.forEach((expr, i) => {
      const newer = NEWER_BEHAVIOUR[expr];
      test(newer ? `${expr}  [differs: ${newer.reason}]` : expr, () => {
        const mine = ours(expr);
        const packerError = diags[i]!.find((d) => d.severity === 'Error');
        if (newer) {
          assert.equal(mine.printed, newer.ours, mine.error);
          return;
        }
        if (FAILING.has(expr) && packerError?.summary !== 'Call to unknown function') {
          assert.ok(packerError, `Packer succeeds: ${packerPrinted.get(i)}`);
          assert.ok(mine.error, `we give ${mine.printed}`);
          assert.equal(mine.error.split(':')[0], packerError.summary);
          return;
        }
        if (FAILING.has(expr)) {
          assert.ok(mine.error, `we give ${mine.printed}`);
          return;
        }
        if (packerError) {
          assert.equal(packerError.summary, 'Call to unknown function', `Packer: ${packerError.detail}`);
          assert.ok(mine.printed !== undefined, `a documented function fails: ${mine.error}`);
          return;
        }
        assert.equal(mine.printed, packerPrinted.get(i), mine.error);
      });
    });
  });
}
