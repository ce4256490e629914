/**
 * One `imgbuild build` (in-process main()) of a null-builder template against a real OpenSSH sshd on
 * loopback: shell (inline and a script file), file uploads (a file, a tree with and without trailing
 * slash), file downloads (a file, a tree), shell-local, then artifice → compress (tar.gz) → checksum
 * (sha256) → manifest. The "remote" side is this machine (a tmp dir), so every output is compared
 * byte for byte with its origin.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { nullSshArguments, type Sshd, sshdAvailable, startSshd } from '../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';
if (skip) console.log(`# skipping null build e2e: ${skip}`);

/** Every file under `dir` (relative path → bytes and permission bits), directories with their modes. */
async function tree(dir: string): Promise<Map<string, { mode: number; bytes?: string }>> {
  const out = new Map<string, { mode: number; bytes?: string }>();
  for (const rel of (await readdir(dir, { recursive: true })).sort()) {
    const path = join(dir, rel);
    const st = await stat(path);
    out.set(rel, {
      mode: st.mode & 0o7777,
      ...(st.isDirectory() ? {} : { bytes: (await readFile(path)).toString('hex') }),
    });
  }
  return out;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('imgbuild build: null builder end to end (real sshd)', { skip }, () => {
  let sshd: Sshd;
  let work: string;
  before(async () => {
    sshd = await startSshd();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-null-'));
  });
  after(async () => {
    await sshd?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('provisioners and post-processors produce byte-identical outputs', async () => {
    const remote = join(work, 'remote');
    const local = join(work, 'local');
    const out = join(work, 'out');
    await mkdir(remote);
    await mkdir(join(local, 'up', 'tree', 'sub', 'deep'), { recursive: true });
    await mkdir(out);
    // A tree with distinct modes, to upload.
    const upTree = join(local, 'up', 'tree');
    await writeFile(join(upTree, 'a.txt'), 'alpha\n');
    await chmod(join(upTree, 'a.txt'), 0o640);
    await writeFile(join(upTree, 'sub', 'run.sh'), '#!/bin/sh\necho run\n');
    await chmod(join(upTree, 'sub', 'run.sh'), 0o755);
    await writeFile(join(upTree, 'sub', 'deep', 'c.bin'), Buffer.from([0, 1, 2, 255, 254, 10, 13]));
    await chmod(join(upTree, 'sub', 'deep', 'c.bin'), 0o600);
    await chmod(join(upTree, 'sub'), 0o750);
    const single = join(local, 'single.bin');
    await writeFile(single, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)));
    await chmod(single, 0o604);
    // The script creates the files that are downloaded afterwards (random bytes: nothing to predict).
    const script = join(local, 'make.sh');
    await writeFile(
      script,
      [
        '#!/bin/sh',
        'set -e',
        `mkdir -p ${remote}/gen/tree/nested`,
        `printf 'report from %s\\n' "$PACKER_BUILD_NAME" > ${remote}/gen/report.txt`,
        `head -c 65536 /dev/urandom > ${remote}/gen/tree/random.bin`,
        `printf 'nested\\n' > ${remote}/gen/tree/nested/n.txt`,
        'echo script done',
      ].join('\n'),
    );
    const dl = join(out, 'dl');
    const template = `
source "null" "box" {
${nullSshArguments(sshd, ['  ssh_timeout          = "20s"'])}
}
build {
  sources = ["source.null.box"]
  provisioner "shell" {
    inline        = ["printf 'inline on %s\\\\n' \\"$PACKER_BUILDER_TYPE\\" > ${remote}/inline.txt", "echo inline done"]
    remote_folder = "${remote}"
  }
  provisioner "shell" {
    script        = "${script}"
    remote_folder = "${remote}"
  }
  provisioner "file" {
    source      = "${single}"
    destination = "${remote}/single.bin"
  }
  provisioner "file" {
    source      = "${upTree}"
    destination = "${remote}/up-noslash"
  }
  provisioner "file" {
    source      = "${upTree}/"
    destination = "${remote}/up-slash"
  }
  provisioner "file" {
    source      = "${remote}/gen/report.txt"
    destination = "${dl}/"
    direction   = "download"
  }
  provisioner "file" {
    source      = "${remote}/gen/tree"
    destination = "${dl}"
    direction   = "download"
  }
  provisioner "shell-local" {
    inline = ["cat ${dl}/report.txt", "ls ${dl}/tree/nested > ${out}/local.txt"]
  }
  post-processors {
    post-processor "artifice" {
      files = ["${dl}/report.txt", "${dl}/tree/random.bin", "${dl}/tree/nested/n.txt"]
    }
    # Without keep_input_artifact the compress step destroys its input (artifice's files), as Packer.
    post-processor "compress" {
      output              = "${out}/bundle.tar.gz"
      keep_input_artifact = true
    }
    post-processor "checksum" {
      checksum_types = ["sha256"]
      output         = "${out}/{{.BuildName}}_{{.ChecksumType}}.checksum"
    }
    post-processor "manifest" {
      output     = "${out}/packer-manifest.json"
      strip_time = true
    }
  }
}
`;
    await writeFile(join(work, 'e2e.pkr.hcl'), template);
    const r = await runCli(['build', '-color=false', 'e2e.pkr.hcl'], { cwd: work });
    const shown = r.out + r.err;
    assert.equal(r.code, 0, shown);

    // What the user saw, in order.
    const expected = [
      /^ {4}null\.box: inline done$/,
      /^ {4}null\.box: script done$/,
      new RegExp(`^==> null\\.box: Uploading ${single} => ${remote}/single\\.bin$`),
      new RegExp(`^==> null\\.box: Downloading ${remote}/gen/report\\.txt => ${dl}/report\\.txt$`),
      /^ {4}null\.box: report from box$/,
      /^Build 'null\.box' finished/,
    ];
    let at = 0;
    for (const line of shown.split('\n')) if (at < expected.length && expected[at]!.test(line)) at++;
    assert.equal(at, expected.length, `missing, in order, ${expected[at]} in:\n${shown}`);

    // Shell: inline and script outputs on the remote side.
    assert.equal(await readFile(join(remote, 'inline.txt'), 'utf8'), 'inline on null\n');
    assert.equal(await readFile(join(remote, 'gen', 'report.txt'), 'utf8'), 'report from box\n');
    // The uploaded scripts were removed after running (skip_clean = false).
    assert.deepEqual(
      (await readdir(remote)).filter((n) => n.startsWith('script_')),
      [],
    );

    // Uploads: the file with its bytes and mode; the tree under its name without a trailing slash, its
    // contents directly with one; modes kept.
    assert.deepEqual(await readFile(join(remote, 'single.bin')), await readFile(single));
    assert.equal((await stat(join(remote, 'single.bin'))).mode & 0o777, 0o604);
    const want = await tree(upTree);
    assert.equal(want.get('sub')?.mode, 0o750);
    assert.equal(want.get('sub/run.sh')?.mode, 0o755);
    assert.deepEqual(await readdir(join(remote, 'up-noslash')), ['tree']);
    assert.deepEqual(await tree(join(remote, 'up-noslash', 'tree')), want);
    assert.deepEqual(await tree(join(remote, 'up-slash')), want);

    // Downloads: the file and the tree equal what the script created.
    assert.deepEqual(
      await readFile(join(dl, 'report.txt')),
      await readFile(join(remote, 'gen', 'report.txt')),
    );
    const remoteTree = await tree(join(remote, 'gen', 'tree'));
    assert.deepEqual([...remoteTree.keys()], ['nested', 'nested/n.txt', 'random.bin']);
    assert.equal(remoteTree.get('random.bin')?.bytes?.length, 65536 * 2);
    assert.deepEqual(await tree(join(dl, 'tree')), remoteTree);

    // shell-local ran on this side after the downloads.
    assert.equal(await readFile(join(out, 'local.txt'), 'utf8'), 'n.txt\n');

    // compress: a tar.gz whose members (base names, as Packer's) equal the artifact's files.
    const bundle = join(out, 'bundle.tar.gz');
    const listing = execFileSync('tar', ['-tzf', bundle], { encoding: 'utf8' });
    assert.deepEqual(listing.trim().split('\n').sort(), ['n.txt', 'random.bin', 'report.txt']);
    const unpacked = join(work, 'unpacked');
    await mkdir(unpacked);
    execFileSync('tar', ['-xzf', bundle, '-C', unpacked]);
    assert.deepEqual(await readFile(join(unpacked, 'report.txt')), await readFile(join(dl, 'report.txt')));
    assert.deepEqual(
      await readFile(join(unpacked, 'random.bin')),
      await readFile(join(dl, 'tree', 'random.bin')),
    );
    assert.deepEqual(
      await readFile(join(unpacked, 'n.txt')),
      await readFile(join(dl, 'tree', 'nested', 'n.txt')),
    );

    // checksum: `<sha256>\t<base name>\n` of the archive, recomputed here.
    const checksumFile = join(out, 'box_sha256.checksum');
    assert.equal(await readFile(checksumFile, 'utf8'), `${sha256(await readFile(bundle))}\tbundle.tar.gz\n`);

    // manifest: Packer's fields for the checksum artifact (the archive and the checksum file, as the
    // template named them: absolute paths outside the working directory).
    const manifest = JSON.parse(await readFile(join(out, 'packer-manifest.json'), 'utf8'));
    const runId = manifest.last_run_uuid;
    assert.match(runId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(manifest, {
      builds: [
        {
          name: 'box',
          builder_type: 'null',
          files: [
            { name: bundle, size: (await stat(bundle)).size },
            { name: checksumFile, size: (await stat(checksumFile)).size },
          ],
          // The checksum artifact has no id (Packer's checksum Artifact.Id() is "").
          artifact_id: '',
          packer_run_uuid: runId,
          custom_data: null,
        },
      ],
      last_run_uuid: runId,
    });
    // No temporary outputs left next to the artifacts.
    assert.deepEqual((await readdir(out)).sort(), [
      'box_sha256.checksum',
      'bundle.tar.gz',
      'dl',
      'local.txt',
      'packer-manifest.json',
    ]);
  });
});
