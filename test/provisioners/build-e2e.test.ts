/**
 * All four provisioners in one template, through `imgbuild build` (in-process) with the null builder
 * connecting to the real sshd: what the user sees, what lands on the machine, and the failure path.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { nullSshArguments, type Sshd, sshdAvailable, startSshd } from '../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';

describe('provisioners through imgbuild build (real sshd)', { skip }, () => {
  let sshd: Sshd;
  let dir: string;
  before(async () => {
    sshd = await startSshd();
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-prov-e2e-'));
  });
  after(async () => {
    await sshd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const template = (provisioners: string) => `
source "null" "box" {
${nullSshArguments(sshd)}
}
build {
  sources = ["source.null.box"]
${provisioners}
}
`;

  test('shell, file (up and down), breakpoint and shell-local run in order', async () => {
    await writeFile(
      join(dir, 'ok.pkr.hcl'),
      template(`
  provisioner "shell" {
    inline           = ["echo remote $GREETING on $PACKER_BUILD_NAME/$PACKER_BUILDER_TYPE", "echo host={{ .Host }}"]
    environment_vars = ["GREETING=it's me"]
    remote_folder    = "${dir}"
  }
  provisioner "file" {
    content     = "uploaded\\n"
    destination = "${dir}/remote.txt"
  }
  provisioner "file" {
    source      = "${dir}/remote.txt"
    destination = "${dir}/back/"
    direction   = "download"
  }
  provisioner "breakpoint" {
    disable = true
    note    = "look around"
  }
  provisioner "shell-local" {
    inline = ["cat ${dir}/back/remote.txt"]
  }`),
    );
    const r = await runCli(['build', '-color=false', 'ok.pkr.hcl'], { cwd: dir });
    assert.equal(r.code, 0, r.out + r.err);
    const lines = r.out.split('\n');
    const expected = [
      /^==> null\.box: Provisioning with shell script: .*packer-shell\d+$/,
      /^ {4}null\.box: remote it's me on box\/null$/,
      /^ {4}null\.box: host=127\.0\.0\.1$/,
      new RegExp(`^==> null\\.box: Uploading .*pkr-file-content\\d+ => ${dir}/remote\\.txt$`),
      new RegExp(`^==> null\\.box: Downloading ${dir}/remote\\.txt => ${dir}/back/remote\\.txt$`),
      /^==> null\.box: Breakpoint provisioner with note "look around" disabled; continuing\.\.\.$/,
      /^==> null\.box: Running local shell script: .*packer-shell\d+$/,
      /^ {4}null\.box: uploaded$/,
    ];
    let at = 0;
    for (const line of lines) if (at < expected.length && expected[at]!.test(line)) at++;
    assert.equal(at, expected.length, `missing, in order, ${expected[at]} in:\n${r.out}`);
    assert.equal(await readFile(join(dir, 'back', 'remote.txt'), 'utf8'), 'uploaded\n');
  });

  test('a failing script fails the build with its status and last output', async () => {
    await writeFile(
      join(dir, 'fail.pkr.hcl'),
      template(`
  provisioner "shell" {
    inline        = ["echo about to fail", "exit 5"]
    remote_folder = "${dir}"
  }
  provisioner "shell-local" {
    inline = ["echo never runs"]
  }`),
    );
    const r = await runCli(['build', '-color=false', 'fail.pkr.hcl'], { cwd: dir });
    assert.equal(r.code, 1);
    const all = r.out + r.err;
    assert.match(
      all,
      /Build 'null\.box' errored after .*: Script exited with non-zero exit status: 5\.Allowed exit codes are: \[0\]\nLast output:\n {2}about to fail\n/,
    );
    assert.doesNotMatch(all, /never runs/);
  });
});
