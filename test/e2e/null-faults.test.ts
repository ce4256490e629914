/**
 * Faults of `imgbuild build` (in-process main()) with the null builder against a real OpenSSH sshd, each
 * with its exact outcome: a failing script, uploads to destinations that cannot be written, a key the
 * host refuses, and -on-error=abort versus the default cleanup.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { type Sshd, sshdAvailable, startSshd } from '../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';
if (skip) console.log(`# skipping null build fault tests: ${skip}`);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A read-only bind mount of `dir` onto itself; undefined (with the reason) when mounting is not allowed. */
function readOnlyBind(dir: string): string | undefined {
  try {
    execFileSync('mount', ['--bind', '-o', 'ro', dir, dir], { stdio: 'pipe' });
    // Older mount(8) ignores ro on the first bind; a remount applies it.
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return `cannot bind-mount read-only here (${(err as Error).message.split('\n')[0]})`;
  }
}

/** A 1 MiB tmpfs on `dir`; undefined (with the reason) when mounting is not allowed. */
function smallTmpfs(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'imgbuild-test-full', dir], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]})`;
  }
}

describe('imgbuild build faults: null builder (real sshd)', { skip }, () => {
  let sshd: Sshd;
  let work: string;
  const mounted: string[] = [];
  before(async () => {
    sshd = await startSshd();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-faults-'));
  });
  after(async () => {
    for (const dir of mounted) {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        // Already gone.
      }
    }
    await sshd?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const source = (keyPath = sshd.clientKeyPath) => `
