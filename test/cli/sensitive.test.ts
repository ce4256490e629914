/**
 * Sensitive values never appear in any output: inspect, console (results and errors), validate
 * diagnostics (plain and machine-readable), whether the value comes from a default, -var or a var file,
 * and for values derived from it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './run-cli.js';

const secret = 's3cr3t-Value';
const fromVar = 'cli-Passw0rd';
const fromFile = 'file-Passw0rd';
const leaks = [
  secret,
  secret.toUpperCase(),
  fromVar,
  fromVar.toUpperCase(),
  fromFile,
  fromFile.toUpperCase(),
];

let dir = '';
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-sensitive-'));
  writeFileSync(
    path.join(dir, 't.pkr.hcl'),
    `variable "secret" {
  type      = string
  default   = "${secret}"
  sensitive = true
}

variable "password" {
  type      = string
  default   = "unset-but-long"
  sensitive = true
}

locals {
  shout     = upper(var.secret)
  as_number = parseint(var.secret, 10)
}

local "hidden" {
  expression = "\${var.password}-suffix"
  sensitive  = true
}

source "null" "n" {
  communicator = "none"
}

build {
  description = "Builds with \${var.secret}"
  sources     = ["source.null.n"]

  provisioner "shell-local" {
    inline = ["echo \${local.shout}", "echo \${var.password}"]
  }

  post-processor "checksum" {
    checksum_types = [var.secret, upper(var.password)]
  }
}
`,
  );
  writeFileSync(path.join(dir, 'v.pkrvars.hcl'), `password = "${fromFile}"\n`);
  writeFileSync(
    path.join(dir, 'legacy.json'),
    JSON.stringify({
      variables: { secret, password: null },
      'sensitive-variables': ['secret', 'password'],
      builders: [{ type: 'null', communicator: 'none' }],
      provisioners: [{ type: 'shell-local', inline: ['echo {{user `secret`}} {{user `password`}}'] }],
      'post-processors': [{ type: 'checksum', checksum_types: ['{{user `secret`}}'] }],
    }),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

function assertNoLeak(what: string, text: string): void {
  for (const s of leaks) assert.ok(!text.includes(s), `${what} shows ${s}:\n${text}`);
}

const runs: [string, string[], string][] = [
  ['inspect', ['inspect', 't.pkr.hcl'], ''],
  ['inspect -var', ['inspect', '-var', `password=${fromVar}`, 't.pkr.hcl'], ''],
  ['inspect -var-file', ['inspect', '-var-file', 'v.pkrvars.hcl', 't.pkr.hcl'], ''],
  ['validate', ['validate', 't.pkr.hcl'], ''],
  ['validate -var', ['validate', '-var', `password=${fromVar}`, 't.pkr.hcl'], ''],
  [
    'validate -var-file -machine-readable',
    ['validate', '-machine-readable', '-var-file=v.pkrvars.hcl', 't.pkr.hcl'],
    '',
  ],
  ['legacy JSON inspect', ['inspect', 'legacy.json'], ''],
  ['legacy JSON validate', ['validate', '-var', `password=${fromVar}`, 'legacy.json'], ''],
  [
    'legacy JSON console',
    ['console', '-var', `password=${fromVar}`, 'legacy.json'],
    'var.secret\nvar.password\nupper(var.secret)\n',
  ],
  [
    'console',
    ['console', '-var', `password=${fromVar}`, 't.pkr.hcl'],
    'var.secret\nlocal.shout\nlocal.hidden\n[var.secret]\n{ a = var.password }\nparseint(var.secret, 10)\nvariables\nvar.secret + 1\n',
  ],
];

for (const [what, argv, stdin] of runs) {
  test(`${what}: no sensitive value in stdout or stderr`, async () => {
    const r = await runCli(argv, { cwd: dir, stdin });
    assertNoLeak(`${what} stdout`, r.out);
    assertNoLeak(`${what} stderr`, r.err);
    assert.ok(r.out.length + r.err.length > 0, 'something was printed');
  });
}

test('the masked forms are shown instead', async () => {
  const i = await runCli(['inspect', 't.pkr.hcl'], { cwd: dir });
  assert.match(i.out, /^var\.secret: "<sensitive>"$/m);
  assert.match(i.out, /^local\.shout: "<sensitive>"$/m);
  assert.match(i.out, /^local\.hidden: "<sensitive>"$/m);
  const c = await runCli(['console', 't.pkr.hcl'], { cwd: dir, stdin: 'local.shout\n' });
  assert.deepEqual(c, { code: 0, out: '<sensitive>\n', err: '' });
});
