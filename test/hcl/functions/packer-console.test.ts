/**
 * Differential test against Debian's `packer console` (Packer 1.6.6): every row of the table in
 * packer-console-cases.ts is evaluated by Packer and by imgbuild (parseExpression + NativeExpression +
 * packerFunctions + displayValue), and the printed results (or error summaries and details) must agree.
 * Rows marked `differs` document where imgbuild deliberately follows newer Packer; they assert our value.
 */
import assert from 'node:assert/strict';
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { convert } from '../../../src/hcl/convert.js';
import type { Diagnostic } from '../../../src/hcl/diagnostics.js';
import { packerFunctions } from '../../../src/hcl/functions/registry.js';
import type { EvalContext } from '../../../src/hcl/hcl.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { typeConstraint } from '../../../src/hcl/typeexpr.js';
import type { Value } from '../../../src/hcl/value.js';
import { displayValue } from '../../../src/hcl/value-display.js';
import { objectVal } from '../../../src/hcl/values.js';
import {
  CASES,
  type ConsoleCase,
  FIXTURES,
  LOCALS,
  NEWER_THAN_1_6_6,
  PACKER_1_6_6_FUNCTIONS,
  TEMPLATE,
  VARIABLES,
} from './packer-console-cases.js';
import {
  normalizeSpace,
  type PackerDiag,
  packerDiagnostics,
  packerValues,
  packerVersion,
} from './packer-console-oracle.js';

// ---- the fixture directory, shared by Packer and us (we evaluate with it as the working directory) ----

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgbuild-console-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 't.pkr.hcl'), TEMPLATE);
for (const [rel, data] of Object.entries(FIXTURES)) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), data);
}
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
fs.writeFileSync(path.join(dir, 'key.pem'), privateKey.export({ type: 'pkcs1', format: 'pem' }));
fs.writeFileSync(
  path.join(dir, 'cipher.b64'),
  publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('top secret')).toString(
    'base64',
  ),
);

// ---- our side ----

interface OurResult {
  readonly printed?: string;
  readonly errors: Diagnostic[];
}

function evaluate(src: string, ctx: EvalContext | undefined): { value: Value; errors: Diagnostic[] } {
  const parsed = parseExpression(src, '<console-input>');
  const parseErrors = parsed.diags.filter((d) => d.severity === 'error');
  if (parseErrors.length > 0) return { value: objectVal({}), errors: parseErrors };
  const r = nativeExpression(parsed.expr).value(ctx);
  return { value: r.value, errors: r.diags.filter((d) => d.severity === 'error') };
}

function buildContext(): EvalContext {
  const functions = packerFunctions({ baseDir: '.' });
  const vars: Record<string, Value> = {};
  for (const [name, [defaultSrc, typeSrc]] of Object.entries(VARIABLES)) {
    let v = evaluate(defaultSrc, undefined).value;
    if (typeSrc) {
      const tc = typeConstraint(nativeExpression(parseExpression(typeSrc, 'type').expr));
      const conv = convert(v, tc.type);
      assert.ok(conv.ok, `variable ${name} converts to ${typeSrc}`);
      v = conv.value;
    }
    vars[name] = v;
  }
  const varCtx: EvalContext = { variables: new Map([['var', objectVal(vars)]]), functions };
  const locals: Record<string, Value> = {};
  for (const [name, src] of Object.entries(LOCALS)) locals[name] = evaluate(src, varCtx).value;
  return {
    variables: new Map([
      ['var', objectVal(vars)],
      ['local', objectVal(locals)],
    ]),
    functions,
  };
}

function ours(expr: string, ctx: EvalContext): OurResult {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const { value, errors } = evaluate(expr, ctx);
    return errors.length > 0 ? { errors } : { printed: displayValue(value, true), errors };
  } finally {
    process.chdir(cwd);
  }
}

function describeOurs(r: OurResult): string {
  return r.errors.length > 0
    ? `error: ${r.errors[0]!.summary}: ${r.errors[0]!.detail ?? ''}`
    : `value: ${r.printed}`;
}

// ---- comparison ----

