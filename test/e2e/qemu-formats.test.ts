/**
 * `imgbuild build` with the qemu builder (real qemu-system under TCG, real qemu-img, the tiny base
 * image), three builds in all: one build to compressed qcow2 alone, then raw and vmdk from the same
 * template in parallel. Every output passes `qemu-img info` and `qemu-img check`, has the requested
 * format, and holds the file the provisioner wrote (read from the ext4 partition with debugfs, no boot);
 * the parallel builds use distinct SSH and VNC ports and take clearly less than twice the single one.
 * No QEMU is left running.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

const skip =
  qemuE2eSkipReason() ?? (existsSync('/usr/sbin/debugfs') ? undefined : 'debugfs (e2fsprogs) is missing');
if (skip) console.log(`# skipping qemu formats e2e: ${skip}`);

const marker = `q2fmt${process.pid}`;

/** The provisioner's stamp, read from the image's first partition (MBR, 1 MiB offset). */
function readStamp(image: string, format: string, work: string): string {
  let raw = image;
  if (format !== 'raw') {
    raw = join(work, `${format}-check.raw`);
    execFileSync('qemu-img', ['convert', '-f', format, '-O', 'raw', image, raw]);
  }
  return execFileSync('/usr/sbin/debugfs', ['-R', 'cat /etc/imgbuild-stamp', `${raw}?offset=1048576`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

function ports(output: string, build: string, what: RegExp): number[] {
  return [...output.matchAll(new RegExp(`qemu\\.${build}: ${what.source}(\\d+)`, 'g'))].map((m) =>
    Number(m[1]),
  );
}

describe('qemu builder: output formats and parallel builds (real qemu, TCG)', {
  skip,
  timeout: 20 * 60_000,
}, () => {
  let work: string;
  let image: TinyImage;
  before(async () => {
    image = await tinyImage();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-qemu-fmt-'));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('qcow2 (compressed) alone, then raw and vmdk in parallel: valid images holding the provisioned file', async () => {
    const formats = [
      { format: 'qcow2', extra: '  disk_compression = true' },
      { format: 'raw', extra: '' },
      { format: 'vmdk', extra: '' },
    ];
    const sources = formats.map(({ format, extra }) =>
      tinySource({
        name: format,
        image,
        outputDir: join(work, `out-${format}`),
        vmName: `${marker}-${format}.${format}`,
        extra: `  format = "${format}"\n${extra}`,
      }),
    );
    await writeFile(
      join(work, 'formats.pkr.hcl'),
      `${sources.join('\n')}
build {
  sources = [${formats.map((f) => `"source.qemu.${f.format}"`).join(', ')}]
  provisioner "shell" {
    inline = ["echo \${source.name}-provisioned > /etc/imgbuild-stamp", "sync"]
  }
}
`,
    );
    let started = Date.now();
    const single = await spawnBuild(['-only=qemu.qcow2', 'formats.pkr.hcl'], work).done;
    const oneMs = Date.now() - started;
    assert.equal(single.code, 0, single.output);
    started = Date.now();
    const both = await spawnBuild(['-only=qemu.raw,qemu.vmdk', 'formats.pkr.hcl'], work).done;
    const twoMs = Date.now() - started;
    assert.equal(both.code, 0, both.output);
    const ratio = twoMs / oneMs;
    console.log(
      `# one build ${(oneMs / 1000).toFixed(1)} s, two in parallel ${(twoMs / 1000).toFixed(1)} s, ratio ${ratio.toFixed(2)}`,
    );
    assert.deepEqual(processesWith(marker), [], 'no QEMU or qemu-img left running');

    const driver = createQemuDriver();
    for (const { format } of formats) {
      const dir = join(work, `out-${format}`);
      const name = `${marker}-${format}.${format}`;
      assert.deepEqual(await readdir(dir), [name], `${format}: only the disk in the output directory`);
      const file = join(dir, name);
      const info = await driver.imageInfo(file);
      assert.equal(info.format, format, `${format}: qemu-img info format`);
      assert.equal(info.virtualSize, 1024 ** 3, `${format}: virtual size kept (skip_resize_disk)`);
      assert.equal(info.backingFile, undefined, `${format}: standalone image`);
      const check = await driver.checkImage(file, format);
      if (format === 'raw') assert.equal(check.supported, false, 'raw has no consistency check');
      else
        assert.deepEqual(
          [check.supported, check.errors, check.leaks],
          [true, 0, 0],
          `${format}: qemu-img check`,
        );
      assert.equal(readStamp(file, format, work), `${format}-provisioned`);
      const output = format === 'qcow2' ? single.output : both.output;
      assert.match(output, new RegExp(`qemu\\.${format}: VM files in directory: .*out-${format}`));
    }
    const ssh = ['raw', 'vmdk'].map((n) =>
      ports(both.output, n, /Found port for communicator \(SSH, WinRM, etc\): /),
    );
    const vnc = ['raw', 'vmdk'].map((n) => ports(both.output, n, /Found available VNC port: /));
    assert.equal(ssh[0]?.length, 1);
    assert.equal(vnc[0]?.length, 1);
    assert.notEqual(ssh[0]?.[0], ssh[1]?.[0], 'distinct forwarded ports');
    assert.notEqual(vnc[0]?.[0], vnc[1]?.[0], 'distinct VNC ports');
    assert.deepEqual(
      (await readdir(work)).filter((e) => e.startsWith('.')),
      [],
      'no staging directories left next to the outputs',
    );
    assert.ok(ratio < 1.9, `two parallel builds took ${ratio.toFixed(2)}x one build`);
  });
});
