/**
 * `imgbuild fmt` behaviour: in-place rewriting, -write=false, -check (exit 3), -diff, directories (with and
 * without -recursive), stdin, syntax errors (exit 1, file untouched), flag syntax; and, where packer is
 * installed, the same stdout as `packer fmt -check -diff` on a directory.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fmtCommand } from '../../../src/cli/commands/fmt.js';
import { packerAvailable } from '../../hcl/format/packer-oracle.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const messy = 'source "null" "x" {\ncommunicator="none"\n  a = 1\n}\n';
const tidy = 'source "null" "x" {\n  communicator = "none"\n  a            = 1\n}\n';
const broken = 'variable "x" {\n  type = string\n}\n\ninvalid\n';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-fmt-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}
const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await fmtCommand(argv, { stdout, stderr, stdin: Readable.from([stdin]), cwd: dir, env: {} });
  return { code, out, err };
}

test('rewrites a file in place and prints its name; a formatted file prints nothing', async () => {
  put('a.pkr.hcl', messy);
  assert.deepEqual(await run(['a.pkr.hcl']), { code: 0, out: 'a.pkr.hcl\n', err: '' });
  assert.equal(read('a.pkr.hcl'), tidy);
  assert.deepEqual(await run(['a.pkr.hcl']), { code: 0, out: '', err: '' });
});

test('-write=false lists the file but leaves it alone', async () => {
  put('a.pkr.hcl', messy);
  assert.deepEqual(await run(['-write=false', 'a.pkr.hcl']), { code: 0, out: 'a.pkr.hcl\n', err: '' });
  assert.equal(read('a.pkr.hcl'), messy);
});

test('-check exits 3 when a file would change, writes nothing, and exits 0 when all are formatted', async () => {
  put('a.pkr.hcl', messy);
  put('b.pkr.hcl', tidy);
  assert.deepEqual(await run(['-check', '.']), { code: 3, out: 'a.pkr.hcl\n', err: '' });
  assert.equal(read('a.pkr.hcl'), messy);
  assert.deepEqual(await run(['-check', 'b.pkr.hcl']), { code: 0, out: '', err: '' });
});

test('flags take one or two dashes and Go boolean values', async () => {
  put('a.pkr.hcl', messy);
  assert.equal((await run(['--check', 'a.pkr.hcl'])).code, 3);
  assert.equal((await run(['-check=true', '-write=0', 'a.pkr.hcl'])).code, 3);
  assert.equal((await run(['-check=false', '--write=false', 'a.pkr.hcl'])).code, 0);
  assert.equal(read('a.pkr.hcl'), messy);
  const bad = await run(['-bogus', 'a.pkr.hcl']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /flag provided but not defined: -bogus/);
  const badValue = await run(['-check=maybe', 'a.pkr.hcl']);
  assert.equal(badValue.code, 1);
  assert.match(badValue.err, /invalid boolean value "maybe" for -check/);
});

test('no path prints usage and exits 1; -h prints usage and exits 0', async () => {
  const none = await run([]);
  assert.equal(none.code, 1);
  assert.match(none.err, /^Usage: imgbuild fmt \[options\]/);
  const help = await run(['-h']);
  assert.equal(help.code, 0);
  assert.match(help.out, /-recursive/);
});

test('-diff prints a unified diff after the file name', async () => {
  put('a.pkr.hcl', messy);
  const r = await run(['-diff', '-write=false', 'a.pkr.hcl']);
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    'a.pkr.hcl\n--- old/a.pkr.hcl\n+++ new/a.pkr.hcl\n@@ -1,4 +1,4 @@\n source "null" "x" {\n' +
      '-communicator="none"\n-  a = 1\n+  communicator = "none"\n+  a            = 1\n }\n',
  );
});

test('a directory means its *.pkr.hcl then *.pkrvars.hcl files; -recursive descends', async () => {
  put('b.pkr.hcl', messy);
  put('a.pkrvars.hcl', 'x=1\nlonger = 2\n');
  put('template.json', '{ "a":1 }');
  put('notes.hcl', 'a=1\n');
  put('.hidden.pkr.hcl', messy);
  put('sub/c.pkr.hcl', messy);
  put('.git/d.pkr.hcl', messy);
  assert.deepEqual(await run(['-check', '.']), {
    code: 3,
    out: '.hidden.pkr.hcl\nb.pkr.hcl\na.pkrvars.hcl\n',
    err: '',
  });
  const r = await run(['-recursive', '.']);
  assert.deepEqual(r, {
    code: 0,
    out: '.hidden.pkr.hcl\nb.pkr.hcl\na.pkrvars.hcl\nsub/c.pkr.hcl\n',
    err: '',
  });
  assert.equal(read('sub/c.pkr.hcl'), tidy);
  assert.equal(read('a.pkrvars.hcl'), 'x      = 1\nlonger = 2\n');
  assert.equal(read('notes.hcl'), 'a=1\n');
  assert.equal(read('.git/d.pkr.hcl'), messy);
});

test('a file with a syntax error is left alone, its diagnostic printed, exit 1; other files still format', async () => {
  put('a.pkr.hcl', messy);
  put('bad.pkr.hcl', broken);
  const r = await run(['.']);
  assert.equal(r.code, 1);
  assert.equal(r.out, 'a.pkr.hcl\n');
  assert.match(r.err, /^Error: /);
  assert.match(r.err, /on bad\.pkr\.hcl line 5/);
  assert.equal(read('bad.pkr.hcl'), broken);
  assert.equal(read('a.pkr.hcl'), tidy);
});

test('a path that is not a Packer HCL file is an error', async () => {
  put('notes.hcl', 'a=1\n');
  const r = await run(['notes.hcl']);
  assert.equal(r.code, 1);
  assert.match(r.err, /Error: encountered an error while formatting notes\.hcl/);
  assert.match(r.err, /file notes\.hcl is not a HCL file/);
  const missing = await run(['nope.pkr.hcl']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /failed to read nope\.pkr\.hcl/);
});

test('- formats stdin to stdout; -check on stdin exits 3 when it would change', async () => {
  assert.deepEqual(await run(['-'], messy), { code: 0, out: tidy, err: '' });
  assert.deepEqual(await run(['-'], tidy), { code: 0, out: tidy, err: '' });
  assert.deepEqual(await run(['-check', '-'], messy), { code: 3, out: '', err: '' });
});

test('stdout of -check -diff on a directory is the same as packer fmt', async () => {
  const missing = packerAvailable();
  if (missing !== undefined) assert.fail(missing);
  put('a.pkr.hcl', `${messy}\n\nbuild {\nsources=["source.null.x"]\n}\n`);
  put('b.pkr.hcl', tidy);
  put('c.pkr.hcl', 'locals {\nx = 1 # one\nyy = [\n1,\n2\n]\n}\n');
  put('a.pkrvars.hcl', 'x=1\nlonger = "two"');
  put('.hidden.pkr.hcl', 'x=1\nlonger = "two"\n');
  const packer = spawnSync('packer', ['fmt', '-check', '-diff', '.'], { cwd: dir, encoding: 'utf8' });
  const ours = await run(['-check', '-diff', '.']);
  assert.equal(ours.out, packer.stdout);
  assert.equal(ours.code, packer.status);
});

test('the CLI entry point runs fmt', () => {
  put('a.pkr.hcl', messy);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'fmt', '-check', dir],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 3, r.stderr);
  assert.equal(r.stdout, `${path.join(dir, 'a.pkr.hcl')}\n`);
});
