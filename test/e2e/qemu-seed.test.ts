/**
 * A qemu build using Packer's qemuargs idioms and the HTTP server (real CLI, qemu under TCG, tiny
 * image): `-netdev … hostfwd=tcp:127.0.0.1:{{ .SSHHostPort }}-:22` and a `-device` row replace the
 * defaults (the NIC is given back by the template, as Packer requires), `-serial` goes to a file the
 * template names with `{{ .Name }}`; the guest fetches http_content from `build.PackerHTTPAddr`
 * (10.0.2.2:port through user networking) and the fetched text ends up in the image. When Debian's
 * OVMF is installed the same build boots with efi_boot (the kernel, given with qemuargs, is started by
 * the UEFI firmware and sees /sys/firmware/efi) and the output keeps efivars.fd.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  qemuE2eSkipReason() ?? (existsSync('/usr/sbin/debugfs') ? undefined : 'debugfs (e2fsprogs) is missing');
if (skip) console.log(`# skipping qemu seed e2e: ${skip}`);

const marker = `q2seed${process.pid}`;
const efi = existsSync('/usr/share/OVMF/OVMF_CODE.fd');
if (!efi) console.log('# qemu seed e2e without efi_boot: UEFI firmware missing (Debian package ovmf)');

describe('qemu builder: qemuargs overrides and the HTTP server (real qemu, TCG)', {
  skip,
  timeout: 10 * 60_000,
}, () => {
  let work: string;
  let image: TinyImage;
  before(async () => {
    image = await tinyImage();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-qemu-seed-'));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the guest reaches the build HTTP server; template devices, netdev and serial are used', async () => {
    const started = Date.now();
    const vmName = `${marker}.raw`;
    const consoleLog = join(work, 'serial-{{ .Name }}.log');
    const extra = `  format = "raw"
  http_content = { "/hello.txt" = "hello over http" }
  qemuargs = [
    ["-netdev", "user,id=user.0,", "hostfwd=tcp:127.0.0.1:{{ .SSHHostPort }}-:22"],
    ["-device", "virtio-net-pci,netdev=user.0"],
    ["-device", "virtio-rng-pci"],
    ["-serial", "file:${consoleLog}"],${
      efi
        ? `
    ["-kernel", "${image.kernel}"],
    ["-initrd", "${image.initrd}"],
    ["-append", "${image.append}"],`
        : ''
    }
  ]${efi ? '\n  efi_boot = true' : ''}`;
    await writeFile(
      join(work, 'seed.pkr.hcl'),
      `${tinySource({ name: 's', image, outputDir: 'out', vmName, extra })}
build {
  sources = ["source.qemu.s"]
  provisioner "shell" {
    inline = [
      "wget -q -O /etc/imgbuild-stamp http://\${build.PackerHTTPAddr}/hello.txt",
      "cat /etc/imgbuild-stamp",
      "if [ -d /sys/firmware/efi ]; then echo firmware=uefi; else echo firmware=bios; fi",
      "sync",
    ]
  }
}
`,
    );
    const r = await spawnBuild(['seed.pkr.hcl'], work).done;
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /Starting HTTP server on port \d+/);
    assert.match(r.output, /Overriding default Qemu arguments with qemuargs template option/);
    assert.match(r.output, /qemu\.s: hello over http/);
    // The template's serial file got the guest's console (so imgbuild's default was replaced).
    const serial = await readFile(join(work, `serial-${vmName}.log`), 'utf8');
    assert.match(serial, /Linux version/);
    const stamp = execFileSync(
      '/usr/sbin/debugfs',
      ['-R', 'cat /etc/imgbuild-stamp', `${join(work, 'out', vmName)}?offset=1048576`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    assert.equal(stamp, 'hello over http');
    assert.match(r.output, efi ? /firmware=uefi/ : /firmware=bios/);
    assert.deepEqual((await readdir(join(work, 'out'))).sort(), efi ? ['efivars.fd', vmName] : [vmName]);
    assert.deepEqual(processesWith(marker), []);
    console.log(`# seed build ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
