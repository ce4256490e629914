/**
 * Two qemu builds of one template in parallel (real qemu, TCG, tiny image): both succeed, use
 * different forwarded and VNC ports and output directories, and together take clearly less than
 * twice one build (measured in the same run, one build first).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createQemuDriver } from '../../src/builders/qemu/real-driver.js';
import {
  killLeftovers,
  processesWith,
  qemuE2eSkipReason,
  spawnBuild,
  type TinyImage,
  tinyImage,
  tinySource,
} from '../builders/qemu/e2e-helpers.js';

const skip = qemuE2eSkipReason();
if (skip) console.log(`# skipping qemu parallel e2e: ${skip}`);

const marker = `q2par${process.pid}`;

function ports(output: string, build: string, what: RegExp): number[] {
  return [...output.matchAll(new RegExp(`qemu\\.${build}: ${what.source}(\\d+)`, 'g'))].map((m) =>
    Number(m[1]),
  );
}

describe('qemu builder: two builds in parallel (real qemu, TCG)', { skip, timeout: 20 * 60_000 }, () => {
  let work: string;
  let image: TinyImage;
  before(async () => {
    image = await tinyImage();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-qemu-par-'));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('both succeed on distinct ports and outputs, in clearly less than twice one build', async () => {
    const names = ['a', 'b'];
    const sources = names.map((name) =>
      tinySource({ name, image, outputDir: `out-${name}`, vmName: `${marker}-${name}.qcow2` }),
    );
    await writeFile(
      join(work, 'par.pkr.hcl'),
      `${sources.join('\n')}
build {
  sources = ["source.qemu.a", "source.qemu.b"]
  provisioner "shell" {
    inline = ["echo \${source.name} > /etc/imgbuild-stamp", "sync"]
  }
}
`,
    );
    let started = Date.now();
    const single = await spawnBuild(['-only=qemu.a', 'par.pkr.hcl'], work).done;
    const oneMs = Date.now() - started;
    assert.equal(single.code, 0, single.output);
    await rm(join(work, 'out-a'), { recursive: true });

    started = Date.now();
    const both = await spawnBuild(['par.pkr.hcl'], work).done;
    const twoMs = Date.now() - started;
    assert.equal(both.code, 0, both.output);
    const ratio = twoMs / oneMs;
    console.log(
      `# one build ${(oneMs / 1000).toFixed(1)} s, two in parallel ${(twoMs / 1000).toFixed(1)} s, ratio ${ratio.toFixed(2)}`,
    );

    const ssh = names.map((n) => ports(both.output, n, /Found port for communicator \(SSH, WinRM, etc\): /));
    const vnc = names.map((n) => ports(both.output, n, /Found available VNC port: /));
    assert.equal(ssh[0]?.length, 1);
    assert.equal(vnc[0]?.length, 1);
    assert.notEqual(ssh[0]?.[0], ssh[1]?.[0], 'distinct forwarded ports');
    assert.notEqual(vnc[0]?.[0], vnc[1]?.[0], 'distinct VNC ports');
    const driver = createQemuDriver();
    for (const n of names) {
      const file = join(work, `out-${n}`, `${marker}-${n}.qcow2`);
      assert.deepEqual(await readdir(join(work, `out-${n}`)), [`${marker}-${n}.qcow2`]);
      const check = await driver.checkImage(file, 'qcow2');
      assert.deepEqual([check.errors, check.leaks], [0, 0]);
    }
    assert.deepEqual(processesWith(marker), []);
    assert.ok(ratio < 1.9, `two parallel builds took ${ratio.toFixed(2)}x one build`);
  });
});
