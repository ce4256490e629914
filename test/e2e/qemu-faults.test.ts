/**
 * The qemu builder's failure paths with the real CLI, qemu-system (TCG) and qemu-img on the tiny base
 * image: a checksum mismatch and an existing output directory stop before any VM; a guest that never
 * answers SSH times out with what was tried and the serial console's last lines; a shutdown_command
 * that does not power off is forced off after shutdown_timeout; SIGINT during boot, provisioning and
 * conversion. Each time: no QEMU or qemu-img left, no output, no staging directory, base image intact.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
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
if (skip) console.log(`# skipping qemu fault e2e: ${skip}`);

const marker = `q2flt${process.pid}`;
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('qemu builder faults (real qemu, TCG)', { skip, timeout: 30 * 60_000 }, () => {
  let work: string;
  let image: TinyImage;
  let baseSum: string;
  let n = 0;
  before(async () => {
    image = await tinyImage();
    baseSum = await sha256(image.disk);
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-qemu-faults-'));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A fresh directory with a one-source template; returns the directory and the source's marker. */
  async function template(extra: string, provisioners = '') {
    const dir = join(work, `case${++n}`);
    await mkdir(dir);
    const vmName = `${marker}-${n}.qcow2`;
    await writeFile(
      join(dir, 't.pkr.hcl'),
      `${tinySource({ name: 't', image, outputDir: 'out', vmName, extra })}
build {
  sources = ["source.qemu.t"]
${provisioners}
}
`,
    );
    return { dir, vmName };
  }

  let started = 0;
  beforeEach(() => {
    started = Date.now();
  });
  afterEach((t) => {
    console.log(`# ${t.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  async function assertNothingLeft(dir: string, vmName: string) {
    assert.deepEqual(processesWith(vmName), [], 'no QEMU or qemu-img left running');
    assert.deepEqual((await readdir(dir)).sort(), ['t.pkr.hcl'], 'no output and no staging directory');
    assert.equal(await sha256(image.disk), baseSum, 'the base image is untouched');
  }

  test('checksum mismatch: error before any VM, nothing written', async () => {
    const { dir, vmName } = await template('');
    const hcl = (await readFile(join(dir, 't.pkr.hcl'), 'utf8')).replace(
      'iso_checksum         = "none"',
      `iso_checksum         = "sha256:${'0'.repeat(64)}"`,
    );
    await writeFile(join(dir, 't.pkr.hcl'), hcl);
    const r = await spawnBuild(['t.pkr.hcl'], dir).done;
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /checksum/i);
    assert.doesNotMatch(r.output, /Starting VM/);
    await assertNothingLeft(dir, vmName);
  });

  test('output directory exists without -force: error, the old output untouched', async () => {
    const { dir, vmName } = await template('');
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out', 'keep.txt'), 'old');
    const r = await spawnBuild(['t.pkr.hcl'], dir).done;
    assert.equal(r.code, 1, r.output);
    assert.match(
      r.output,
      /Output directory exists: out\n+.*Use the force flag to delete it prior to building\./,
    );
    assert.doesNotMatch(r.output, /Starting VM/);
    assert.equal(await readFile(join(dir, 'out', 'keep.txt'), 'utf8'), 'old');
    await rm(join(dir, 'out'), { recursive: true });
    await assertNothingLeft(dir, vmName);
  });

  test('a guest that never answers SSH: timeout says what was tried and shows the console', async () => {
    // Nothing listens on the guest's port 2201: QEMU forwards to it, the guest refuses.
    const { dir, vmName } = await template('  ssh_port = 2201');
    const hcl = (await readFile(join(dir, 't.pkr.hcl'), 'utf8')).replace(
      'ssh_timeout          = "4m"',
      'ssh_timeout          = "15s"',
    );
    await writeFile(join(dir, 't.pkr.hcl'), hcl);
    const r = await spawnBuild(['t.pkr.hcl'], dir).done;
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /Timeout waiting for SSH after \d+ s \(ssh_timeout\)/);
    assert.match(r.output, /Tried: SSH to 127\.0\.0\.1:\d+ \(forwarded to the guest's port 2201\)/);
    assert.match(r.output, /Last lines of the serial console \(.*console\.log\):/);
    // The guest's kernel writes to the serial console within a few seconds of starting.
    assert.match(r.output, /Linux version|imgtiny|login:/);
    await assertNothingLeft(dir, vmName);
  });

  test('a shutdown_command that does not power off is forced off after shutdown_timeout', async () => {
    const { dir, vmName } = await template('', '');
    const hcl = (await readFile(join(dir, 't.pkr.hcl'), 'utf8'))
      .replace('shutdown_command     = "poweroff"', 'shutdown_command     = "echo not today"')
      .replace('shutdown_timeout     = "1m"', 'shutdown_timeout     = "3s"');
    await writeFile(join(dir, 't.pkr.hcl'), hcl);
    const r = await spawnBuild(['t.pkr.hcl'], dir).done;
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /not today/);
    assert.match(r.output, /did not power off within shutdown_timeout; forcing it off/);
    assert.match(r.output, /Timeout while waiting for machine to shut down\./);
    await assertNothingLeft(dir, vmName);
  });

  for (const phase of [
    { name: 'boot', provisioners: '', waitFor: /Waiting for SSH to become available/ },
    {
      name: 'provisioning',
      provisioners: '  provisioner "shell" {\n    inline = ["echo started-provisioning", "sleep 300"]\n  }',
      waitFor: /started-provisioning/,
    },
    {
      name: 'conversion',
      provisioners:
        '  provisioner "shell" {\n    inline = ["head -c 48000000 /dev/urandom > /root/noise", "sync"]\n  }',
      extra: '  disk_compression = true',
      waitFor: /Converting hard drive/,
    },
  ]) {
    test(`SIGINT during ${phase.name}: exit 130, QEMU and temporary output gone`, async () => {
      const { dir, vmName } = await template(phase.extra ?? '', phase.provisioners);
      const build = spawnBuild(['t.pkr.hcl'], dir);
      await build.waitFor(phase.waitFor);
      if (phase.name === 'conversion') {
        assert.ok(processesWith(vmName).length > 0, 'qemu-img is converting when the signal is sent');
      }
      build.kill('SIGINT');
      const r = await build.done;
      assert.equal(r.code, 130, r.output);
      await assertNothingLeft(dir, vmName);
    });
  }
});
