/**
 * Issue 5, item 1: `imgbuild build examples/service` (the real CLI, real qemu under TCG, the Debian
 * base image) installs Node.js, uploads the service and enables its unit; then the produced qcow2
 * AND the VMDK of the OVF package are each booted on their own (GRUB from the disk, -snapshot) and
 * the service must answer GET /health through a forwarded port. Every disk passes `qemu-img check`,
 * the descriptor is well-formed, the .mf and checksum files match the bytes, the manifest lists both.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ovfBootDisk } from '../../src/postprocessors/ovf/find-disks.js';
import { type BaseImage, baseImageUnavailableReason, ensureBaseImage } from '../../src/testing/base-image.js';
import { repoRoot } from '../hcl/corpus-files.js';
import { killLeftovers, processesWith, spawnBuild } from '../builders/qemu/e2e-helpers.js';
import { bootVm, kvmUsable } from '../helpers/boot-vm.js';

const skip =
  baseImageUnavailableReason('debian') ??
  (existsSync('/usr/bin/xmllint') ? undefined : 'xmllint (libxml2-utils) is missing') ??
  false;
if (skip) console.log(`# skipping the service example e2e: ${skip}`);

const sha256File = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** GET /health on the forwarded port until it answers (the guest boots under TCG: up to minutes). */
async function health(port: number, timeoutMs: number): Promise<{ status: number; body: string }> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) });
      return { status: res.status, body: await res.text() };
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw new Error(`no answer on /health after ${timeoutMs} ms: ${String(last)}`);
}

async function bootAndCheckHealth(disk: string, format: string, name: string, log: (s: string) => void) {
  const vm = await bootVm({ disk, format, name, guestPorts: [8080] });
  try {
    const start = Date.now();
    const res = await health(vm.ports.get(8080)!, 300_000).catch(async (error: Error) => {
      throw new Error(
        `${error.message}\nconsole:\n${(await vm.console()).split('\n').slice(-20).join('\n')}`,
      );
    });
    log(
      `${basename(disk)}: /health answered ${res.status} after ${((Date.now() - start) / 1000).toFixed(1)} s`,
    );
    return res;
  } finally {
    await vm.kill();
  }
}

describe('examples/service: build, then boot the qcow2 and the OVF VMDK', {
  skip,
  timeout: 60 * 60_000,
}, () => {
  let work: string;
  let image: BaseImage;
  const marker = `imgbuild-e2e-service-${process.pid}`;
  before(async () => {
    image = await ensureBaseImage('debian', { onLog: (l) => console.log(`# ${l}`) });
    work = await mkdtemp(join(tmpdir(), `${marker}-`));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the images boot on their own and the service answers /health', async (t) => {
    const out = join(work, 'out');
    const ovfDir = `${out}-ovf`;
    const baseBefore = await sha256File(image.disk);
    const build = spawnBuild(
      [
        `-var=base_image=${image.disk}`,
        `-var=ssh_private_key_file=${image.privateKeyPath}`,
        `-var=output_directory=${out}`,
        '-var=service_version=9.8.7',
        // /dev/kvm can exist where KVM cannot run a Linux guest (no vmx/svm): tcg then.
        ...(kvmUsable() ? [] : ['-var=accelerator=tcg']),
        join(repoRoot, 'examples', 'service'),
      ],
      work,
    );
    const started = Date.now();
    const result = await build.done;
    t.diagnostic(`build took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    t.diagnostic(result.output.split('\n').slice(-25).join('\n'));
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /health: \{"status":"ok"/, 'the provisioner saw the service answer');
    assert.deepEqual(processesWith(marker), [], 'a process of the build is still running');

    // Every disk is a valid image of the announced format.
    const qcow2 = join(out, 'service.qcow2');
    const vmdk = await ovfBootDisk(ovfDir);
    for (const [disk, format] of [
      [qcow2, 'qcow2'],
      [vmdk, 'vmdk'],
    ] as const) {
      const info = JSON.parse(
        execFileSync('qemu-img', ['info', '--output=json', disk], { encoding: 'utf8' }),
      );
      assert.equal(info.format, format);
      assert.equal(info['virtual-size'], 2 * 1024 ** 3);
      execFileSync('qemu-img', ['check', '-f', format, disk]);
    }
    execFileSync('xmllint', ['--noout', join(ovfDir, 'service.ovf')]);
    // The OVF manifest and the checksum files name the bytes that are there.
    for (const line of (await readFile(join(ovfDir, 'service.mf'), 'utf8')).trim().split('\n')) {
      const m = /^SHA256\((.+)\)= ([0-9a-f]{64})$/.exec(line);
      assert.ok(m, line);
      assert.equal(await sha256File(join(ovfDir, m[1]!)), m[2], line);
    }
    const sums = (await readFile(join(out, 'service.qcow2.sha256'), 'utf8')).trim().split(/\s+/);
    assert.equal(sums[0], await sha256File(qcow2));
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      builds: { name: string; files: { name: string }[] }[];
    };
    const listed = manifest.builds.flatMap((b) => b.files.map((f) => basename(f.name)));
    for (const name of ['service.qcow2', 'service.ovf', 'service.mf', basename(vmdk)]) {
      assert.ok(listed.includes(name), `manifest lacks ${name}: ${listed.join(', ')}`);
    }

    // Each artifact boots by itself and runs the service, enabled at boot by systemd.
    for (const [disk, format] of [
      [qcow2, 'qcow2'],
      [vmdk, 'vmdk'],
    ] as const) {
      const res = await bootAndCheckHealth(disk, format, `${marker}-boot-${format}`, (s) => t.diagnostic(s));
      assert.equal(res.status, 200);
      const body = JSON.parse(res.body);
      assert.equal(body.status, 'ok');
      assert.deepEqual(body.build, { name: 'service', version: '9.8.7' });
    }
    assert.equal(await sha256File(image.disk), baseBefore, 'the base image changed');
  });
});