function checkRow(
  row: ConsoleCase,
  packerDiags: PackerDiag[],
  packerPrinted: string | undefined,
  mine: OurResult,
) {
  const packerErrors = packerDiags.filter((d) => d.severity === 'Error');
  if (row.differs) {
    // Where the row records what 1.6.6 says, check that Packer still says it.
    if (row.error) assert.equal(packerErrors[0]?.summary, row.error, 'Packer 1.6.6 fails as recorded');
    if (row.differs.ours.startsWith('error: ')) {
      assert.ok(mine.errors.length > 0, `expected an error, got ${describeOurs(mine)}`);
      assert.equal(`error: ${mine.errors[0]!.summary}`, row.differs.ours);
      if (row.differs.detail !== undefined) assert.equal(mine.errors[0]!.detail, row.differs.detail);
    } else if (row.property) {
      assert.ok(mine.printed !== undefined, describeOurs(mine));
      row.property(mine.printed);
    } else {
      assert.equal(mine.printed, row.differs.ours, describeOurs(mine));
    }
    return;
  }
  if (packerErrors.length > 0) {
    assert.ok(
      row.error,
      `Packer fails (${packerErrors[0]!.summary}: ${packerErrors[0]!.detail}) but the table expects a value`,
    );
    assert.equal(packerErrors[0]!.summary, row.error, 'the table records the summary Packer gives');
    assert.ok(mine.errors.length > 0, `Packer fails with ${row.error}; we give ${describeOurs(mine)}`);
    assert.equal(mine.errors[0]!.summary, packerErrors[0]!.summary, describeOurs(mine));
    if (!row.summaryOnly) assert.equal(normalizeSpace(mine.errors[0]!.detail ?? ''), packerErrors[0]!.detail);
    return;
  }
  assert.ok(!row.error, `the table expects "${row.error}" but Packer prints ${packerPrinted}`);
  assert.ok(mine.printed !== undefined, `Packer prints ${packerPrinted}; we give ${describeOurs(mine)}`);
  if (row.property) {
    row.property(packerPrinted!);
    row.property(mine.printed);
  } else {
    assert.equal(mine.printed, packerPrinted);
  }
}

// ---- the test ----

const version = packerVersion();

if (version === undefined) {
  test('packer console differential test', () => {
    assert.fail(
      "`packer` is not installed: this test compares with Debian's packer 1.6.6 (`apt-get install packer`); CI installs it",
    );
  });
} else {
  test('the oracle is Packer 1.6.6', () => {
    assert.match(version, /^Packer v1\.6\.6\b/, 'the table records Packer 1.6.6 results');
  });

  test('the table covers every function of Packer 1.6.6 and every newer documented one', () => {
    for (const name of [...PACKER_1_6_6_FUNCTIONS, ...NEWER_THAN_1_6_6]) {
      assert.ok(
        CASES.some((c) => c.expr.includes(`${name}(`)),
        `no row calls ${name}()`,
      );
    }
    assert.ok(CASES.length >= 150, `${CASES.length} rows`);
  });

  const exprs = CASES.map((c) => c.expr);
  const diags = packerDiagnostics(dir, exprs);
  const okIndexes = CASES.map((_, i) => i).filter((i) => diags[i]!.every((d) => d.severity !== 'Error'));
  const printed = packerValues(
    dir,
    okIndexes.map((i) => exprs[i]!),
  );
  const packerPrinted = new Map(okIndexes.map((i, k) => [i, printed[k]!]));

  test('Packer 1.6.6 has exactly the recorded function list', () => {
    const unknown = new Set<string>();
    for (const rowDiags of diags) {
      for (const d of rowDiags) {
        const m = /There is no function named "([^"]+)"/.exec(d.detail);
        if (m) unknown.add(m[1]!);
      }
    }
    for (const name of NEWER_THAN_1_6_6) assert.ok(unknown.has(name), `Packer 1.6.6 knows ${name}`);
    for (const name of PACKER_1_6_6_FUNCTIONS) assert.ok(!unknown.has(name), `Packer 1.6.6 lacks ${name}`);
  });

  const ctx = buildContext();
  describe('packer console 1.6.6 vs imgbuild', () => {
    CASES.forEach((row, i) => {
      const label = row.differs ? `${row.expr}  [differs: ${row.differs.reason}]` : row.expr;
      const opts = row.todo ? { todo: row.todo } : {};
      test(label, opts, () => checkRow(row, diags[i]!, packerPrinted.get(i), ours(row.expr, ctx)));
    });
  });
}
