/**
 * `imgbuild console`: piped input (every line evaluated, errors as they come, only the last result
 * printed, exit 1 after an error), the `help`, `variables` and `exit` lines, the template's context
 * (var, local, path, functions; source and build unknown), no template, and the interactive mode on a
 * terminal (prompt, a result per line, stop at the first error or `exit`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, test } from 'node:test';
import { consoleHelpText } from '../../../src/cli/commands/console-eval.js';
import { runBinary, runCli } from '../run-cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-console-'));
  writeFileSync(
    path.join(dir, 't.pkr.hcl'),
    `variable "name" {
  default = "web"
}

variable "required" {
  type = string
}

locals {
  names = [var.name, "db"]
  counts = { a = 1, b = 2.5 }
}
`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pipe = (input: string, ...argv: string[]) => runCli(['console', ...argv], { cwd: dir, stdin: input });

test('piped: only the last result is printed, as packer console does', async () => {
  assert.deepEqual(await pipe('1 + 1\nupper(var.name)\n', 't.pkr.hcl'), { code: 0, out: 'WEB\n', err: '' });
});

test('values print as packer console prints them', async () => {
  const cases: [string, string][] = [
    ['local.names', '[\n  "web",\n  "db",\n]'],
    ['local.counts', '{\n  "a" = 1\n  "b" = 2.5\n}'],
    ['var.required', '<unknown>'],
    ['source.name', '<unknown>'],
    ['build.ID', '<unknown>'],
    ['path.root', '.'],
    ['null', 'null'],
    ['"  spaced  "', '  spaced  '],
    ['  1 + 2  ', '3'],
    ['', ''],
  ];
  for (const [expr, shown] of cases) {
    assert.deepEqual(await pipe(`${expr}\n`, 't.pkr.hcl'), { code: 0, out: `${shown}\n`, err: '' }, expr);
  }
});

test('an error is printed on stderr as a diagnostic pointing into the line; the exit code is 1', async () => {
  const r = await pipe('var.nope\n"after"\n', 't.pkr.hcl');
  assert.equal(r.code, 1);
  assert.equal(r.out, 'after\n');
  assert.equal(
    r.err,
    `Error: Unsupported attribute

  on <console-input> line 1:
   1: var.nope
         ^^^^^

This object does not have an attribute named "nope".


`,
  );
  const syntax = await pipe('1 +\n', 't.pkr.hcl');
  assert.equal(syntax.code, 1);
  assert.match(
    syntax.err,
    /^Error: Missing expression\n\n {2}on <console-input> line 1:\n {3}1: 1 \+\n {9}\^\n/,
  );
});

test('help, variables and exit lines', async () => {
  assert.deepEqual(await pipe('help\n', 't.pkr.hcl'), { code: 0, out: `${consoleHelpText}\n`, err: '' });
  assert.deepEqual(await pipe('variables\n', 't.pkr.hcl'), {
    code: 0,
    out:
      '> input-variables:\n\nvar.name: "web"\nvar.required: "<unknown>"\n\n> local-variables:\n\n' +
      'local.counts: "{\\n  \\"a\\" = 1\\n  \\"b\\" = 2.5\\n}"\nlocal.names: "[\\n  \\"web\\",\\n  \\"db\\",\\n]"\n\n',
    err: '',
  });
  // Piped, `exit` does not stop the evaluation (as in Packer).
  assert.deepEqual(await pipe('exit\n2\n', 't.pkr.hcl'), { code: 0, out: '2\n', err: '' });
});

test('-var values reach the context; without a template the functions still work', async () => {
  assert.deepEqual(await pipe('var.required\n', '-var', 'required=set', 't.pkr.hcl'), {
    code: 0,
    out: 'set\n',
    err: '',
  });
  assert.deepEqual(await pipe('join("-", ["a", "b"])\n'), { code: 0, out: 'a-b\n', err: '' });
  const noVar = await pipe('var.name\n');
  assert.equal(noVar.code, 1);
  assert.match(noVar.err, /^Error: /);
});

test('interactive on a terminal: a prompt, a result per line, stops at exit', async () => {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const done = runCli(['console', 't.pkr.hcl'], { cwd: dir, stdin });
  stdin.write('upper(var.name)\n');
  stdin.write('local.names[1]\n');
  stdin.write('exit\n');
  const r = await done;
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const visible = r.out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  assert.match(visible, /WEB\n/);
  assert.match(visible, /db\n/);
  assert.ok(visible.startsWith('> '), visible);
});

test('interactive: the first error ends the console with exit 1', async () => {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const done = runCli(['console', 't.pkr.hcl'], { cwd: dir, stdin });
  stdin.write('var.nope\n');
  const r = await done;
  assert.equal(r.code, 1);
  assert.match(r.err, /^Error: Unsupported attribute\n/);
});

test('the real executable reads piped stdin', () => {
  assert.deepEqual(runBinary(['console', 't.pkr.hcl'], { cwd: dir, stdin: 'length(local.names)\n' }), {
    code: 0,
    out: '2\n',
    err: '',
  });
});

test('JSON mode for a legacy JSON template: Go templates with its user variables', async () => {
  writeFileSync(
    path.join(dir, 'l.json'),
    JSON.stringify({
      variables: { region: 'us-east-1', secret: 'hunter2-long', needed: null },
      'sensitive-variables': ['secret'],
      builders: [{ type: 'null', communicator: 'none' }],
    }),
  );
  const cases: [string, string][] = [
    ['{{user `region`}}', 'us-east-1'],
    ['{{upper `abc`}}-x', 'ABC-x'],
    ['{{user `secret`}}', '<sensitive>'],
    ['{{user `nope`}}', ''],
    ['upper("a")', 'upper("a")'],
    ['{{user `needed`}}', 'given'],
  ];
  for (const [line, shown] of cases) {
    assert.deepEqual(
      await pipe(`${line}\n`, '-var', 'needed=given', 'l.json'),
      { code: 0, out: `${shown}\n`, err: '' },
      line,
    );
  }
  assert.deepEqual(await pipe('variables\n', '-var', 'needed=given', 'l.json'), {
    code: 0,
    out: '\nneeded: given,\nregion: us-east-1,\nsecret: <sensitive>,\n\n',
    err: '',
  });
  const help = await pipe('help\n', 'l.json');
  assert.match(help.out, /^Packer console JSON Mode\.\n/);
});

test('-config-type=json without a template: JSON mode; hcl2 (the default here) evaluates HCL', async () => {
  assert.deepEqual(await pipe('{{upper `abc`}}\n', '-config-type=json'), { code: 0, out: 'ABC\n', err: '' });
  assert.deepEqual(await pipe('upper("abc")\n', '-config-type', 'hcl2'), { code: 0, out: 'ABC\n', err: '' });
  const bad = await pipe('1\n', '-config-type=yaml');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^invalid value "yaml" for flag -config-type/);
});
