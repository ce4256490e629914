/**
 * efi_boot with Debian's OVMF (real CLI, qemu under TCG): the tiny image's kernel started by the UEFI
 * firmware (qemuargs -kernel/-initrd/-append) sees /sys/firmware/efi; the output keeps efivars.fd.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  killLeftovers,
  processesWith,
  qemuE2eSkipReason,
  spawnBuild,
  type TinyImage,
  tinyImage,
  tinySource,
} from '../builders/qemu/e2e-helpers.js';

const skip =
  qemuE2eSkipReason() ??
  (existsSync('/usr/share/OVMF/OVMF_CODE.fd') ? undefined : 'UEFI firmware missing (Debian package ovmf)');
if (skip) console.log(`# skipping qemu EFI e2e: ${skip}`);

const marker = `q2efi${process.pid}`;

describe('qemu builder: efi_boot (real qemu, TCG, OVMF)', { skip, timeout: 10 * 60_000 }, () => {
  let work: string;
  let image: TinyImage;
  before(async () => {
    image = await tinyImage();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-qemu-efi-'));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the guest boots under UEFI and the variables file is kept with the disk', async () => {
    const vmName = `${marker}.qcow2`;
    const extra = `  efi_boot = true
  qemuargs = [["-kernel", "${image.kernel}"], ["-initrd", "${image.initrd}"], ["-append", "${image.append}"]]`;
    await writeFile(
      join(work, 'efi.pkr.hcl'),
      `${tinySource({ name: 'e', image, outputDir: 'out', vmName, extra })}
build {
  sources = ["source.qemu.e"]
  provisioner "shell" {
    inline = ["if [ -d /sys/firmware/efi ]; then echo firmware=uefi; else echo firmware=bios; fi"]
  }
}
`,
    );
    const r = await spawnBuild(['efi.pkr.hcl'], work).done;
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /qemu\.e: firmware=uefi/);
    assert.deepEqual((await readdir(join(work, 'out'))).sort(), ['efivars.fd', vmName].sort());
    assert.deepEqual(processesWith(marker), []);
  });
});
