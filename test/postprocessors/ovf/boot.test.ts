/**
 * The VMDK of an OVF package boots: the project's tiny base image (GRUB on the disk) packaged by the
 * ovf post-processor, then the package's disk — found through the descriptor — booted under qemu
 * (TCG, -snapshot) and logged into over SSH.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ovfBootDisk } from '../../../src/postprocessors/ovf/find-disks.js';
import { runOvf } from '../../../src/postprocessors/ovf/run.js';
import { baseImageUnavailableReason, ensureBaseImage } from '../../../src/testing/base-image.js';
import { bootVm } from '../../helpers/boot-vm.js';
import { inputArtifact, postProcessContext } from '../helpers/context.js';
import { assertManifestMatches, assertQemuImgCheck } from './helpers/ovf-checks.js';

const skip = baseImageUnavailableReason('tiny') ?? false;
if (skip) console.log(`# skipping the OVF boot test: ${skip}`);

test('the VMDK from an OVF package of the tiny base image boots and answers SSH', {
  skip,
  timeout: 300_000,
}, async (t) => {
  const testStart = Date.now();
  const image = await ensureBaseImage('tiny', { onLog: (l) => t.diagnostic(l) });
  const work = await mkdtemp(join(tmpdir(), 'imgbuild-ovf-boot-'));
  try {
    const started = Date.now();
    await runOvf(
      { output: join(work, 'pkg'), vm_name: 'tiny', os_type: 'Linux26_64' },
      inputArtifact([image.disk]),
      postProcessContext(work),
    );
    t.diagnostic(`packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await assertManifestMatches(join(work, 'pkg', 'tiny.mf'));
    const vmdk = await ovfBootDisk(join(work, 'pkg'));
    assertQemuImgCheck(vmdk);

    const bootStart = Date.now();
    const vm = await bootVm({ disk: vmdk, format: 'vmdk', name: `imgbuild-test-ovf-boot-${process.pid}` });
    try {
      const key = { user: image.user, privateKeyPath: image.privateKeyPath };
      // Probing SSH only once the guest says sshd runs spares early probes that slirp accepts and drops.
      const deadline = Date.now() + 150_000;
      while (Date.now() < deadline && !/sshd started|login:/.test(await vm.console())) {
        await new Promise((r) => setTimeout(r, 500));
      }
      // Bounded whatever the helper does: a hung wait must fail this test, never stall the suite.
      await withTimeout(vm.waitForSsh(key), 180_000, async () => {
        const tail = (await vm.console()).split('\n').slice(-10).join('\n');
        return `no SSH into the VMDK's guest after 180 s; console:\n${tail}`;
      });
      t.diagnostic(
        `ssh into the VMDK's guest ${((Date.now() - bootStart) / 1000).toFixed(1)} s after qemu started`,
      );
      const cmdline = await vm.ssh(['cat', '/proc/cmdline'], key);
      assert.equal(cmdline.exitCode, 0);
      // Booted by GRUB from the disk itself (no -kernel): the root is the image's filesystem.
      assert.match(cmdline.stdout, /root=LABEL=imgroot/);
    } finally {
      await vm.kill();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    t.diagnostic(`boot test took ${((Date.now() - testStart) / 1000).toFixed(1)} s`);
  }
});

async function withTimeout<T>(p: Promise<T>, ms: number, why: () => Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => void why().then((m) => reject(new Error(m))), ms);
  });
  try {
    return await Promise.race([p, expired]);
  } finally {
    clearTimeout(timer);
  }
}
