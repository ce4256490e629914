/**
 * `imgbuild validate`: the success message, -syntax-only, warnings that do not fail, -only/-except,
 * directories with auto var files, -var/-var-file precedence, -machine-readable, help and usage errors,
 * IMGBUILD_LOG, and the real executable.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { validateHelp } from '../../../src/cli/commands/validate.js';
import { runBinary, runCli } from '../run-cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-validate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}
const validate = (...argv: string[]) => runCli(['validate', ...argv], { cwd: dir });

const twoSources = `variable "region" {
  type = string
}

source "null" "good" {
  communicator = "none"
}

source "qemu" "bad" {
  iso_url      = "x.iso"
  iso_checksum = "none"
  disk_size    = "lots"
}

build {
  sources = ["source.null.good", "source.qemu.bad"]
}
`;

const valid =
  'source "null" "n" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.n"]\n}\n';

test('a valid template: "The configuration is valid." on stdout, exit 0', async () => {
  put('t.pkr.hcl', valid);
  assert.deepEqual(await validate('t.pkr.hcl'), { code: 0, out: 'The configuration is valid.\n', err: '' });
});

test('-syntax-only parses without evaluating: an unset variable and a bad qemu size pass', async () => {
  put('t.pkr.hcl', twoSources);
  assert.deepEqual(await validate('-syntax-only', 't.pkr.hcl'), {
    code: 0,
    out: 'Syntax-only check passed. Everything looks okay.\n',
    err: '',
  });
  const r = await validate('--syntax-only=false', 't.pkr.hcl');
  assert.equal(r.code, 1);
  assert.match(r.err, /^Error: Unset variable "region"/);
});

test('-syntax-only still reports syntax errors', async () => {
  put('t.pkr.hcl', 'source "null" "n" {\n  communicator = \n}\n');
  const r = await validate('-syntax-only', 't.pkr.hcl');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(
    r.err,
    /^Error: Invalid expression\n\n {2}on t\.pkr\.hcl line 2, in source "null" "n":\n {3}2: {3}communicator = \n {23}\^\n/,
  );
});

test('-except and -only select the builds that are planned', async () => {
  put('t.pkr.hcl', twoSources);
  const all = await validate('-var', 'region=eu', 't.pkr.hcl');
  assert.equal(all.code, 1);
  assert.match(all.err, /disk_size/);
  assert.deepEqual(await validate('-var', 'region=eu', '-except', 'qemu.bad', 't.pkr.hcl'), {
    code: 0,
    out: 'The configuration is valid.\n',
    err: '',
  });
  assert.deepEqual(await validate('-var', 'region=eu', '-only=null.good', 't.pkr.hcl'), {
    code: 0,
    out: 'The configuration is valid.\n',
    err: '',
  });
});

test('warnings are printed on stdout and do not fail; -no-warn-undeclared-var silences the var-file one', async () => {
  put('t.pkr.hcl', valid);
  put('v.pkrvars.hcl', 'nope = 1\n');
  const r = await validate('-var-file', 'v.pkrvars.hcl', 't.pkr.hcl');
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.match(r.out, /^Warning: /);
  assert.match(r.out, /The configuration is valid\.\n$/);
  assert.deepEqual(await validate('-no-warn-undeclared-var', '-var-file', 'v.pkrvars.hcl', 't.pkr.hcl'), {
    code: 0,
    out: 'The configuration is valid.\n',
    err: '',
  });
});

test('a directory loads every template and its auto var files; -var beats -var-file beats auto files', async () => {
  put('d/vars.pkr.hcl', 'variable "size" {\n  type = string\n}\n');
  put(
    'd/build.pkr.hcl',
    'source "null" "n" {\n  communicator = var.size == "auto" ? "none" : var.size\n}\n\nbuild {\n  sources = ["source.null.n"]\n}\n',
  );
  put('d/a.auto.pkrvars.hcl', 'size = "auto"\n');
  put('f.pkrvars.hcl', 'size = "ssh"\n');
  assert.deepEqual(await validate('d'), { code: 0, out: 'The configuration is valid.\n', err: '' });
  // communicator = "ssh" needs ssh_username: the -var-file value was used.
  const fromFile = await validate('-var-file=f.pkrvars.hcl', 'd');
  assert.equal(fromFile.code, 1);
  assert.match(fromFile.err, /ssh_username/);
  assert.deepEqual(await validate('-var-file=f.pkrvars.hcl', '-var', 'size=none', 'd'), {
    code: 0,
    out: 'The configuration is valid.\n',
    err: '',
  });
});

test('-machine-readable: one ui line per message on stdout', async () => {
  put('t.pkr.hcl', valid);
  const ok = await validate('-machine-readable', 't.pkr.hcl');
  assert.equal(ok.code, 0);
  assert.match(ok.out, /^\d+,,ui,say,The configuration is valid\.\n$/);
  put('t.pkr.hcl', 'potato {\n}\n');
  const bad = await validate('-machine-readable', 't.pkr.hcl');
  assert.equal(bad.code, 1);
  assert.equal(bad.err, '');
  assert.match(
    bad.out,
    /^\d+,,ui,error,Error: Unsupported block type\\n\\n {2}on t\.pkr\.hcl line 1%!\(PACKER_COMMA\) in potato:/,
  );
});

test('-h prints the help on stdout (exit 0); no template or a bad flag is a usage error (exit 2)', async () => {
  assert.deepEqual(await validate('-h'), { code: 0, out: `${validateHelp}\n`, err: '' });
  assert.deepEqual(await validate(), { code: 2, out: '', err: `${validateHelp}\n` });
  assert.deepEqual(await validate('-syntax-only=maybe', 't.pkr.hcl'), {
    code: 2,
    out: '',
    err: `invalid boolean value "maybe" for -syntax-only: parse error\n${validateHelp}\n`,
  });
});

test('IMGBUILD_LOG=1 adds debug lines on stderr; IMGBUILD_LOG_PATH sends them to a file', async () => {
  put('t.pkr.hcl', valid);
  const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dir, env: { IMGBUILD_LOG: '1' } });
  assert.equal(r.code, 0);
  assert.match(r.err, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[INFO\] loaded .*t\.pkr\.hcl in \d+ ms/m);
  const f = await runCli(['validate', 't.pkr.hcl'], {
    cwd: dir,
    env: { IMGBUILD_LOG: '1', IMGBUILD_LOG_PATH: 'debug.log' },
  });
  assert.deepEqual(f, { code: 0, out: 'The configuration is valid.\n', err: '' });
});

test('the real executable: exit codes and streams', () => {
  put('t.pkr.hcl', valid);
  put('bad.pkr.hcl', 'potato {\n}\n');
  assert.deepEqual(runBinary(['validate', 't.pkr.hcl'], { cwd: dir }), {
    code: 0,
    out: 'The configuration is valid.\n',
    err: '',
  });
  const bad = runBinary(['validate', 'bad.pkr.hcl'], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^Error: Unsupported block type\n/);
  assert.equal(runBinary(['validate', '-nope', 't.pkr.hcl'], { cwd: dir }).code, 2);
});