source "null" "box" {
  ssh_host               = "${sshd.host}"
  ssh_port               = ${sshd.port}
  ssh_username           = "${sshd.user}"
  ssh_private_key_file   = "${keyPath}"
  ssh_timeout            = "5s"
  ssh_handshake_attempts = 1
}
`;
  const build = async (name: string, body: string, flags: string[] = [], keyPath?: string) => {
    await writeFile(
      join(work, `${name}.pkr.hcl`),
      `${source(keyPath)}\nbuild {\n  sources = ["source.null.box"]\n${body}\n}\n`,
    );
    const r = await runCli(['build', '-color=false', ...flags, `${name}.pkr.hcl`], { cwd: work });
    return { ...r, all: r.out + r.err };
  };

  test('a failing script: exit 1, its exit status and last lines shown, later provisioners not run', async () => {
    const r = await build(
      'script-fails',
      `  provisioner "shell" {
    inline        = ["for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done", "echo to stderr >&2", "exit 3"]
    remote_folder = "${work}"
  }
  provisioner "shell-local" {
    inline = ["echo never runs"]
  }`,
    );
    assert.equal(r.code, 1, r.all);
    assert.match(r.all, /^ {4}null\.box: line 12$/m);
    const error =
      /Build 'null\.box' errored after [^:]+: Script exited with non-zero exit status: 3\.Allowed exit codes are: \[0\]\nLast output:\n((?: {2}.*\n)+)/.exec(
        r.all,
      );
    assert.ok(error, r.all);
    // The last 10 lines of stdout and stderr together, in the order the script wrote them.
    assert.deepEqual(error[1]!.trimEnd().split('\n'), [
      ...[4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => `  line ${i}`),
      '  to stderr',
    ]);
    // stderr is shown as an error line while it streams.
    assert.match(r.all, /^==> null\.box: to stderr$/m);
    assert.doesNotMatch(r.all, /never runs/);
  });

  test('upload into a read-only directory (a ro bind mount): a clear error, exit 1, nothing lost or half-written', async (t) => {
    const ro = join(work, 'ro');
    await mkdir(ro);
    await writeFile(join(ro, 'keep.txt'), 'old\n');
    // Tests run as root, for whom chmod 0555 stops nothing; a read-only mount stops every writer.
    const why = readOnlyBind(ro);
    if (why) {
      console.log(`# skipping the read-only mount case: ${why}`);
      t.skip(why);
      return;
    }
    mounted.push(ro);
    const payload = join(work, 'payload.bin');
    await writeFile(payload, Buffer.alloc(256 * 1024, 7));
    const r = await build(
      'upload-ro',
      `  provisioner "file" {
    source      = "${payload}"
    destination = "${ro}/keep.txt"
  }`,
    );
    assert.equal(r.code, 1, r.all);
    // OpenSSH's sftp-server maps EROFS to the bare status "Failure"; statvfs of the directory tells why.
    const message = `upload ${payload} -> ${ro}/keep.txt failed: Failure (${ro} is on a read-only file system)`;
    assert.ok(r.all.includes(`==> null.box: Upload failed: ${message}\n`), r.all);
    assert.match(r.all, new RegExp(`Build 'null\\.box' errored after [^:]+: ${escapeRegExp(message)}\n`));
    assert.deepEqual(await readdir(ro), ['keep.txt']);
    assert.equal(await readFile(join(ro, 'keep.txt'), 'utf8'), 'old\n');
  });

  test('upload onto a full file system (a 1 MiB tmpfs): a clear error, exit 1, the old file intact, no temporary left', async (t) => {
    const full = join(work, 'full');
    await mkdir(full);
    const why = smallTmpfs(full);
    if (why) {
      console.log(`# skipping the full-disk case: ${why}`);
      t.skip(why);
      return;
    }
    mounted.push(full);
    await writeFile(join(full, 'keep.txt'), 'old\n');
    const payload = join(work, 'payload-4m.bin');
    await writeFile(payload, Buffer.alloc(4 * 1024 * 1024, 9));
    const r = await build(
      'upload-full',
      `  provisioner "file" {
    source      = "${payload}"
    destination = "${full}/keep.txt"
  }`,
    );
    assert.equal(r.code, 1, r.all);
    const message = `upload ${payload} -> ${full}/keep.txt failed: Failure (no space left on the file system of ${full}: 4194304 bytes needed)`;
    assert.ok(r.all.includes(`==> null.box: Upload failed: ${message}\n`), r.all);
    // The bytes went to a temporary name beside the file, removed after the failure: keep.txt is untouched.
    assert.deepEqual(await readdir(full), ['keep.txt']);
    assert.equal(await readFile(join(full, 'keep.txt'), 'utf8'), 'old\n');
  });

  test('upload of a tree under a path whose parent is a regular file: a clear error, exit 1, nothing written', async () => {
    // The as-root stand-in for a directory that cannot be created: mkdir under a regular file fails
    // with "not a directory" whoever asks.
    const blocker = join(work, 'blocker');
    await writeFile(blocker, 'a regular file\n');
    const src = join(work, 'src-tree');
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'sub', 'f.txt'), 'f\n');
    const before = (await readdir(work)).sort();
    const r = await build(
      'upload-blocked',
      `  provisioner "file" {
    source      = "${src}/"
    destination = "${blocker}/dest"
  }`,
    );
    assert.equal(r.code, 1, r.all);
    const message = `${blocker} exists on the remote side and is not a directory`;
    assert.ok(r.all.includes(`==> null.box: Upload failed: ${message}\n`), r.all);
    assert.match(r.all, new RegExp(`Build 'null\\.box' errored after [^:]+: ${escapeRegExp(message)}\n`));
    assert.equal(await readFile(blocker, 'utf8'), 'a regular file\n');
    assert.deepEqual((await readdir(work)).sort(), [...before, 'upload-blocked.pkr.hcl'].sort());
  });

  test('a key the host refuses: the auth failed reason, exit 1, nothing provisioned', async () => {
    const stranger = join(work, 'stranger_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const marker = join(work, 'never-created');
    const r = await build(
      'wrong-key',
      `  provisioner "shell" {
    inline = ["touch ${marker}"]
  }`,
      [],
      stranger,
    );
    assert.equal(r.code, 1, r.all);
    assert.match(r.all, /SSH not available yet \(attempt 1\): .*auth/i);
    assert.match(
      r.all,
      /Build 'null\.box' errored after [^:]+: .*SSH authentication failed 1 time\(s\) \(ssh_handshake_attempts = 1\)/,
    );
    await assert.rejects(readFile(marker), { code: 'ENOENT' });
  });

  const abortTemplate = (marker: string) => `  provisioner "shell" {
    inline        = ["echo created > ${marker}"]
    remote_folder = "${work}"
  }
  provisioner "shell" {
    inline        = ["exit 7"]
    remote_folder = "${work}"
  }
  error-cleanup-provisioner "shell" {
    inline        = ["rm -f ${marker}", "echo cleaned up"]
    remote_folder = "${work}"
  }`;

  test('default -on-error=cleanup runs the error-cleanup-provisioner: the file the build created is gone', async () => {
    const marker = join(work, 'marker-cleanup');
    const r = await build('on-error-cleanup', abortTemplate(marker));
    assert.equal(r.code, 1, r.all);
    assert.match(r.all, /Script exited with non-zero exit status: 7/);
    assert.match(r.all, /^ {4}null\.box: cleaned up$/m);
    await assert.rejects(readFile(marker), { code: 'ENOENT' });
  });

  test('-on-error=abort leaves the remote side as the failure left it: the file the build created is still there', async () => {
    const marker = join(work, 'marker-abort');
    const r = await build('on-error-abort', abortTemplate(marker), ['-on-error=abort']);
    assert.equal(r.code, 1, r.all);
    assert.match(r.all, /Script exited with non-zero exit status: 7/);
    assert.doesNotMatch(r.all, /cleaned up/);
    assert.equal(await readFile(marker, 'utf8'), 'created\n');
  });
});
